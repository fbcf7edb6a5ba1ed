/**
 * `gauntlet fairness PREDICTIONS`: checks of tables (CSV, TSV, Parquet, JSON, JSONL, globs) read by
 * DuckDB, and the table helpers `gauntlet drift` (drift.ts) shares. Exit 0 pass, 1 a fairness limit
 * crossed, 2 bad input.
 */
import pc from 'picocolors';
import { UsageError } from '../../errors.js';
import { TableDb } from '../../stages/data/duckdb/index.js';
import { fairnessReport } from '../../stages/data/fairness/index.js';
import { reportError } from '../errors.js';
import { fraction, textTable, writeJson } from '../flags.js';
import type { CliIO } from '../io.js';

/** A number for a table cell; never NaN or Infinity. */
export function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(2);
  return v.toFixed(digits);
}

/** `gauntlet fairness PREDICTIONS --y-true C --y-pred C [--y-score C] --group C [--privileged V] ...`. */
export async function fairnessCommand(
  file: string,
  flags: {
    yTrue?: string;
    yPred?: string;
    yScore?: string;
    group?: string;
    privileged?: string;
    posLabel?: string;
    maxDpDifference?: string;
    minDisparateImpact?: string;
    json?: string;
  },
  io: CliIO,
): Promise<number> {
  let db: TableDb | undefined;
  try {
    const c = pc.createColors(io.color);
    for (const [flag, v] of [
      ['--y-true', flags.yTrue],
      ['--y-pred', flags.yPred],
      ['--group', flags.group],
    ] as const) {
      if (!v) throw new UsageError(`gauntlet fairness needs ${flag} COLUMN`);
    }
    const maxDpDifference = fraction('--max-dp-difference', flags.maxDpDifference, 0.1);
    const minDisparateImpact = fraction('--min-disparate-impact', flags.minDisparateImpact, 0.8);
    db = await TableDb.open();
    const t = await db.table(file, io.cwd);
    const r = await fairnessReport(t, {
      yTrue: flags.yTrue as string,
      yPred: flags.yPred as string,
      group: flags.group as string,
      yScore: flags.yScore,
      privileged: flags.privileged,
      posLabel: flags.posLabel,
      maxDpDifference,
      minDisparateImpact,
    });
    const w = (s = '') => io.stdout.write(`${s}\n`);
    const score = flags.yScore !== undefined;
    w(`${c.bold(file)}: ${r.rows} rows, groups by ${flags.group}`);
    const head = ['group', 'n', 'accuracy', 'precision', 'recall', 'f1', 'selection', 'tpr', 'fpr'];
    if (score) head.push('roc auc', 'log loss', 'ece', 'mce', 'brier');
    const rows = [head];
    const o = r.overall;
    const qualityCells = (q: typeof o) => [num(q.accuracy), num(q.precision), num(q.recall), num(q.f1)];
    const scoreCells = (q: typeof o) =>
      score ? [num(q.rocAuc), num(q.logLoss), num(q.ece), num(q.mce), num(q.brier)] : [];
    rows.push(['(all)', String(o.count), ...qualityCells(o), '', '', '', ...scoreCells(o)]);
    for (const g of r.groups)
      rows.push([
        String(g.group),
        String(g.count),
        ...qualityCells(g),
        num(g.selectionRate),
        num(g.tpr),
        num(g.fpr),
        ...scoreCells(g),
      ]);
    w(textTable(rows));
    w();
    const fair = [
      ['metric', 'value', 'limit'],
      ['demographic parity difference', num(r.demographicParityDifference), `≤ ${maxDpDifference}`],
      ['demographic parity ratio', num(r.demographicParityRatio), ''],
      ['equalized odds difference', num(r.equalizedOddsDifference), ''],
      ['equal opportunity difference', num(r.equalOpportunityDifference), ''],
      ['disparate impact', num(r.disparateImpact), `≥ ${minDisparateImpact}`],
    ];
    if (r.averageOddsDifference !== undefined)
      fair.push([
        `average odds difference (privileged ${String(r.privileged)})`,
        num(r.averageOddsDifference),
        '',
      ]);
    w(textTable(fair));
    writeJson(io, flags.json, r);
    for (const v of r.violations) w(`${c.red('✗')} ${v.message}`);
    w(r.pass ? c.green('PASS') : `${c.red('FAIL')}: ${r.violations.map((v) => v.metric).join(', ')}`);
    return r.pass ? 0 : 1;
  } catch (err) {
    return reportError(err, io);
  } finally {
    db?.close();
  }
}
