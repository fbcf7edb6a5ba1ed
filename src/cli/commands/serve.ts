/** `gauntlet serve`: the reference OpenAI-compatible server, until SIGINT/SIGTERM. */
import path from 'node:path';
import { closest } from '../../config/suggest.js';
import { UsageError } from '../../errors.js';
import {
  brokenModes,
  type EngineInfo,
  loadAnswers,
  loadServeConfig,
  type ServeOptions,
  startServer,
} from '../../serve/index.js';
import { reportError } from '../errors.js';
import { type CliIO, untilStopped } from '../io.js';

export interface ServeFlags {
  host?: string;
  port?: string;
  config?: string;
  answers?: string;
  model?: string[];
  apiKey?: string[];
  cors?: string[];
  rateLimit?: string;
  record?: boolean;
  broken?: string[];
  seed?: string;
  engine?: string;
  servedModelName?: string[];
  parallel?: string;
  threads?: string;
  ctxSize?: string;
  gpu?: boolean;
}

/** Starts the server and resolves with its exit code once a stop signal arrives. */
export async function serveCommand(flags: ServeFlags, io: CliIO): Promise<number> {
  try {
    // Files named on the command line are relative to the command's directory.
    const here = (file: string) => path.resolve(io.cwd, file);
    const opts: ServeOptions = flags.config ? await loadServeConfig(here(flags.config)) : {};
    if (flags.host) opts.host = flags.host;
    if (flags.port !== undefined) opts.port = parseIntFlag('--port', flags.port, 0, 65535);
    if (flags.seed !== undefined) opts.seed = parseIntFlag('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1);
    if (flags.answers) opts.answers = [...(opts.answers ?? []), ...(await loadAnswers(here(flags.answers)))];
    applyEngineFlags(opts, flags, io.cwd);
    if (flags.servedModelName?.length) opts.models = flags.servedModelName;
    else if (flags.model?.length && !opts.engine) opts.models = flags.model;
    if (flags.apiKey?.length) opts.apiKeys = flags.apiKey;
    if (flags.cors?.length) opts.cors = { origins: flags.cors };
    if (flags.rateLimit !== undefined) opts.rateLimit = parseRateLimit(flags.rateLimit);
    if (flags.record) opts.record = true;
    for (const mode of flags.broken ?? []) {
      if (!(brokenModes as readonly string[]).includes(mode)) {
        const guess = closest(mode, brokenModes);
        throw new UsageError(
          `--broken ${mode} is not a broken mode${guess ? `; did you mean ${guess}?` : ''} Modes: ${brokenModes.join(', ')}`,
        );
      }
    }
    if (flags.broken?.length)
      opts.broken = [...(opts.broken ?? []), ...(flags.broken as (typeof brokenModes)[number][])];

    const server = await startServer(opts);
    const broken = opts.broken?.length ? ` (broken on purpose: ${opts.broken.join(', ')})` : '';
    if (server.engine) io.stdout.write(`${engineLine(server.engine)}\n`);
    io.stdout.write(
      `gauntlet serve: listening on ${server.url}/v1 model ${server.models.join(', ')}${broken}\n`,
    );
    await untilStopped(io);
    await server.close();
    io.stdout.write('gauntlet serve: stopped\n');
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/**
 * `--engine llama --model FILE.gguf [--parallel N] [--threads N] [--ctx-size N] [--gpu]`. With the llama
 * engine `--model` is the file (as for llama.cpp's server); the served id is `--served-model-name` (vLLM's
 * flag), else the file's base name.
 */
function applyEngineFlags(opts: ServeOptions, flags: ServeFlags, cwd: string): void {
  const engine = flags.engine ?? opts.engine?.type ?? 'sim';
  if (engine !== 'sim' && engine !== 'llama') {
    throw new UsageError(
      `--engine must be sim (the simulated engine, default) or llama (llama.cpp on a GGUF file); got ${JSON.stringify(engine)}`,
    );
  }
  const engineFlags = ['parallel', 'threads', 'ctxSize', 'gpu'] as const;
  if (engine === 'sim') {
    const used = engineFlags.filter((f) => flags[f] !== undefined);
    if (used.length > 0) {
      throw new UsageError(
        `--${used.map((f) => (f === 'ctxSize' ? 'ctx-size' : f)).join(', --')} set the llama engine; add --engine llama --model FILE.gguf`,
      );
    }
    // `--engine sim` wins over a config file's llama engine.
    delete opts.engine;
    return;
  }
  const model = flags.model?.length
    ? flags.model.map((m) => path.resolve(cwd, m))
    : opts.engine?.model
      ? [opts.engine.model]
      : [];
  if (model.length !== 1) {
    throw new UsageError(
      `--engine llama needs one --model FILE.gguf (got ${model.length}); \`gauntlet model tiny --out tiny.gguf\` writes a small test model`,
    );
  }
  opts.engine = {
    ...opts.engine,
    type: 'llama',
    model: model[0] as string,
    ...(flags.parallel !== undefined ? { parallel: parseIntFlag('--parallel', flags.parallel, 1, 64) } : {}),
    ...(flags.threads !== undefined ? { threads: parseIntFlag('--threads', flags.threads, 1, 1024) } : {}),
    ...(flags.ctxSize !== undefined
      ? { contextSize: parseIntFlag('--ctx-size', flags.ctxSize, 64, 1 << 20) }
      : {}),
    ...(flags.gpu ? { gpu: true } : {}),
  };
}

/** What the engine loaded, for the person starting the server. */
function engineLine(e: EngineInfo): string {
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  return (
    `gauntlet serve: llama.cpp loaded ${e.modelPath} (${e.architecture}, ${mb(e.fileBytes)}) in ${Math.round(e.loadMs)} ms; ` +
    `weights ${mb(e.modelBytes)}, context ${mb(e.contextBytes)}, process memory +${mb(e.rssDeltaBytes)}; ` +
    `${e.parallel} parallel sequences x ${e.contextSize} tokens, ${e.threads} thread${e.threads === 1 ? '' : 's'} on ${e.gpu}, chat format ${e.chatFormat}`
  );
}

// "5" or "5:10": requests per second, and the burst (default: the rate, at least 1).
function parseRateLimit(text: string): { requestsPerSecond: number; burst: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  const rps = Number(match?.[1]);
  const burst = match?.[2] === undefined ? Math.max(1, Math.ceil(rps)) : Number(match[2]);
  if (!match || !(rps > 0) || burst < 1) {
    throw new UsageError(
      `--rate-limit must be requests per second, optionally with a burst, like 5 or 5:10; got ${JSON.stringify(text)}`,
    );
  }
  return { requestsPerSecond: rps, burst };
}

function parseIntFlag(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}
