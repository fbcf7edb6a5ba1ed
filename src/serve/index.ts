/**
 * `gauntlet serve`: a reference OpenAI-compatible server with a simulated engine, for trying Gauntlet
 * without a GPU and for proving that every check can fail (see `broken`).
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { GauntletError } from '../errors.js';
import { buildApp } from './app.js';
import { createContext } from './context.js';
import { formatPath, ServeConfigError } from './errors.js';
import { type EngineInfo, LlamaEngine } from './llama/engine.js';
import { type ResolvedServeOptions, type ServeOptions, serveOptionsSchema } from './options.js';

export { type AnswerRule, loadAnswers } from './answers.js';
export { type BrokenMode, brokenModes, isBrokenMode } from './broken.js';
export { loadServeConfig } from './config-file.js';
export { countTokens, tokenize } from './engine/tokenizer.js';
export { ServeConfigError } from './errors.js';
export type { EngineInfo } from './llama/engine.js';
export {
  type Distribution,
  type LatencyModel,
  type ResolvedServeOptions,
  type ServeOptions,
  serveOptionsSchema,
} from './options.js';
export type { RequestRecord } from './recorder.js';

/** How long close() waits for aborted requests to end before it cuts their sockets. */
const CLOSE_GRACE_MS = 2000;

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash; the OpenAI base is `${url}/v1`). */
  url: string;
  port: number;
  /** The model ids it serves. */
  models: string[];
  /** What the real engine loaded (absent with the simulated engine). */
  engine: EngineInfo | undefined;
  /** Ends in-flight streams and hung requests, then stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** Applies defaults and validates; throws ServeConfigError naming the field. */
export function resolveServeOptions(opts: ServeOptions = {}): ResolvedServeOptions {
  const parsed = serveOptionsSchema.safeParse(opts);
  if (parsed.success) {
    // Broken modes shape the simulated engine's answers; a real engine answers for itself.
    const { engine, broken, answers } = parsed.data;
    if (engine && broken.length > 0) {
      throw new ServeConfigError(
        `broken modes (${broken.join(', ')}) belong to the simulated engine; drop them, or drop the llama engine`,
        { field: 'broken' },
      );
    }
    if (engine && answers.length > 0) {
      throw new ServeConfigError(
        `scripted answers (${answers.length}) belong to the simulated engine: the llama engine answers with its model; drop --answers, or drop the llama engine`,
        { field: 'answers' },
      );
    }
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  throw new ServeConfigError(issue?.message ?? 'invalid options', { field: formatPath(path) });
}

/** Starts the server and resolves once it listens. */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  let options = resolveServeOptions(opts);
  const engine = options.engine ? await LlamaEngine.load(options.engine) : undefined;
  if (engine) options = engineOptions(options, engine, opts.models === undefined);
  const ctx = createContext(options, engine);
  const app = buildApp(ctx);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await app.close();
    await engine?.close();
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
    // Let the aborted handlers write their last bytes before the sockets are cut. A real engine sees the
    // abort at its next token, so wait (briefly) for every request to have ended, not just one tick.
    await new Promise((resolve) => setImmediate(resolve));
    const deadline = Date.now() + CLOSE_GRACE_MS;
    while (ctx.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await app.close();
    await engine?.close();
  };
  return {
    engine: engine?.info,
    models: options.models,
    url: `http://${urlHost(options.host)}:${port}`,
    port,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

/**
 * With a real engine, the engine sets the limits: the context of a sequence, and as many concurrent
 * generations as it has sequences. It serves the file's model name unless models were named.
 */
function engineOptions(options: ResolvedServeOptions, engine: LlamaEngine, defaultModels: boolean) {
  const { info } = engine;
  return {
    ...options,
    models: defaultModels ? [path.basename(info.modelPath, '.gguf')] : options.models,
    contextLength: info.contextSize,
    capacity: { ...options.capacity, maxConcurrent: info.parallel, perSequenceSlowdown: 0 },
  };
}

// A wildcard address is not something to connect to; IPv6 literals need brackets in a URL.
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
