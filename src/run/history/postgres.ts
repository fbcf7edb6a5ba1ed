/**
 * The run index in PostgreSQL, for a history a team shares: `--db postgres://...`, the suite's
 * `report.history.db`, or GAUNTLET_DB (README, "History in PostgreSQL"). Two append-only tables, created on first use:
 *
 *   gauntlet_run_records (id bigserial, op 'index'|'delete', run_id, entry jsonb, at timestamptz)
 *   gauntlet_audit       (id bigserial, at, action, run_id, by_user, host, record jsonb)
 *
 * They are read the way jsonl.ts folds its file: the last `index` record of a run wins, and a `delete`
 * record outlives later re-indexing of the same id. A statement trigger refuses UPDATE, DELETE and
 * TRUNCATE on both, so append-only is the database's rule, not only Gauntlet's habit. `?schema=NAME`
 * on the URL puts the tables in that schema (created if missing); otherwise they go where the
 * connection's search_path says (usually `public`). The driver (`pg`) is loaded on first use only.
 */
import type { Client } from 'pg';
import { GauntletError, UsageError } from '../../errors.js';
import type { AuditRecord, DeletionInfo, HistoryEntry, HistoryQuery, RunIndex } from './types.js';

export const PG_RECORDS_TABLE = 'gauntlet_run_records';
export const PG_AUDIT_TABLE = 'gauntlet_audit';
/** 'gauntlet' in ASCII: the advisory lock every Gauntlet process takes to create the tables. */
const SCHEMA_LOCK = '7449354444534473076';

/** True when `db` names a PostgreSQL database (`postgres://` or `postgresql://`). */
export const isPostgresUrl = (db: string) => /^postgres(?:ql)?:\/\//i.test(db);

/** `db` with any `user:password@` reduced to `user@`, for messages; works on malformed URLs too. */
export function maskPassword(db: string): string {
  return db.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@]*@/i, '$1@');
}

interface PgTarget {
  connectionString: string;
  schema?: string;
  /** The URL without the password (and without query parameters but the schema). */
  location: string;
}

