/**
 * A reference profile: what drift needs from a reference table, saved once as JSON so each new batch is
 * compared in one pass over the batch alone. Per column it keeps the counts, the category counts (text
 * columns, and numeric columns with at most 5 distinct values) and, for numbers, the reference's quantile
 * bin edges and counts plus summary statistics. That supports every binned or categorical method (psi,
 * kl, jensenshannon, chisquare, z, linf); ks, wasserstein and anderson compare the values themselves and
 * still need the reference rows.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_BINS } from '../../../metrics/drift/index.js';
import { DataTableError, isNumericType, type Table } from '../duckdb/index.js';
import { referenceBinsSql } from './bins.js';
import { categoryCountsSql, columnCountsSql } from './counts.js';
import { checkOptions, FEW_UNIQUE, PROFILE_METHODS, ROW_METHODS } from './options.js';
import { numbersSql, oneRow } from './sql.js';
import { populationStdSql } from './sql-wasserstein.js';

/** The `format` every profile starts with; how a .json reference is told from a JSON table. */
export const PROFILE_FORMAT = 'gauntlet.drift-profile';
export const PROFILE_VERSION = 1;

const count = z.number().int().min(0);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const methodList = z.array(z.string());

const profileColumnSchema = z.object({
  name: z.string(),
  /** DuckDB type of the reference column. */
  type: z.string(),
  numeric: z.boolean(),
  /** The reference's own kind (numbers with at most 5 distinct values are categorical). */
  kind: z.enum(['numerical', 'categorical']),
  /** Usable values (non-null, finite for numbers) and distinct usable values. */
  count,
  distinct: count,
  /** Count per label, labels sorted; numbers are labelled by their double text ("1.0"). */
  categories: z.object({ labels: z.array(z.string()), counts: z.array(count) }).optional(),
  /** Quantile bins from the reference: inner edges (the outer ones are -inf and +inf) and counts. */
  bins: z.object({ inner: z.array(finite), counts: z.array(count) }).optional(),
  summary: z.object({ min: finite, max: finite, mean: finite, std: finite }).optional(),
});

const profileSchema = z.object({
  format: z.literal(PROFILE_FORMAT),
  version: z.literal(PROFILE_VERSION),
  /** The reference table's file. */
  source: z.string(),
  rows: count,
  /** Quantile bins per numeric column. */
  bins: z.number().int().min(2),
  supports: z.object({ profile: methodList, needRows: methodList }),
  columns: z.array(profileColumnSchema),
});

export type ReferenceProfile = z.infer<typeof profileSchema>;
export type ProfileColumn = z.infer<typeof profileColumnSchema>;

/** Options of saveReferenceProfile: which columns, how many quantile bins. */
export interface ProfileOptions {
  columns?: string[];
  bins?: number;
}

async function summarySql(table: Table, column: string): Promise<ProfileColumn['summary']> {
  const [min, max, mean] = await oneRow(
    table,
    `SELECT min(v), max(v), fsum(v) / count(*) FROM (${numbersSql(table, column)})`,
  );
  const std = await populationStdSql(table, column);
  return { min: min as number, max: max as number, mean: mean as number, std };
}

/** Profiles the reference table `ref` (every column, or `options.columns`) for later drift checks. */
export async function saveReferenceProfile(
  ref: Table,
  options: ProfileOptions = {},
): Promise<ReferenceProfile> {
  checkOptions({ bins: options.bins });
  const bins = options.bins ?? DEFAULT_BINS;
  const names =
    options.columns && options.columns.length > 0 ? options.columns : ref.columns.map((c) => c.name);
  const cols = names.map((name) => ({
    name,
    type: ref.column(name).type,
    numeric: isNumericType(ref.column(name).type),
  }));
  const counts = await columnCountsSql(ref, cols);
  const [rows] = await oneRow(ref, `SELECT count(*) FROM ${ref.view}`);
  const columns: ProfileColumn[] = [];
  for (const c of cols) {
    const n = counts.get(c.name) ?? { count: 0, distinct: 0 };
    const kind = c.numeric && n.distinct > FEW_UNIQUE ? 'numerical' : 'categorical';
    const col: ProfileColumn = { name: c.name, type: c.type, numeric: c.numeric, kind, ...n };
    if (n.count > 0 && (!c.numeric || n.distinct <= FEW_UNIQUE)) {
      const m = await categoryCountsSql(ref, c.name, c.numeric);
      const labels = [...m.keys()].sort();
      col.categories = { labels, counts: labels.map((l) => m.get(l) ?? 0) };
    }
    if (n.count > 0 && c.numeric) {
      col.bins = await referenceBinsSql(ref, c.name, n.count, bins);
      col.summary = await summarySql(ref, c.name);
    }
    columns.push(col);
  }
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    source: ref.file,
    rows: rows as number,
    bins,
    supports: { profile: [...PROFILE_METHODS], needRows: [...ROW_METHODS] },
    columns,
  };
}

/** Checks parsed JSON against the profile schema; `file` names it in errors. */
export function parseReferenceProfile(json: unknown, file: string): ReferenceProfile {
  const r = profileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new DataTableError(
      `${file} is not a drift reference profile (${issue?.message ?? 'invalid'}${where}); write one with gauntlet drift REF CUR --save-profile ${file}`,
    );
  }
  for (const c of r.data.columns) {
    if (c.bins && c.bins.counts.length !== c.bins.inner.length + 1)
      throw new DataTableError(
        `${file}: column ${JSON.stringify(c.name)} has bins whose counts do not match its edges`,
      );
    if (c.categories && c.categories.counts.length !== c.categories.labels.length)
      throw new DataTableError(
        `${file}: column ${JSON.stringify(c.name)} has categories whose counts do not match`,
      );
  }
  return r.data;
}

/** True when `file` is a .json file that starts like a profile (only its first bytes are read). */
export function looksLikeProfile(file: string): boolean {
  if (!/\.json$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\s*\{\s*"format"\s*:\s*"gauntlet\.drift-profile"/.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads and checks a profile written by saveReferenceProfile. */
export function readReferenceProfile(file: string, label = file): ReferenceProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataTableError(`cannot read the profile ${label}: ${(err as Error).message}`, { cause: err });
  }
  return parseReferenceProfile(json, label);
}
