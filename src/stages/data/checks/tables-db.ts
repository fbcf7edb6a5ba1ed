/** Opens the tables one data check reads in a DuckDB instance of its own, closed when the check ends. */
import { type Table, TableDb } from '../duckdb/index.js';

/** Runs `fn` with `files` opened as tables (paths relative to `dir`); the instance is closed after. */
export async function withTables<T>(
  dir: string,
  files: string[],
  fn: (tables: Table[]) => Promise<T>,
): Promise<T> {
  const db = await TableDb.open();
  try {
    const tables: Table[] = [];
    for (const f of files) tables.push(await db.table(f, dir));
    return await fn(tables);
  } finally {
    db.close();
  }
}