/** Splits a history URL into what the driver gets, the schema, and a description safe to print. */
export function parsePgUrl(db: string, schema?: string): PgTarget {
  let u: URL;
  try {
    u = new URL(db);
  } catch (err) {
    throw new UsageError(
      `the run history URL ${maskPassword(db)} is not a valid URL; write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]`,
      { cause: err },
    );
  }
  const name = schema ?? u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  const shown = new URL(u.toString());
  shown.password = '';
  shown.search = '';
  const location = `${shown.toString()}${name ? `?schema=${name}` : ''}`;
  // Identifiers cannot be query parameters: the schema is checked here, then quoted.
  if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new UsageError(
      `the run history schema ${JSON.stringify(name)} (in ${location}) must be letters, digits and _ and not start with a digit`,
    );
  }
  return { connectionString: u.toString(), location, ...(name ? { schema: name } : {}) };
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** Turns a driver error into one that says where and what to do; never holds the password. */
function historyError(location: string, err: unknown, connecting: boolean): GauntletError {
  if (err instanceof GauntletError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? (/timeout/i.test(e.message ?? '') ? 'timeout' : undefined);
  const detail = maskPassword(e.message ?? String(err));
  if (code && (CONNECT_CODES.has(code) || code === 'timeout' || code === '57P03')) {
    return new GauntletError(
      'E_HISTORY_UNREACHABLE',
      `cannot reach the run history at ${location} (${code}): is PostgreSQL running and listening there? Check the host and port in --db, the suite's report.history.db or GAUNTLET_DB; the run directories are unaffected`,
      { exitCode: 2, cause: err },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new GauntletError(
      'E_HISTORY_LOGIN',
      `the run history at ${location} refused the login (${detail}): check the user and password; a suite can take the password from the environment, e.g. postgres://gauntlet:\${env:GAUNTLET_DB_PASSWORD}@host/db`,
      { exitCode: 2, cause: err },
    );
  }
  if (code === '3D000') {
    return new GauntletError(
      'E_HISTORY_NO_DATABASE',
      `the run history at ${location}: ${detail}; create it (createdb) or fix the database name in the URL`,
      { exitCode: 2, cause: err },
    );
  }
  if (code === '42501') {
    return new GauntletError(
      'E_HISTORY_DENIED',
      `the run history at ${location}: ${detail}; the user needs CREATE on the database or schema once (to create the gauntlet_* tables), then SELECT and INSERT on them`,
      { exitCode: 2, cause: err },
    );
  }
  return new GauntletError(
    'E_HISTORY_DB',
    `the run history at ${location} failed${connecting ? ' while connecting' : ''}: ${detail}${code ? ` (${code})` : ''}`,
    { exitCode: connecting ? 2 : 3, cause: err },
  );
}

/** An index kept in two append-only PostgreSQL tables. */
export class PgRunIndex implements RunIndex {
  readonly location: string;
  readonly auditLocation: string;
  private readonly target: PgTarget;
  private readonly connectTimeoutMs: number;
  private client?: Promise<Client>;

  /** `db` is a postgres:// URL; `opts.schema` overrides its `?schema=`. Nothing connects until first use. */
  constructor(db: string, opts: { schema?: string; connectTimeoutMs?: number } = {}) {
    this.target = parsePgUrl(db, opts.schema);
    this.location = this.target.location;
    this.auditLocation = `${this.location} (table ${PG_AUDIT_TABLE})`;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  }

  private table(name: string): string {
    return this.target.schema ? `"${this.target.schema}".${name}` : name;
  }

  /** The connection, opened on first use; a failed or dropped one is opened again next time (`view` lives long). */
  private conn(): Promise<Client> {
    if (!this.client) {
      const pending = this.connect();
      this.client = pending;
      pending.catch(() => {
        if (this.client === pending) this.client = undefined;
      });
    }
    return this.client;
  }

  private async connect(): Promise<Client> {
    let pg: typeof import('pg')['default'];
    try {
      pg = (await import('pg')).default;
    } catch (err) {
      throw new GauntletError(
        'E_HISTORY_DRIVER',
        'the PostgreSQL driver is missing: `npm install pg` next to gauntlet to keep the run history in PostgreSQL',
        { exitCode: 2, cause: err },
      );
    }
    const client = new pg.Client({
      connectionString: this.target.connectionString,
      connectionTimeoutMillis: this.connectTimeoutMs,
      application_name: 'gauntlet',
    });
    // A connection dropped while idle fails the next query, which reports it; without a listener the
    // driver's 'error' event would end the process.
    client.on('error', () => {});
    try {
      await client.connect();
      await this.createTables(client);
      return client;
    } catch (err) {
      await client.end().catch(() => {});
      throw historyError(this.location, err, true);
    }
  }

  /**
   * Creates the schema, tables and triggers when missing. `CREATE ... IF NOT EXISTS` alone races: two
   * sessions can both see no table and one then fails on the catalog's unique index, so creation runs
   * in one transaction under an advisory lock that the second run waits on.
   */
  private async createTables(client: Client): Promise<void> {
    const records = this.table(PG_RECORDS_TABLE);
    const audit = this.table(PG_AUDIT_TABLE);
    const present = await client.query<{ ok: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ok',
      [records, audit],
    );
    if (present.rows[0]?.ok) return;
    const fn = this.table('gauntlet_append_only');
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK]);
      if (this.target.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.target.schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${records} (
        id bigserial PRIMARY KEY,
        op text NOT NULL CHECK (op IN ('index', 'delete')),
        run_id text NOT NULL,
        entry jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query(`CREATE INDEX IF NOT EXISTS ${PG_RECORDS_TABLE}_run_id ON ${records} (run_id, id)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${audit} (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        action text NOT NULL,
        run_id text NOT NULL,
        by_user text NOT NULL,
        host text NOT NULL,
        record jsonb NOT NULL
      )`);
      await client.query(`CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the Gauntlet run history is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
        END $$`);
      for (const t of [records, audit]) {
        const has = await client.query(
          "SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = 'gauntlet_append_only'",
          [t],
        );
        if (has.rowCount === 0) {
          await client.query(
            `CREATE TRIGGER gauntlet_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
          );
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  private async query<R extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    const pending = this.conn();
    const client = await pending;
    try {
      return (await client.query<R>(sql, params)).rows;
    } catch (err) {
      // No `severity` (a broken socket) or FATAL (the server ended the session): the next query reconnects.
      const severity = (err as { severity?: string }).severity;
      if (!severity || severity === 'FATAL') {
        if (this.client === pending) this.client = undefined;
        await client.end().catch(() => {});
      }
      throw historyError(this.location, err, false);
    }
  }

  async record(entry: HistoryEntry): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table(PG_RECORDS_TABLE)} (op, run_id, entry) VALUES ('index', $1, $2::jsonb)`,
      [entry.id, toJsonb(entry)],
    );
  }

  /**
   * The fold of jsonl.ts in SQL: per run, the newest `index` record, and the newest `delete` record that
   * came after the run was first indexed (a deletion of a run never indexed is ignored, as there).
   */
  private async fold(query: HistoryQuery & { id?: string }): Promise<HistoryEntry[]> {
    const t = this.table(PG_RECORDS_TABLE);
    const rows = await this.query<{ entry: HistoryEntry; deleted: DeletionInfo | null }>(
      `WITH latest AS (
         SELECT DISTINCT ON (run_id) run_id, entry FROM ${t}
         WHERE op = 'index' AND ($1::text IS NULL OR run_id = $1) ORDER BY run_id, id DESC
       ), first AS (
         SELECT run_id, min(id) AS id FROM ${t}
         WHERE op = 'index' AND ($1::text IS NULL OR run_id = $1) GROUP BY run_id
       ), deletion AS (
         SELECT DISTINCT ON (d.run_id) d.run_id, d.entry AS info FROM ${t} d JOIN first f ON f.run_id = d.run_id AND d.id > f.id
         WHERE d.op = 'delete' ORDER BY d.run_id, d.id DESC
       )
       SELECT l.entry, x.info AS deleted FROM latest l LEFT JOIN deletion x USING (run_id)
       WHERE ($2::bool OR (x.info IS NULL AND NOT l.entry ? 'deleted'))
         AND ($3::text IS NULL OR l.entry->'suite'->>'name' = $3 OR l.entry->'suite'->>'file' = $3
              OR regexp_replace(l.entry->'suite'->>'file', '^.*/', '') = $3)
       ORDER BY (coalesce(l.entry->>'startedAt', '') || '|' || l.run_id) COLLATE "C" DESC
       LIMIT $4`,
      [query.id ?? null, Boolean(query.includeDeleted), query.suite ?? null, query.limit ?? null],
    );
    return rows.map((r) => (r.deleted ? { ...r.entry, deleted: deletionOf(r.deleted) } : r.entry));
  }

  async list(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    return this.fold(query);
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return (await this.fold({ id, includeDeleted: true, limit: 1 }))[0];
  }

  async markDeleted(id: string, info: DeletionInfo): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table(PG_RECORDS_TABLE)} (op, run_id, entry) VALUES ('delete', $1, $2::jsonb)`,
      [id, toJsonb(deletionOf(info))],
    );
  }

  async appendAudit(record: AuditRecord): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table(PG_AUDIT_TABLE)} (at, action, run_id, by_user, host, record) VALUES ($1::timestamptz, $2, $3, $4, $5, $6::jsonb)`,
      [record.at, record.action, record.runId, noNul(record.user), noNul(record.host), toJsonb(record)],
    );
  }

  async readAudit(): Promise<AuditRecord[]> {
    const rows = await this.query<{ record: AuditRecord }>(
      `SELECT record FROM ${this.table(PG_AUDIT_TABLE)} ORDER BY id`,
      [],
    );
    return rows.map((r) => r.record);
  }

  async close(): Promise<void> {
    const pending = this.client;
    if (!pending) return;
    const client = await pending.catch(() => undefined);
    await client?.end().catch(() => {});
  }
}

/**
 * Text PostgreSQL accepts. jsonb and text cannot hold U+0000, nor (as JSON escapes) a lone UTF-16
 * surrogate, and model output or a suite name may: both become U+FFFD here; the run directory keeps the
 * exact text.
 */
const noNul = (s: string) => s.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** JSON for a jsonb parameter, every string made acceptable by `noNul`. */
const toJsonb = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? noNul(v) : v));

const deletionOf = (d: DeletionInfo): DeletionInfo => ({
  at: d.at,
  by: d.by,
  ...(d.reason ? { reason: d.reason } : {}),
});
