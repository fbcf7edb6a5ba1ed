/**
 * `gauntlet data ...`: checks of training and eval data that need no target. `validate` checks a JSONL
 * dataset in one of the LLM formats line by line; `generate` writes a seeded synthetic set; `leakage`
 * looks for test samples that also sit in the training set (exact, normalised, near-duplicates).
 * Exit 0 clean, 1 problems found, 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { UsageError } from '../../errors.js';
import { findLeakage } from '../../stages/data/leakage/index.js';
import {
  isLlmFormat,
  llmFormats,
  readSampleTexts,
  validateLlmDataset,
  writeLlmDataset,
} from '../../stages/data/llm/index.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

function format(value: string | undefined): (typeof llmFormats)[number] {
  if (value === undefined)
    throw new UsageError(
      `give --format (${llmFormats.join(' | ')}) for a JSONL dataset, or --expectations FILE to check a table`,
    );
  if (!value || !isLlmFormat(value)) {
    throw new UsageError(
      `--format must be one of ${llmFormats.join(', ')}, got ${JSON.stringify(value ?? '')}`,
    );
  }
  return value;
}

function positiveInt(flag: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive whole number, got ${JSON.stringify(value ?? '')}`);
  return n;
}

const mean = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** `gauntlet data validate FILE --format F [--json OUT]`. */
export async function dataValidateCommand(
  file: string,
  flags: { format?: string; json?: string; maxProblems?: string },
  io: CliIO,
): Promise<number> {
  try {
    const c = pc.createColors(io.color);
    const full = path.resolve(io.cwd, file);
    const report = await validateLlmDataset(full, format(flags.format), {
      maxProblems: positiveInt('--max-problems', flags.maxProblems, 100),
    });
    const w = (s = '') => io.stdout.write(`${s}\n`);
    w(
      `${c.bold(file)} (${report.format}): ${report.samples} samples, ${report.validSamples} valid, ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'}`,
    );
    for (const p of report.problems.slice(0, 20))
      w(`  ${c.red('✗')} ${file}:${p.line} ${p.field ? `${p.field}: ` : ''}${p.message}`);
    if (report.problemCount > 20)
      w(c.dim(`  … ${report.problemCount - 20} more (all of the first ${report.problems.length} in --json)`));
    const s = report.stats;
    w(
      `  input:  mean ${mean(s.input.words.mean)} words, ${mean(s.input.tokens.mean)} tokens (max ${s.input.tokens.max ?? '—'})`,
    );
    w(
      `  output: mean ${mean(s.output.words.mean)} words, ${mean(s.output.tokens.mean)} tokens (max ${s.output.tokens.max ?? '—'})`,
    );
    w(
      `  unique inputs ${s.uniqueInputs}, unique outputs ${s.uniqueOutputs}, duplicate samples ${s.duplicates}${s.exact ? '' : ' (lower bounds)'}`,
    );
    if (flags.json) writeFileSync(path.resolve(io.cwd, flags.json), `${JSON.stringify(report, null, 2)}\n`);
    w(report.valid ? c.green('PASS') : `${c.red('FAIL')}: fix the lines above (file:line field: problem)`);
    return report.valid ? 0 : 1;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet data generate --format F --n N [--seed S] --out FILE`. */
export async function dataGenerateCommand(
  flags: { format?: string; n?: string; seed?: string; out?: string },
  io: CliIO,
): Promise<number> {
  try {
    if (!flags.out) throw new UsageError('gauntlet data generate needs --out FILE (a .jsonl path)');
    const seed = flags.seed === undefined ? 42 : Number(flags.seed);
    if (!Number.isInteger(seed))
      throw new UsageError(`--seed must be a whole number, got ${JSON.stringify(flags.seed)}`);
    const r = await writeLlmDataset(path.resolve(io.cwd, flags.out), {
      format: format(flags.format),
      n: positiveInt('--n', flags.n),
      seed,
    });
    io.stdout.write(`wrote ${r.lines} ${flags.format} samples (${r.bytes} bytes) to ${flags.out}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** `gauntlet data leakage TRAIN TEST --format F [--threshold T] [--max-rate R]`. */
export async function dataLeakageCommand(
  train: string,
  test: string,
  flags: { format?: string; threshold?: string; maxRate?: string; part?: string; json?: string },
  io: CliIO,
): Promise<number> {
  try {
    const c = pc.createColors(io.color);
    const fmt = format(flags.format);
    const part = (flags.part ?? 'input') as 'input' | 'output' | 'both';
    if (!['input', 'output', 'both'].includes(part))
      throw new UsageError(`--part must be input, output or both, got ${JSON.stringify(flags.part)}`);
    const threshold = flags.threshold === undefined ? 0.8 : Number(flags.threshold);
    const maxRate = flags.maxRate === undefined ? 0 : Number(flags.maxRate);
    for (const [flag, v] of [
      ['--threshold', threshold],
      ['--max-rate', maxRate],
    ] as const) {
      if (!(v >= 0 && v <= 1)) throw new UsageError(`${flag} must be between 0 and 1, got ${v}`);
    }
    const r = await findLeakage(
      readSampleTexts(path.resolve(io.cwd, train), fmt, part),
      readSampleTexts(path.resolve(io.cwd, test), fmt, part),
      { threshold },
    );
    const w = (s = '') => io.stdout.write(`${s}\n`);
    w(
      `${c.bold(test)} against ${c.bold(train)} (${part}): ${r.leaked} of ${r.test.texts} test samples leaked (${(r.leakedRate * 100).toFixed(2)}%)`,
    );
    for (const [kind, k] of [
      ['exact', r.exact],
      ['normalised', r.normalised],
      [`near (Jaccard ≥ ${threshold})`, r.near],
    ] as const) {
      w(`  ${kind}: ${k.count}`);
      for (const e of k.examples.slice(0, 3))
        w(
          c.dim(
            `    ${test}:${e.testLine} ~ ${train}:${e.trainLine} (similarity ${e.similarity.toFixed(3)}): ${JSON.stringify(e.test.slice(0, 80))}`,
          ),
        );
    }
    if (flags.json) writeFileSync(path.resolve(io.cwd, flags.json), `${JSON.stringify(r, null, 2)}\n`);
    const pass = r.leakedRate <= maxRate;
    w(
      pass
        ? c.green('PASS')
        : `${c.red('FAIL')}: leaked rate ${r.leakedRate.toFixed(4)} > ${maxRate}; remove these samples from the test set`,
    );
    return pass ? 0 : 1;
  } catch (err) {
    return reportError(err, io);
  }
}
