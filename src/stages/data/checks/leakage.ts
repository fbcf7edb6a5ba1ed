/**
 * `leakage:` test samples that also sit in the training set, exactly, after normalising case and
 * punctuation, or as near-duplicates (MinHash over word shingles, verified by exact Jaccard).
 */
import path from 'node:path';
import type { DataLeakageCheck } from '../../../config/stages/data.js';
import type { StageContext } from '../../types.js';
import { findLeakage } from '../leakage/index.js';
import { readSampleTexts } from '../llm/index.js';
import { labels } from './datasets.js';
import { checkName, percent } from './names.js';

/** Compares one train/test pair as one check; the leaked rate is the metric `data.leakage_rate`. */
export async function checkLeakage(ctx: StageContext<'data'>, spec: DataLeakageCheck): Promise<void> {
  const name = spec.name ?? `${checkName(undefined, spec.test)}~${checkName(undefined, spec.train)}`;
  await ctx.check(
    {
      id: `data.leakage.${name}`,
      name: `test set ${spec.test} does not leak from ${spec.train}`,
      ...labels(spec),
    },
    async () => {
      const r = await findLeakage(
        readSampleTexts(path.resolve(ctx.suiteDir, spec.train), spec.format, spec.part),
        readSampleTexts(path.resolve(ctx.suiteDir, spec.test), spec.format, spec.part),
        { threshold: spec.threshold },
      );
      ctx.metric('data.leakage_rate', 'gauge', r.leakedRate, { leakage: name });
      const kinds = [
        ['exact', r.exact],
        ['normalised', r.normalised],
        [`near (Jaccard ≥ ${spec.threshold})`, r.near],
      ] as const;
      ctx.table(
        `leakage ${name} (${spec.part})`,
        ['kind', 'test samples', 'example'],
        kinds.map(([kind, k]) => {
          const e = k.examples[0];
          return [
            kind,
            k.count,
            e
              ? `${spec.test}:${e.testLine} ~ ${spec.train}:${e.trainLine} ${JSON.stringify(e.test.slice(0, 60))}`
              : '',
          ];
        }),
      );
      const message = `${r.leaked} of ${r.test.texts} test samples leaked (${percent(r.leakedRate)}; exact ${r.exact.count}, normalised ${r.normalised.count}, near ${r.near.count})`;
      const evidence = {
        details: {
          exact: r.exact.examples.slice(0, 5),
          normalised: r.normalised.examples.slice(0, 5),
          near: r.near.examples.slice(0, 5),
        },
      };
      if (r.leakedRate > spec.maxRate)
        return {
          status: 'fail',
          message: `${message} > maxRate ${percent(spec.maxRate)}; remove these samples from ${spec.test}`,
          evidence,
          metrics: { leaked_rate: r.leakedRate },
        };
      return { status: 'pass', message, evidence, metrics: { leaked_rate: r.leakedRate } };
    },
  );
}
