/**
 * `datasets:` LLM training and eval sets in JSONL, validated line by line in their format. The check
 * fails on more invalid or duplicate samples than allowed, or too few valid ones; the first problems,
 * each with its line and field, are the evidence.
 */
import path from 'node:path';
import type { DataDatasetCheck } from '../../../config/stages/data.js';
import type { StageContext } from '../../types.js';
import { validateLlmDataset } from '../llm/index.js';
import { checkName, num, percent } from './names.js';

/** Validates one dataset as one check, with its statistics as metrics and a table. */
export async function checkDataset(ctx: StageContext<'data'>, spec: DataDatasetCheck): Promise<void> {
  const name = checkName(spec.name, spec.path);
  await ctx.check(
    { id: `data.dataset.${name}`, name: `dataset ${name} (${spec.format}) is valid`, ...labels(spec) },
    async () => {
      const r = await validateLlmDataset(path.resolve(ctx.suiteDir, spec.path), spec.format, {
        maxProblems: 20,
      });
      const invalidRate = r.samples === 0 ? 1 : r.invalidSamples / r.samples;
      const duplicateRate = r.validSamples === 0 ? 0 : r.stats.duplicates / r.validSamples;
      const tags = { dataset: name };
      ctx.metric('data.samples', 'gauge', r.validSamples, tags);
      ctx.metric('data.invalid_rate', 'gauge', invalidRate, tags);
      ctx.metric('data.duplicate_rate', 'gauge', duplicateRate, tags);
      const s = r.stats;
      ctx.table(
        `dataset ${name} (${spec.format})`,
        [
          'samples',
          'valid',
          'problems',
          'duplicates',
          'input words (mean)',
          'output words (mean)',
          'max tokens in',
        ],
        [
          [
            r.samples,
            r.validSamples,
            r.problemCount,
            s.duplicates,
            num(s.input.words.mean, 1),
            num(s.output.words.mean, 1),
            s.input.tokens.max ?? null,
          ],
        ],
        r.problems
          .slice(0, 5)
          .map((p) => `${spec.path}:${p.line} ${p.field ? `${p.field}: ` : ''}${p.message}`),
      );
      const failures: string[] = [];
      if (r.samples === 0) failures.push(`${spec.path} holds no samples`);
      else if (invalidRate > spec.maxInvalidRate)
        failures.push(
          `${r.invalidSamples} of ${r.samples} samples invalid (${percent(invalidRate)} > ${percent(spec.maxInvalidRate)})`,
        );
      if (duplicateRate > spec.maxDuplicateRate)
        failures.push(
          `${s.duplicates} duplicate samples (${percent(duplicateRate)} > ${percent(spec.maxDuplicateRate)})`,
        );
      if (r.validSamples < spec.minSamples)
        failures.push(`${r.validSamples} valid samples, fewer than minSamples ${spec.minSamples}`);
      const first = r.problems[0];
      const where = first
        ? `; first: ${spec.path}:${first.line} ${first.field ? `${first.field}: ` : ''}${first.message}`
        : '';
      const evidence = {
        details: {
          file: spec.path,
          problems: r.problems,
          problemCount: r.problemCount,
          samples: r.samples,
          validSamples: r.validSamples,
          duplicates: s.duplicates,
          duplicateExamples: s.duplicateExamples.slice(0, 5),
        },
      };
      if (failures.length > 0)
        return {
          status: 'fail',
          message: `${failures.join('; ')}${where}. Run \`gauntlet data validate ${spec.path} --format ${spec.format}\` for every line`,
          evidence,
          metrics: { invalid_rate: invalidRate, duplicate_rate: duplicateRate },
        };
      return {
        status: 'pass',
        message: `${r.validSamples} valid samples, ${r.problemCount} problems, ${s.duplicates} duplicates`,
        evidence,
        metrics: { invalid_rate: invalidRate, duplicate_rate: duplicateRate },
      };
    },
  );
}

/** The filter labels of one entry (priority and tags), for ctx.check. */
export function labels(spec: { priority?: string | undefined; tags: string[] }) {
  return {
    tags: spec.tags,
    ...(spec.priority ? { priority: spec.priority as 'P0' | 'P1' | 'P2' | 'P3' | 'P4' } : {}),
  };
}
