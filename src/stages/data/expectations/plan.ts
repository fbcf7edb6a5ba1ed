/**
 * The query planner. Every expectation registers what it needs: aggregates (deduplicated by their SQL)
 * that all go into ONE `SELECT ... FROM view` (one scan of the table), and follow-up branches (samples
 * for partial_unexpected_list, capped GROUP BYs for distinct values, duplicate counts) that all go into
 * ONE `UNION ALL` query. A typical list therefore costs two queries whatever its length.
 *
 * If a combined query fails (a regex RE2 rejects, a bound that does not cast...), the planner runs each
 * expectation's part on its own, so the failure is pinned on the expectation that caused it and every
 * other result is kept.
 */
import type { ExpectationKwargs, ExpectationType } from '../../../config/stages/data-expectations.js';
import type { Table, TableColumn } from '../duckdb/index.js';
import { fromJson } from './sql.js';
import { ExpectationError, type Outcome } from './types.js';

/** One row of a follow-up branch: a value (decoded from `to_json`) and up to three integers. */
export interface BranchRow {
  v: unknown;
  n: number | null;
  p: number | null;
  q: number | null;
}

/** What a branch selects: SQL for `v` (VARCHAR, usually `to_json(...)`), `n`, `p`, `q`, and the rest. */
export interface BranchSpec {
  v?: string;
  n?: string;
  p?: string;
  q?: string;
  /** `FROM ... WHERE ... GROUP BY ... LIMIT ...`, or empty for a one-row branch. */
  tail: string;
}

/** Reads the values an expectation registered, after the queries ran. */
export interface Reader {
  agg(slot: number): unknown;
  rows(branch: number): BranchRow[];
}

/** Turns query results into an outcome; may throw ExpectationError. */
export type Finisher<T> = (read: Reader) => T;

/** Plans one expectation: registers its SQL in the context and returns how to read its outcome. */
export type Builder<T extends ExpectationType> = BuildFn<ExpectationKwargs<T>>;
/** A builder over a kwargs shape (expectations sharing kwargs share builders). */
export type BuildFn<K> = (kwargs: K, ctx: PlanContext) => Finisher<Outcome>;

/** Shared registries of aggregates and branches for one table. */
export class Plan {
  readonly aggs: string[] = [];
  readonly branches: string[] = [];
  private readonly aggIndex = new Map<string, number>();

  constructor(readonly table: Table) {}

  /** The slot of an aggregate of the one scan; the same SQL gets the same slot. */
  agg(sql: string): number {
    let slot = this.aggIndex.get(sql);
    if (slot === undefined) {
      slot = this.aggs.push(sql) - 1;
      this.aggIndex.set(sql, slot);
    }
    return slot;
  }

  /** Adds a follow-up branch (one SELECT of the UNION ALL); returns its id. */
  branch(spec: BranchSpec): number {
    const id = this.branches.length;
    const cast = (sql: string | undefined, type: string) => `CAST(${sql ?? 'NULL'} AS ${type})`;
    this.branches.push(
      `(SELECT ${id} AS b, ${cast(spec.v, 'VARCHAR')} AS v, ${cast(spec.n, 'BIGINT')} AS n, ` +
        `${cast(spec.p, 'BIGINT')} AS p, ${cast(spec.q, 'BIGINT')} AS q ${spec.tail})`,
    );
    return id;
  }
}

/** One expectation's view of the plan: records which aggregates and branches are its own. */
export class PlanContext {
  readonly slots: number[] = [];
  readonly branchIds: number[] = [];
  /** Rewrites a DuckDB error for this expectation (e.g. a regex RE2 rejects); default: as is. */
  explain: (duckdbMessage: string) => string = (m) => `DuckDB could not evaluate it: ${m}`;

  constructor(
    readonly plan: Plan,
    /** Prefix for messages: `file: expectation_type`. */
    readonly label: string,
    readonly partialLimit: number,
    readonly distinctLimit: number,
  ) {}

  get table(): Table {
    return this.plan.table;
  }

  get view(): string {
    return this.plan.table.view;
  }

  agg(sql: string): number {
    const slot = this.plan.agg(sql);
    this.slots.push(slot);
    return slot;
  }

  branch(spec: BranchSpec): number {
    const id = this.plan.branch(spec);
    this.branchIds.push(id);
    return id;
  }

  /** A column of the table, or an ExpectationError naming the file, the column and the columns there are. */
  column(name: string): TableColumn {
    try {
      return this.table.column(name);
    } catch (err) {
      throw new ExpectationError(`${this.label}: ${(err as Error).message}`);
    }
  }

  /** An ExpectationError prefixed with the file and the expectation. */
  fail(what: string): never {
    throw new ExpectationError(`${this.label}: ${what}`);
  }
}

/** Values read back from the queries, and the expectations whose part failed (with why). */
export interface Executed {
  reader: Reader;
  failed: Map<PlanContext, string>;
}

/** Runs the plan: one aggregate scan, one follow-up query; per-expectation retries only on failure. */
export async function execute(plan: Plan, contexts: readonly PlanContext[]): Promise<Executed> {
  const table = plan.table;
  const values: unknown[] = new Array(plan.aggs.length);
  const rows = new Map<number, BranchRow[]>();
  const failed = new Map<PlanContext, string>();

  const scan = async (slots: readonly number[]) => {
    const unique = [...new Set(slots)];
    const cols = await table.query(`SELECT ${unique.map((s) => plan.aggs[s]).join(', ')} FROM ${table.view}`);
    unique.forEach((s, i) => {
      values[s] = cols[i]?.[0] ?? null;
    });
  };
  const follow = async (ids: readonly number[]) => {
    const [b, v, n, p, q] = await table.query(ids.map((id) => plan.branches[id]).join(' UNION ALL '));
    for (const id of ids) rows.set(id, []);
    (b ?? []).forEach((id, i) => {
      rows.get(Number(id))?.push({
        v: fromJson(v?.[i]),
        n: toInt(n?.[i]),
        p: toInt(p?.[i]),
        q: toInt(q?.[i]),
      });
    });
  };
  const isolate = async (
    pick: (c: PlanContext) => readonly number[],
    run: (ids: readonly number[]) => Promise<void>,
  ) => {
    for (const c of contexts) {
      if (failed.has(c) || pick(c).length === 0) continue;
      try {
        await run(pick(c));
      } catch (err) {
        failed.set(c, (err as Error).message);
      }
    }
  };

  if (plan.aggs.length > 0) {
    try {
      await scan(plan.aggs.map((_, i) => i));
    } catch {
      await isolate((c) => c.slots, scan);
    }
  }
  const live = contexts.filter((c) => !failed.has(c)).flatMap((c) => c.branchIds);
  if (live.length > 0) {
    try {
      await follow(live);
    } catch {
      await isolate((c) => c.branchIds, follow);
    }
  }
  return {
    reader: { agg: (slot) => values[slot] ?? null, rows: (id) => rows.get(id) ?? [] },
    failed,
  };
}

function toInt(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
