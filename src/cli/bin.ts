/** Entry point of the `gauntlet` binary: wires the real process to `main` and Ctrl-C to the run's signal. */

import { processIO } from './io.js';
import { main } from './main.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = (sig: NodeJS.Signals) => {
  interrupts++;
  if (interrupts > 1) process.exit(130); // a second Ctrl-C means now
  process.stderr.write(`\n${sig}: stopping cleanly (Ctrl-C again to quit at once)\n`);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), processIO(controller.signal));
process.exitCode = code;
// Lingering keep-alive sockets or timers must not hold the verdict back.
setTimeout(() => process.exit(code), 200).unref();
