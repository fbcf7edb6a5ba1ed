/**
 * `fairness:` model quality, group fairness and calibration from a predictions table: the check fails
 * when demographic parity or disparate impact crosses its limit; every figure is a metric for gates
 * (`data.model.*` overall, `data.slice.*` per group, `data.fairness.*`).
 */
import type { DataFairnessCheck } from '../../../config/stages/data.js';
import type { StageContext } from '../../types.js';
import { type FairnessReport, fairnessReport, type QualityMetrics } from '../fairness/index.js';
import { regressionReport } from '../fairness/regression.js';
import { labels } from './datasets.js';
import { checkName, num } from './names.js';
import { withTables } from './tables-db.js';

const qualityNames = {
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'f1',
  rocAuc: 'roc_auc',
  logLoss: 'log_loss',
  ece: 'ece',
  mce: 'mce',
  brier: 'brier',
} as const satisfies Partial<Record<keyof QualityMetrics, string>>;

/**
 * Overall figures are `data.model.*`; a group's are `data.slice.*` with a `group` tag, so a gate on
 * `data.model.accuracy{predictions:x}` reads the overall figure alone, and `data.slice.accuracy` every group.
 */
function emitQuality(
  ctx: StageContext<'data'>,
  q: QualityMetrics,
  prefix: 'data.model' | 'data.slice',
  tags: Record<string, string>,
): void {
  for (const [key, metric] of Object.entries(qualityNames)) {
    const v = q[key as keyof typeof qualityNames];
    if (typeof v === 'number' && Number.isFinite(v)) ctx.metric(`${prefix}.${metric}`, 'gauge', v, tags);
  }
}

function emitFairness(ctx: StageContext<'data'>, r: FairnessReport, tags: Record<string, string>): void {
  const figures: Record<string, number | undefined> = {
    demographic_parity_difference: r.demographicParityDifference,
    demographic_parity_ratio: r.demographicParityRatio,
    equalized_odds_difference: r.equalizedOddsDifference,
    equalized_odds_ratio: r.equalizedOddsRatio,
    equal_opportunity_difference: r.equalOpportunityDifference,
    equal_opportunity_ratio: r.equalOpportunityRatio,
    disparate_impact: r.disparateImpact,
    average_odds_difference: r.averageOddsDifference,
  };
  for (const [metric, v] of Object.entries(figures))
    if (v !== undefined && Number.isFinite(v)) ctx.metric(`data.fairness.${metric}`, 'gauge', v, tags);
}

