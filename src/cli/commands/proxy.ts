/** `gauntlet proxy`: the fault-injection proxy in front of a server, driven by its control API, until Ctrl-C. */
import { randomBytes } from 'node:crypto';
import type { Fault } from '../../config/faults.js';
import { UsageError } from '../../errors.js';
import {
  FaultInputError,
  FaultProxyError,
  parseFault,
  parseUpstream,
  startFaultProxy,
} from '../../serve/proxy/index.js';
import { reportError } from '../errors.js';
import { type CliIO, untilStopped } from '../io.js';

export interface ProxyFlags {
  upstream?: string;
  listen?: string;
  controlPort?: string;
  token?: string;
  fault?: string[];
  seed?: string;
}

/** Starts the proxy and resolves with its exit code once a stop signal arrives. */
export async function proxyCommand(flags: ProxyFlags, io: CliIO): Promise<number> {
  try {
    if (!flags.upstream) {
      throw new UsageError(
        '--upstream is required: the server to put faults in front of, e.g. --upstream http://127.0.0.1:8000',
      );
    }
    const upstream = flagged('--upstream', () => parseUpstream(flags.upstream as string)).origin;
    const { host, port } = parseListen(flags.listen ?? '127.0.0.1:0');
    const controlPort = parseIntFlag('--control-port', flags.controlPort ?? '0', 0, 65535);
    const seed =
      flags.seed === undefined ? undefined : parseIntFlag('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1);
    if (flags.token !== undefined && flags.token.trim() === '')
      throw new UsageError('--token must not be empty');
    const token = flags.token ?? randomBytes(18).toString('base64url');
    const faults = (flags.fault ?? []).map(parseFaultFlag);

    const proxy = await startFaultProxy({
      upstream,
      host,
      port,
      seed,
      control: { port: controlPort, token },
    });
    const names = faults.map((f) => proxy.add(f));
    const control = proxy.control as { url: string };
    const shownToken = flags.token === undefined ? token : '<your --token>';
    io.stdout.write(
      `gauntlet proxy: ${proxy.url} -> ${upstream} (seed ${proxy.seed})\n` +
        `control API: ${control.url} with Authorization: Bearer ${shownToken}\n` +
        `  add a fault:  curl -H 'Authorization: Bearer ${shownToken}' -d '{"type":"latency","latency":"200ms"}' ${control.url}/faults\n` +
        `  list, stats:  GET ${control.url}/faults, GET ${control.url}/stats; remove: DELETE /faults/NAME, POST /reset\n` +
        (names.length ? `faults: ${names.join(', ')}\n` : ''),
    );
    await untilStopped(io);
    const stats = proxy.stats();
    await proxy.close();
    io.stdout.write(
      `gauntlet proxy: stopped after ${stats.connections} connections, ${stats.requests} requests\n`,
    );
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function flagged<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof FaultProxyError) throw new UsageError(`${flag}: ${err.message}`, { cause: err });
    throw err;
  }
}

function parseFaultFlag(text: string): Fault {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `--fault ${text} is not JSON (${(err as Error).message}); e.g. --fault '{"type":"latency","latency":"200ms"}'`,
    );
  }
  try {
    return parseFault(json);
  } catch (err) {
    if (err instanceof FaultInputError)
      throw new UsageError(`--fault ${text}: ${err.message}`, { cause: err });
    throw err;
  }
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) {
    throw new UsageError(
      `--listen must be HOST:PORT or PORT (0 picks a free port), e.g. 127.0.0.1:8474, got ${JSON.stringify(text)}`,
    );
  }
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

function parseIntFlag(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}
