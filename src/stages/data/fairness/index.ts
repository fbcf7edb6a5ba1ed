/**
 * Model quality, group fairness and calibration from a predictions table read by DuckDB: the y_true,
 * y_pred, optional y_score and group columns of the rows where none is null, fed to src/metrics/model.
 */
import {
  accuracy,
  averageOddsDifference,
  brierScore,
  bySlice,
  type ConfusionMatrix,
  confusionMatrix,
  demographicParityDifference,
  demographicParityRatio,
  disparateImpact,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  expectedCalibrationError,
  groupRates,
  type Label,
  logLoss,
  maxCalibrationError,
  passesFourFifths,
  precisionRecallF1,
  rocAuc,
} from '../../../metrics/model/index.js';
import { DataTableError, isNumericType, type Table } from '../duckdb/index.js';

export interface FairnessOptions {
  yTrue: string;
  yPred: string;
  yScore?: string;
  group: string;
  /** The privileged group's value (as text; numbers are parsed when the group column is numeric). */
  privileged?: string;
  /** The positive label (as text). Default 1. */
  posLabel?: string;
  /** Largest demographic parity difference allowed. Default 0.1. */
  maxDpDifference?: number;
  /** Smallest disparate impact allowed. Default 0.8 (the 80% rule). */
  minDisparateImpact?: number;
}

export interface QualityMetrics {
  count: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc?: number | null;
  logLoss?: number;
  /** Expected and maximum calibration error over 15 equal-width bins. */
  ece?: number;
  mce?: number;
  brier?: number;
}

export interface GroupMetrics extends QualityMetrics {
  group: Label;
  selectionRate: number;
  tpr: number;
  fpr: number;
}

export interface FairnessViolation {
  metric: string;
  value: number;
  limit: number;
  message: string;
}

export interface FairnessReport {
  file: string;
  rows: number;
  overall: QualityMetrics;
  /** Rows are true labels, columns predicted ones, in sorted label order. */
  confusion: ConfusionMatrix;
  groups: GroupMetrics[];
  demographicParityDifference: number;
  demographicParityRatio: number;
  equalizedOddsDifference: number;
  equalizedOddsRatio: number;
  equalOpportunityDifference: number;
  equalOpportunityRatio: number;
  disparateImpact: number;
  passesFourFifths: boolean;
  averageOddsDifference?: number;
  privileged?: Label;
  limits: { maxDpDifference: number; minDisparateImpact: number };
  violations: FairnessViolation[];
  pass: boolean;
}

function quality(
  yTrue: Label[],
  yPred: Label[],
  yScore: number[] | undefined,
  posLabel: Label,
): QualityMetrics {
  const prf = precisionRecallF1(yTrue, yPred, { posLabel });
  const q: QualityMetrics = { count: yTrue.length, accuracy: accuracy(yTrue, yPred), ...prf };
  if (yScore) {
    q.rocAuc = rocAuc(yTrue, yScore, { posLabel }) ?? null;
    q.logLoss = logLoss(yTrue, yScore, { posLabel });
    q.ece = expectedCalibrationError(yTrue, yScore, { posLabel, bins: 15 });
    q.mce = maxCalibrationError(yTrue, yScore, { posLabel, bins: 15 });
    q.brier = brierScore(yTrue, yScore, { posLabel });
  }
  return q;
}

function labelFor(table: Table, column: string, text: string): Label {
  if (!isNumericType(table.column(column).type) && table.column(column).type !== 'BOOLEAN') return text;
  const n = text === 'true' ? 1 : text === 'false' ? 0 : Number(text);
  if (!Number.isFinite(n))
    throw new DataTableError(`${JSON.stringify(text)} is not a value of the numeric column ${column}`);
  return n;
}

