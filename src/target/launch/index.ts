/** target.launch: start the server under test, time its startup, sample its resources, stop it. */
export type { LaunchErrorCode, LaunchErrorDetails } from './errors.js';
export { LaunchError } from './errors.js';
export { killAllTargets } from './kill.js';
export { launchTarget } from './launch.js';
export { findFreePort, substitutePort } from './port.js';
export type {
  ExitInfo,
  LaunchedTarget,
  LaunchOptions,
  LaunchSpec,
  LaunchStats,
  OutputStream,
} from './types.js';
