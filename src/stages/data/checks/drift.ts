/**
 * `drift:` a current table against a reference, column by column (method chosen by type and size as
 * Evidently does, or set), and the dataset verdict from the share of drifted columns.
 */
import path from 'node:path';
import type { DataDriftCheck } from '../../../config/stages/data.js';
import type { StageContext } from '../../types.js';
import { detectDrift, looksLikeProfile, readReferenceProfile } from '../drift/index.js';
import { labels } from './datasets.js';
import { checkName, num } from './names.js';
import { withTables } from './tables-db.js';

/** One check per reference/current pair; every column's score is the metric `data.drift.score`. */
export async function checkDrift(ctx: StageContext<'data'>, spec: DataDriftCheck): Promise<void> {
  const name = spec.name ?? checkName(undefined, spec.current);
  await ctx.check(
    {
      id: `data.drift.${name}`,
      name: `${spec.current} has not drifted from ${spec.reference}`,
      ...labels(spec),
    },
    () => {
      // A reference profile (written by `gauntlet drift --save-profile`) replaces the reference table.
      const refFile = path.resolve(ctx.suiteDir, spec.reference);
      const profile = looksLikeProfile(refFile) ? readReferenceProfile(refFile, spec.reference) : undefined;
      const files = profile ? [spec.current] : [spec.reference, spec.current];
      return withTables(ctx.suiteDir, files, async (tables) => {
        const ref = profile ?? tables[0];
        const cur = profile ? tables[0] : tables[1];
        if (!ref || !cur) throw new Error('tables not opened');
        const r = await detectDrift(ref, cur, {
          share: spec.share,
          correction: spec.correction,
          ...(spec.columns ? { columns: spec.columns } : {}),
          ...(spec.method ? { method: spec.method } : {}),
          ...(spec.methods ? { methods: spec.methods } : {}),
          ...(spec.thresholds ? { thresholds: spec.thresholds } : {}),
          ...(spec.bins ? { bins: spec.bins } : {}),
        });
        const tags = { drift: name };
        ctx.metric('data.drift.share', 'gauge', r.driftShare, tags);
        ctx.metric('data.drift.drifted_columns', 'gauge', r.drifted, tags);
        for (const c of r.columns) {
          if (c.statistic !== null && c.method)
            ctx.metric('data.drift.score', 'gauge', c.statistic, {
              ...tags,
              column: c.column,
              method: c.method,
            });
        }
        ctx.table(
          `drift ${name}: ${spec.current} against ${spec.reference}`,
          ['column', 'kind', 'method', 'statistic', 'p-value', 'threshold', 'drift'],
          r.columns.map((c) => [
            c.column,
            c.kind,
            c.method ?? '—',
            num(c.statistic),
            num(c.pValue),
            num(c.threshold, 3),
            c.skipped ? `skipped (${c.skipped})` : c.drift ? 'DRIFT' : 'no',
          ]),
          [`${r.drifted} of ${r.tested} columns drifted; dataset drift from a share of ${r.shareThreshold}`],
        );
        const drifted = r.columns
          .filter((c) => c.drift)
          .map((c) => `${c.column} (${c.method} ${num(c.statistic)})`);
        const message = `${r.drifted} of ${r.tested} columns drifted (share ${num(r.driftShare, 3)}, limit ${r.shareThreshold})${drifted.length ? `: ${drifted.slice(0, 5).join(', ')}${drifted.length > 5 ? ', …' : ''}` : ''}`;
        const evidence = { details: { columns: r.columns } };
        const metrics = { drift_share: r.driftShare, drifted_columns: r.drifted };
        if (r.datasetDrift)
          return {
            status: 'fail',
            message: `dataset drift: ${message}. Compare the drifted columns' distributions; retrain or fix the pipeline that feeds them`,
            evidence,
            metrics,
          };
        return { status: 'pass', message, evidence, metrics };
      });
    },
  );
}
