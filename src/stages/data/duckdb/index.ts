/**
 * Tables read by DuckDB (`@duckdb/node-api`): CSV, TSV, Parquet, JSON and JSONL files and globs, in an
 * in-memory instance. Aggregates (counts, distinct counts, category counts) run as SQL; only the values a
 * statistic really needs (one column's non-null values) are pulled into JS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { GauntletError } from '../../../errors.js';

/** A table that cannot be read, a column that does not exist, a type that does not fit (exit 2). */
export class DataTableError extends GauntletError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('E_DATA_TABLE', message, { ...options, exitCode: 2 });
  }
}

export interface TableColumn {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, DOUBLE, VARCHAR, DECIMAL(5,2). */
  type: string;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** True for DuckDB's integer, floating and decimal types. */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type.toUpperCase());
}

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const isGlob = (file: string) => /[*?[]/.test(file);

/** The DuckDB table function that reads `file`, chosen by its extension. */
export function readerSql(file: string): string {
  const lower = file.toLowerCase().replace(/\.(gz|zst)$/, '');
  const f = literal(file);
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return `read_parquet(${f})`;
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return `read_csv_auto(${f}, delim = '\t')`;
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return `read_csv_auto(${f})`;
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson'))
    return `read_json_auto(${f}, format = 'newline_delimited')`;
  if (lower.endsWith('.json')) return `read_json_auto(${f})`;
  throw new DataTableError(
    `${file}: unknown file type; use .csv, .tsv, .parquet, .json or .jsonl (globs such as data/*.parquet work too)`,
  );
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0] ?? '';
}

/** One opened table: a view over the file, its columns, and SQL helpers that aggregate in DuckDB. */
export class Table {
  constructor(
    readonly db: TableDb,
    readonly file: string,
    readonly view: string,
    readonly columns: TableColumn[],
  ) {}

  column(name: string): TableColumn {
    const c = this.columns.find((col) => col.name === name);
    if (!c) {
      throw new DataTableError(
        `column ${JSON.stringify(name)} is not in ${this.file}; its columns: ${this.columns.map((x) => x.name).join(', ')}`,
      );
    }
    return c;
  }

  /** Runs one SQL statement over this table's view (`this.view`) and returns its columns; errors name the file. */
  async query(sql: string): Promise<unknown[][]> {
    try {
      const r = await this.db.connection.runAndReadAll(sql);
      return r.getColumnsJS() as unknown[][];
    } catch (err) {
      throw new DataTableError(`${this.file}: ${firstLine(err)}`, { cause: err });
    }
  }

  /**
   * Non-null and distinct counts of several columns in one scan of the table (DuckDB plans the
   * aggregates together).
   */
  async profile(names: readonly string[]): Promise<Map<string, { nonNull: number; distinct: number }>> {
    const out = new Map<string, { nonNull: number; distinct: number }>();
    if (names.length === 0) return out;
    const select = names.flatMap((n) => {
      const c = ident(this.column(n).name);
      return [`count(${c})`, `count(DISTINCT ${c})`];
    });
    const cols = await this.query(`SELECT ${select.join(', ')} FROM ${this.view}`);
    names.forEach((n, i) => {
      out.set(n, { nonNull: Number(cols[2 * i]?.[0] ?? 0), distinct: Number(cols[2 * i + 1]?.[0] ?? 0) });
    });
    return out;
  }

  /** A column's distinct non-null values as text (numbers as doubles); for columns known to have few. */
  async distinctValues(name: string): Promise<string[]> {
    const col = this.column(name);
    const c = ident(col.name);
    const v = isNumericType(col.type) ? `CAST(CAST(${c} AS DOUBLE) AS VARCHAR)` : `CAST(${c} AS VARCHAR)`;
    const [k] = await this.query(`SELECT DISTINCT ${v} FROM ${this.view} WHERE ${c} IS NOT NULL`);
    return (k ?? []).map(String);
  }

  /** A numeric column's finite non-null values as doubles. */
  async numbers(name: string): Promise<number[]> {
    const c = ident(this.column(name).name);
    const [v] = await this.query(
      `SELECT CAST(${c} AS DOUBLE) AS v FROM ${this.view} WHERE ${c} IS NOT NULL AND isfinite(CAST(${c} AS DOUBLE))`,
    );
    return (v ?? []) as number[];
  }

  /** Category counts (value as text → count) by GROUP BY in DuckDB; nulls are not a category. */
  async categoryCounts(name: string): Promise<Map<string, number>> {
    const c = ident(this.column(name).name);
    const [k, n] = await this.query(
      `SELECT CAST(${c} AS VARCHAR) AS k, count(*) AS n FROM ${this.view} WHERE ${c} IS NOT NULL GROUP BY 1`,
    );
    const out = new Map<string, number>();
    (k ?? []).forEach((key, i) => {
      out.set(String(key), Number(n?.[i] ?? 0));
    });
    return out;
  }

  /**
   * Several columns of the rows where none is null, in file order; numeric columns come back as numbers
   * (booleans as 0/1), others as strings.
   */
  async rows(names: readonly string[]): Promise<(number | string)[][]> {
    const cols = names.map((n) => this.column(n));
    const select = cols.map((c) => {
      const id = ident(c.name);
      if (c.type === 'BOOLEAN') return `CAST(${id} AS INTEGER)`;
      return isNumericType(c.type) ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS VARCHAR)`;
    });
    const where = cols.map((c) => `${ident(c.name)} IS NOT NULL`).join(' AND ');
    const out = await this.query(`SELECT ${select.join(', ')} FROM ${this.view} WHERE ${where}`);
    return out as (number | string)[][];
  }
}

/** An in-memory DuckDB instance holding the tables a command reads. Close it when done. */
export class TableDb {
  private views = 0;
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<TableDb> {
    const instance = await DuckDBInstance.create(':memory:');
    return new TableDb(instance, await instance.connect());
  }

  /** Opens `file` (relative to `cwd`) as a view and lists its columns; errors name the file. */
  async table(file: string, cwd: string): Promise<Table> {
    const full = path.resolve(cwd, file);
    if (!isGlob(file) && !existsSync(full)) throw new DataTableError(`${file}: no such file`);
    const reader = readerSql(full);
    const view = `t${this.views++}`;
    try {
      await this.connection.run(`CREATE VIEW ${view} AS SELECT * FROM ${reader}`);
      const r = await this.connection.runAndReadAll(`DESCRIBE ${view}`);
      const [names, types] = r.getColumnsJS() as string[][];
      const columns = (names ?? []).map((name, i) => ({ name, type: String(types?.[i]) }));
      return new Table(this, file, view, columns);
    } catch (err) {
      throw new DataTableError(`cannot read ${file}: ${firstLine(err)}`, { cause: err });
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