/** One check per predictions table. */
export async function checkFairness(ctx: StageContext<'data'>, spec: DataFairnessCheck): Promise<void> {
  if (spec.task === 'regression') return checkRegression(ctx, spec);
  const name = checkName(spec.name, spec.predictions);
  const group = spec.group as string; // the schema requires it for classification
  await ctx.check(
    { id: `data.fairness.${name}`, name: `predictions ${name} are fair across ${group}`, ...labels(spec) },
    () =>
      withTables(ctx.suiteDir, [spec.predictions], async ([t]) => {
        if (!t) throw new Error('table not opened');
        const r = await fairnessReport(t, {
          yTrue: spec.yTrue,
          yPred: spec.yPred,
          group,
          ...(spec.yScore ? { yScore: spec.yScore } : {}),
          ...(spec.privileged !== undefined ? { privileged: String(spec.privileged) } : {}),
          ...(spec.posLabel !== undefined ? { posLabel: String(spec.posLabel) } : {}),
          maxDpDifference: spec.maxDpDifference,
          minDisparateImpact: spec.minDisparateImpact,
        });
        const tags = { predictions: name };
        emitQuality(ctx, r.overall, 'data.model', tags);
        for (const g of r.groups) {
          const groupTags = { ...tags, group: String(g.group) };
          emitQuality(ctx, g, 'data.slice', groupTags);
          ctx.metric('data.slice.selection_rate', 'gauge', g.selectionRate, groupTags);
        }
        emitFairness(ctx, r, tags);
        const score = spec.yScore !== undefined;
        const head = ['group', 'n', 'accuracy', 'precision', 'recall', 'f1', 'selection', 'tpr', 'fpr'];
        const cells = (q: QualityMetrics) => [num(q.accuracy), num(q.precision), num(q.recall), num(q.f1)];
        const scoreCells = (q: QualityMetrics) =>
          score ? [num(q.rocAuc), num(q.logLoss), num(q.ece), num(q.mce), num(q.brier)] : [];
        ctx.table(
          `fairness ${name} by ${group}`,
          score ? [...head, 'roc auc', 'log loss', 'ece', 'mce', 'brier'] : head,
          [
            ['(all)', r.overall.count, ...cells(r.overall), '', '', '', ...scoreCells(r.overall)],
            ...r.groups.map((g) => [
              String(g.group),
              g.count,
              ...cells(g),
              num(g.selectionRate),
              num(g.tpr),
              num(g.fpr),
              ...scoreCells(g),
            ]),
          ],
          [
            `demographic parity difference ${num(r.demographicParityDifference)} (limit ${spec.maxDpDifference}), ratio ${num(r.demographicParityRatio)}`,
            `disparate impact ${num(r.disparateImpact)} (limit ${spec.minDisparateImpact}), equalized odds difference ${num(r.equalizedOddsDifference)}, equal opportunity difference ${num(r.equalOpportunityDifference)}`,
          ],
        );
        const evidence = { details: { report: r } };
        const summary = `${r.rows} rows, accuracy ${num(r.overall.accuracy)}, demographic parity difference ${num(r.demographicParityDifference)}, disparate impact ${num(r.disparateImpact)}`;
        if (!r.pass) {
          const crossed = r.violations.map((v) =>
            v.metric === 'disparate impact'
              ? `disparate impact ${num(v.value)} < minDisparateImpact ${v.limit}`
              : `${v.metric} ${num(v.value)} > maxDpDifference ${v.limit}`,
          );
          return {
            status: 'fail',
            message: `${crossed.join('; ')} (${summary}). Look at the selection rates per ${group} in the table`,
            evidence,
          };
        }
        return { status: 'pass', message: summary, evidence };
      }),
  );
}

/**
 * Regression predictions: MSE, MAE and R² overall (`data.model.*`) and per group (`data.slice.*`). The check
 * passes once they are computed; limits on them are gates (`data.model.r2: ["value>=0.8"]`).
 */
async function checkRegression(ctx: StageContext<'data'>, spec: DataFairnessCheck): Promise<void> {
  const name = checkName(spec.name, spec.predictions);
  await ctx.check({ id: `data.model.${name}`, name: `regression metrics of ${name}`, ...labels(spec) }, () =>
    withTables(ctx.suiteDir, [spec.predictions], async ([t]) => {
      if (!t) throw new Error('table not opened');
      const r = await regressionReport(t, {
        yTrue: spec.yTrue,
        yPred: spec.yPred,
        ...(spec.group ? { group: spec.group } : {}),
      });
      const emit = (
        m: { mse: number; mae: number; r2: number | null },
        prefix: 'data.model' | 'data.slice',
        tags: Record<string, string>,
      ) => {
        ctx.metric(`${prefix}.mse`, 'gauge', m.mse, tags);
        ctx.metric(`${prefix}.mae`, 'gauge', m.mae, tags);
        if (m.r2 !== null) ctx.metric(`${prefix}.r2`, 'gauge', m.r2, tags);
      };
      emit(r.overall, 'data.model', { predictions: name });
      for (const g of r.groups) emit(g, 'data.slice', { predictions: name, group: String(g.group) });
      ctx.table(
        `regression ${name}${spec.group ? ` by ${spec.group}` : ''}`,
        ['group', 'n', 'mse', 'mae', 'r2'],
        [
          ['(all)', r.overall.count, num(r.overall.mse), num(r.overall.mae), num(r.overall.r2)],
          ...r.groups.map((g) => [String(g.group), g.count, num(g.mse), num(g.mae), num(g.r2)]),
        ],
      );
      return {
        status: 'pass',
        message: `${r.rows} rows: MSE ${num(r.overall.mse)}, MAE ${num(r.overall.mae)}, R² ${num(r.overall.r2)}`,
        evidence: { details: { report: r } },
      };
    }),
  );
}
