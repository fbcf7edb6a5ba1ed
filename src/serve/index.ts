/**
 * `gauntlet serve`: a reference OpenAI-compatible server with a simulated engine, for trying Gauntlet
 * without a GPU and for proving that every check can fail (see `broken`).
 */
import type { AddressInfo } from 'node:net';
import { GauntletError } from '../errors.js';
import { buildApp } from './app.js';
import { createContext } from './context.js';
import { formatPath, ServeConfigError } from './errors.js';
import { type ResolvedServeOptions, type ServeOptions, serveOptionsSchema } from './options.js';

export { type AnswerRule, loadAnswers } from './answers.js';
export { type BrokenMode, brokenModes, isBrokenMode } from './broken.js';
export { loadServeConfig } from './config-file.js';
export { countTokens, tokenize } from './engine/tokenizer.js';
export { ServeConfigError } from './errors.js';
export {
  type Distribution,
  type LatencyModel,
  type ResolvedServeOptions,
  type ServeOptions,
  serveOptionsSchema,
} from './options.js';
export type { RequestRecord } from './recorder.js';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash; the OpenAI base is `${url}/v1`). */
  url: string;
  port: number;
  /** Ends in-flight streams and hung requests, then stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** Applies defaults and validates; throws ServeConfigError naming the field. */
export function resolveServeOptions(opts: ServeOptions = {}): ResolvedServeOptions {
  const parsed = serveOptionsSchema.safeParse(opts);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  throw new ServeConfigError(issue?.message ?? 'invalid options', { field: formatPath(path) });
}

/** Starts the server and resolves once it listens. */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const options = resolveServeOptions(opts);
  const ctx = createContext(options);
  const app = buildApp(ctx);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await app.close();
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new GauntletError(
      'E_SERVE_LISTEN',
      `Cannot listen on ${options.host}:${options.port} (${reason}). Choose another port, or 0 for a free one.`,
      { exitCode: 2, cause: err },
    );
  }
  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = async () => {
    ctx.shutdown.abort(new Error('server closing'));
    // Let the aborted handlers write their last bytes before the sockets are cut.
    await new Promise((resolve) => setImmediate(resolve));
    await app.close();
  };
  return {
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

// A wildcard address is not something to connect to; IPv6 literals need brackets in a URL.
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
