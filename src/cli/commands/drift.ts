/**
 * `gauntlet drift REF CUR`: column drift of a current table against a reference table (CSV, TSV,
 * Parquet, JSON, JSONL, globs) or a reference profile saved earlier (`--save-profile`). Exit 0 no dataset
 * drift, 1 dataset drift, 2 bad input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { UsageError } from '../../errors.js';
import { DRIFT_METHODS, type DriftMethod, TEST_METHODS } from '../../metrics/drift/index.js';
import {
  type Correction,
  type DriftOptions,
  detectDrift,
  looksLikeProfile,
  type ReferenceProfile,
  readReferenceProfile,
  saveReferenceProfile,
} from '../../stages/data/drift/index.js';
import { Table, TableDb } from '../../stages/data/duckdb/index.js';
import { reportError } from '../errors.js';
import { fraction, textTable, writeJson } from '../flags.js';
import type { CliIO } from '../io.js';
import { num } from './data-tables.js';

export interface DriftFlags {
  columns?: string;
  share?: string;
  correction?: string;
  json?: string;
  method?: string;
  /** `col=method`, repeatable, each may be a comma list. */
  columnMethod?: string[];
  /** `method=value`, repeatable, each may be a comma list. */
  threshold?: string[];
  bins?: string;
  saveProfile?: string;
}

const CORRECTIONS: readonly Correction[] = ['none', 'bonferroni', 'bh'];
const METHODS = DRIFT_METHODS.join(', ');

function method(flag: string, value: string): DriftMethod {
  if (!(DRIFT_METHODS as string[]).includes(value))
    throw new UsageError(`${flag}: ${JSON.stringify(value)} is not a drift method; use one of ${METHODS}`);
  return value as DriftMethod;
}

/** `a=b` items from repeated flags that may each hold a comma list; split at the last '='. */
function pairs(flag: string, values: string[] | undefined, shape: string): [string, string][] {
  const out: [string, string][] = [];
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const s = item.trim();
    if (s === '') continue;
    const at = s.lastIndexOf('=');
    if (at <= 0 || at === s.length - 1)
      throw new UsageError(`${flag} takes ${shape}; got ${JSON.stringify(s)}`);
    out.push([s.slice(0, at).trim(), s.slice(at + 1).trim()]);
  }
  return out;
}

/** The detectDrift options the flags ask for; a UsageError naming the flag and the allowed values. */
export function driftOptions(flags: DriftFlags): DriftOptions {
  const correction = (flags.correction ?? 'none') as Correction;
  if (!CORRECTIONS.includes(correction))
    throw new UsageError(
      `--correction must be none, bonferroni or bh, got ${JSON.stringify(flags.correction)}`,
    );
  const options: DriftOptions = { share: fraction('--share', flags.share, 0.5), correction };
  const columns = flags.columns
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (columns && columns.length > 0) options.columns = columns;
  if (flags.method !== undefined) options.method = method('--method', flags.method);
  const perColumn = pairs(
    '--column-method',
    flags.columnMethod,
    `COLUMN=METHOD (e.g. age=psi; methods: ${METHODS})`,
  );
  if (perColumn.length > 0)
    options.methods = Object.fromEntries(perColumn.map(([c, m]) => [c, method(`--column-method ${c}`, m)]));
  const limits = pairs(
    '--threshold',
    flags.threshold,
    `METHOD=VALUE (e.g. psi=0.2 or ks=0.01; methods: ${METHODS})`,
  );
  if (limits.length > 0) {
    const thresholds: Partial<Record<DriftMethod, number>> = {};
    for (const [m, v] of limits) {
      const name = method('--threshold', m);
      const n = Number(v);
      const test = TEST_METHODS.includes(name);
      if (!(Number.isFinite(n) && n > 0 && (!test || n <= 1)))
        throw new UsageError(
          `--threshold ${name}=${v}: ${test ? `${name} takes a p-value in (0, 1]` : `${name} takes a distance > 0`}`,
        );
      thresholds[name] = n;
    }
    options.thresholds = thresholds;
  }
  if (flags.bins !== undefined) {
    const n = Number(flags.bins);
    if (flags.bins.trim() === '' || !Number.isInteger(n) || n < 2 || n > 1000)
      throw new UsageError(`--bins must be a whole number from 2 to 1000, got ${JSON.stringify(flags.bins)}`);
    options.bins = n;
  }
  return options;
}

/** Opens REF as a table, or reads it as a profile when it is a .json profile. */
async function openReference(db: TableDb, reference: string, io: CliIO): Promise<Table | ReferenceProfile> {
  const full = path.resolve(io.cwd, reference);
  if (looksLikeProfile(full)) return readReferenceProfile(full, reference);
  return db.table(reference, io.cwd);
}

/**
 * `gauntlet drift REF CUR [--columns a,b] [--share S] [--correction none|bonferroni|bh] [--method M]
 * [--column-method col=M]... [--threshold method=value]... [--bins N] [--save-profile OUT] [--json OUT]`.
 */
export async function driftCommand(
  reference: string,
  current: string,
  flags: DriftFlags,
  io: CliIO,
): Promise<number> {
  let db: TableDb | undefined;
  try {
    const c = pc.createColors(io.color);
    const options = driftOptions(flags);
    db = await TableDb.open();
    const ref = await openReference(db, reference, io);
    const cur = await db.table(current, io.cwd);
    const w = (s = '') => io.stdout.write(`${s}\n`);
    if (flags.saveProfile !== undefined) {
      if (!(ref instanceof Table))
        throw new UsageError(`--save-profile needs a reference table; ${reference} is already a profile`);
      const profile = await saveReferenceProfile(ref, { columns: options.columns, bins: options.bins });
      writeFileSync(path.resolve(io.cwd, flags.saveProfile), `${JSON.stringify(profile, null, 2)}\n`);
      w(
        `reference profile of ${reference} (${profile.columns.length} columns, ${profile.bins} bins) written to ${flags.saveProfile}`,
      );
    }
    const r = await detectDrift(ref, cur, options);
    const correction = r.correction;
    const against =
      r.referenceKind === 'profile' ? `the profile ${reference} (of ${r.reference})` : reference;
    w(
      `${c.bold(current)} against ${c.bold(against)}${correction === 'none' ? '' : ` (p-values corrected: ${correction})`}`,
    );
    const rows = [['column', 'type', 'method', 'statistic', 'p-value', 'threshold', 'drift']];
    for (const col of r.columns) {
      rows.push([
        col.column,
        col.kind,
        col.method ? `${col.method}${col.bins ? ` (${col.bins} bins)` : ''}` : '—',
        num(col.statistic),
        num(col.pValue),
        num(col.threshold, 2),
        col.skipped ? `skipped (${col.skipped})` : col.drift ? 'DRIFT' : 'no',
      ]);
    }
    w(textTable(rows));
    for (const col of r.columns) if (col.note) w(c.dim(`  ${col.column}: ${col.note}`));
    w(
      `${r.drifted} of ${r.tested} columns drifted (share ${num(r.driftShare, 3)}, dataset drift from ${r.shareThreshold})`,
    );
    writeJson(io, flags.json, r);
    w(r.datasetDrift ? `${c.red('DRIFT')}: the dataset drifted` : c.green('PASS: no dataset drift'));
    return r.datasetDrift ? 1 : 0;
  } catch (err) {
    return reportError(err, io);
  } finally {
    db?.close();
  }
}