/** Reads the columns and computes every metric; violations list the limits crossed. */
export async function fairnessReport(table: Table, options: FairnessOptions): Promise<FairnessReport> {
  const names = [options.yTrue, options.yPred, options.group, ...(options.yScore ? [options.yScore] : [])];
  for (const n of names) table.column(n);
  if (options.yScore && !isNumericType(table.column(options.yScore).type))
    throw new DataTableError(
      `--y-score column ${JSON.stringify(options.yScore)} of ${table.file} is ${table.column(options.yScore).type}, not a number`,
    );
  const cols = await table.rows(names);
  const yTrue = (cols[0] ?? []) as Label[];
  const yPred = (cols[1] ?? []) as Label[];
  const groups = (cols[2] ?? []) as Label[];
  const yScore = options.yScore ? ((cols[3] ?? []) as number[]) : undefined;
  if (yTrue.length === 0)
    throw new DataTableError(`${table.file} has no row where ${names.join(', ')} are all set`);
  const posLabel = labelFor(table, options.yTrue, options.posLabel ?? '1');
  const maxDp = options.maxDpDifference ?? 0.1;
  const minDi = options.minDisparateImpact ?? 0.8;
  try {
    const overall = quality(yTrue, yPred, yScore, posLabel);
    const rates = groupRates(yTrue, yPred, groups, { posLabel });
    const slices = yScore
      ? bySlice(
          (t: Label[], p: Label[], s: number[]) => quality(t, p, s, posLabel),
          groups,
          yTrue,
          yPred,
          yScore,
        )
      : bySlice((t: Label[], p: Label[]) => quality(t, p, undefined, posLabel), groups, yTrue, yPred);
    const groupMetrics: GroupMetrics[] = slices.map((s, i) => {
      const r = rates[i];
      return {
        group: s.group,
        ...s.value,
        selectionRate: r?.selectionRate ?? 0,
        tpr: r?.tpr ?? 0,
        fpr: r?.fpr ?? 0,
      };
    });
    const report: FairnessReport = {
      file: table.file,
      rows: yTrue.length,
      overall,
      confusion: confusionMatrix(yTrue, yPred),
      groups: groupMetrics,
      demographicParityDifference: demographicParityDifference(yPred, groups, { posLabel }),
      demographicParityRatio: demographicParityRatio(yPred, groups, { posLabel }),
      equalizedOddsDifference: equalizedOddsDifference(yTrue, yPred, groups, { posLabel }),
      equalizedOddsRatio: equalizedOddsRatio(yTrue, yPred, groups, { posLabel }),
      equalOpportunityDifference: equalOpportunityDifference(yTrue, yPred, groups, { posLabel }),
      equalOpportunityRatio: equalOpportunityRatio(yTrue, yPred, groups, { posLabel }),
      disparateImpact: disparateImpact(yPred, groups, { posLabel }),
      passesFourFifths: passesFourFifths(yPred, groups, { posLabel, threshold: minDi }),
      limits: { maxDpDifference: maxDp, minDisparateImpact: minDi },
      violations: [],
      pass: true,
    };
    if (options.privileged !== undefined) {
      const privileged = labelFor(table, options.group, options.privileged);
      report.privileged = privileged;
      report.averageOddsDifference = averageOddsDifference(yTrue, yPred, groups, { posLabel, privileged });
    }
    if (report.demographicParityDifference > maxDp + 1e-12) {
      report.violations.push({
        metric: 'demographic parity difference',
        value: report.demographicParityDifference,
        limit: maxDp,
        message: `demographic parity difference ${report.demographicParityDifference.toFixed(4)} > ${maxDp} (--max-dp-difference)`,
      });
    }
    if (!report.passesFourFifths) {
      report.violations.push({
        metric: 'disparate impact',
        value: report.disparateImpact,
        limit: minDi,
        message: `disparate impact ${report.disparateImpact.toFixed(4)} < ${minDi} (--min-disparate-impact${minDi === 0.8 ? ', the 80% rule' : ''})`,
      });
    }
    report.pass = report.violations.length === 0;
    return report;
  } catch (err) {
    if (err instanceof RangeError) throw new DataTableError(`${table.file}: ${err.message}`, { cause: err });
    throw err;
  }
}
