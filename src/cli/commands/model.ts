/**
 * `gauntlet model tiny --out FILE [--seed S]` writes the tiny random-weight test model;
 * `gauntlet model inspect FILE [--json]` says what a GGUF file holds (and whether it is whole) without
 * loading it. Exit 0 done, 2 bad usage or a bad model file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { type GgufInfo, type GgufMetaValue, inspectGgufSync } from '../../serve/llama/gguf/reader.js';
import { tinyModel } from '../../serve/llama/gguf/tiny.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

const fmt = (n: number) => n.toLocaleString('en-US');

function mib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 0;
  const seed = Number(text);
  if (text.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got ${JSON.stringify(text)}`);
  }
  return seed;
}

/** Writes the tiny model to --out and prints its path, size, sha256, parameters and vocabulary. */
export async function modelTinyCommand(flags: { out?: string; seed?: string }, io: CliIO): Promise<number> {
  try {
    if (!flags.out) throw new UsageError('--out FILE is required, e.g. gauntlet model tiny --out tiny.gguf');
    const seed = parseSeed(flags.seed);
    const out = path.resolve(io.cwd, flags.out);
    const bytes = tinyModel({ seed });
    mkdirSync(path.dirname(out), { recursive: true });
    // Written beside the target and renamed, so an interrupted write never leaves a half model behind.
    const partial = `${out}.partial-${process.pid}`;
    writeFileSync(partial, bytes);
    renameSync(partial, out);
    const info = inspectGgufSync(out);
    const summary = summarise(info);
    io.stdout.write(
      `wrote ${out}\n` +
        `  size        ${fmt(bytes.length)} bytes (${mib(bytes.length)})\n` +
        `  sha256      ${createHash('sha256').update(bytes).digest('hex')}\n` +
        `  parameters  ${fmt(summary.parameters)}\n` +
        `  vocabulary  ${summary.vocabSize === undefined ? '?' : fmt(summary.vocabSize)} tokens\n` +
        `  seed        ${seed} (the same seed writes the same bytes)\n`,
    );
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** The facts `model inspect` shows, drawn from the metadata of any architecture. */
export interface ModelSummary {
  path: string;
  version: number;
  fileSize: number;
  architecture: string | undefined;
  name: string | undefined;
  contextLength: number | undefined;
  embeddingLength: number | undefined;
  blockCount: number | undefined;
  headCount: number | undefined;
  headCountKv: number | undefined;
  vocabSize: number | undefined;
  tokenizer: string | undefined;
  chatTemplate: boolean;
  tensorCount: number;
  tensorTypes: Record<string, number>;
  parameters: number;
}

const num = (v: GgufMetaValue | undefined) => (typeof v === 'number' ? v : undefined);
const str = (v: GgufMetaValue | undefined) => (typeof v === 'string' ? v : undefined);

/** Pulls the headline facts out of a GGUF's metadata and tensor list. */
export function summarise(info: GgufInfo): ModelSummary {
  const m = info.metadata;
  const arch = str(m['general.architecture']);
  const key = (name: string) => m[`${arch}.${name}`];
  const tokens = m['tokenizer.ggml.tokens'];
  const tensorTypes: Record<string, number> = {};
  let parameters = 0;
  for (const t of info.tensors) {
    tensorTypes[t.typeName] = (tensorTypes[t.typeName] ?? 0) + 1;
    parameters += t.dims.reduce((a, b) => a * b, 1);
  }
  return {
    path: info.path,
    version: info.version,
    fileSize: info.fileSize,
    architecture: arch,
    name: str(m['general.name']),
    contextLength: num(key('context_length')),
    embeddingLength: num(key('embedding_length')),
    blockCount: num(key('block_count')),
    headCount: num(key('attention.head_count')),
    headCountKv: num(key('attention.head_count_kv')),
    vocabSize: num(key('vocab_size')) ?? (typeof tokens === 'object' ? tokens.length : undefined),
    tokenizer: str(m['tokenizer.ggml.model']),
    chatTemplate: typeof m['tokenizer.chat_template'] === 'string',
    tensorCount: info.tensors.length,
    tensorTypes,
    parameters,
  };
}

function render(s: ModelSummary): string {
  const show = (v: number | string | undefined) =>
    v === undefined ? '(not set)' : typeof v === 'number' ? fmt(v) : v;
  const types = Object.entries(s.tensorTypes)
    .map(([type, count]) => `${type} x${count}`)
    .join(', ');
  const rows: [string, string][] = [
    ['architecture', show(s.architecture)],
    ['name', show(s.name)],
    ['context length', show(s.contextLength)],
    ['embedding', show(s.embeddingLength)],
    ['blocks', show(s.blockCount)],
    [
      'heads',
      `${show(s.headCount)}${s.headCountKv !== undefined && s.headCountKv !== s.headCount ? ` (kv ${fmt(s.headCountKv)})` : ''}`,
    ],
    ['vocabulary', `${show(s.vocabSize)} tokens (tokenizer ${show(s.tokenizer)})`],
    ['chat template', s.chatTemplate ? 'yes' : 'no (chat requests need a template; completions still work)'],
    ['tensors', `${fmt(s.tensorCount)}${types ? ` (${types})` : ''}`],
    ['parameters', fmt(s.parameters)],
    ['file size', `${fmt(s.fileSize)} bytes (${mib(s.fileSize)})`],
  ];
  return `${s.path}: GGUF v${s.version}, complete\n${rows.map(([k, v]) => `  ${k.padEnd(14)} ${v}\n`).join('')}`;
}

/** Checks a GGUF file and prints what it holds; `--json` prints the summary, metadata and tensors. */
export async function modelInspectCommand(
  file: string,
  flags: { json?: boolean },
  io: CliIO,
): Promise<number> {
  try {
    const info = inspectGgufSync(path.resolve(io.cwd, file));
    const summary = summarise(info);
    if (flags.json) {
      io.stdout.write(
        `${JSON.stringify({ ...summary, metadata: info.metadata, tensors: info.tensors }, null, 2)}\n`,
      );
    } else io.stdout.write(render(summary));
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
