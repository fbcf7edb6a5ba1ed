/** `gauntlet view`: the local web viewer over the run history, until Ctrl-C. */
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { DEFAULT_RUNS_DIR } from '../../run/history/index.js';
import { AlertRuleError, loadAlertRules } from '../../view/alerts.js';
import { isLoopbackHost, LOOPBACK_HOSTS, startViewer } from '../../view/server.js';
import { reportError } from '../errors.js';
import { type CliIO, untilStopped } from '../io.js';

export { type RunningViewer, startViewer, type ViewerOptions } from '../../view/server.js';

export interface ViewFlags {
  runsDir?: string;
  db?: string;
  port?: string;
  host?: string;
  alert?: string[];
  alerts?: string;
}

/** Serves the viewer and resolves with its exit code once a stop signal arrives. */
export async function viewCommand(flags: ViewFlags, io: CliIO): Promise<number> {
  try {
    const host = flags.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new UsageError(
        `--host ${host}: the viewer serves your run history (model outputs included) over plain HTTP, so it binds loopback only: --host ${LOOPBACK_HOSTS.join(', --host ')}. To reach it from elsewhere, use an SSH tunnel: ssh -L 8080:127.0.0.1:PORT host`,
      );
    }
    const portText = flags.port ?? '0';
    const port = Number(portText);
    if (portText.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(
        `--port must be a whole number from 0 to 65535 (0 picks a free port), got ${JSON.stringify(portText)}`,
      );
    }
    let rules: ReturnType<typeof loadAlertRules>;
    try {
      rules = loadAlertRules({
        ...(flags.alert ? { rules: flags.alert } : {}),
        ...(flags.alerts ? { file: path.resolve(io.cwd, flags.alerts) } : {}),
      });
    } catch (err) {
      const flag = err instanceof AlertRuleError ? '--alert' : '--alerts';
      throw new UsageError(`${flag}: ${(err as Error).message}`, { cause: err });
    }
    const viewer = await startViewer({
      runsDir: path.resolve(io.cwd, flags.runsDir ?? DEFAULT_RUNS_DIR),
      host,
      port,
      rules,
      env: io.env,
      ...(flags.db ? { db: flags.db } : {}),
    });
    io.stdout.write(
      `Gauntlet viewer: ${viewer.url}\n` +
        `  open it in a browser (the token is part of the URL); API: curl -H 'Authorization: Bearer ${viewer.token}' ${viewer.origin}/api/runs\n` +
        `  alert rules: ${rules.map((r) => r.text).join('; ')}\n` +
        '  stop with Ctrl-C\n',
    );
    await untilStopped(io);
    await viewer.close();
    io.stdout.write('gauntlet view: stopped\n');
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
