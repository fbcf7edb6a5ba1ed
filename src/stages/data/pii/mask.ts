/**
 * A masked copy of a table: DuckDB `COPY (SELECT ...) TO` in the output's format, where each scanned
 * column passes the RE2 prefilter and only candidate values go through a JS scalar function
 * (`registerScalarFunction`) that replaces confirmed matches with typed placeholders. Validated kinds
 * (Luhn, mod-97, octets) are masked only when valid, exactly as the scan reports them. DuckDB keeps
 * the scan parallel and the rows in file order; only candidates cross into JS.
 */
import { DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import { DataTableError, ident, literal, type Table } from '../duckdb/index.js';
import { asText, piiColumns, piiKindsOf, prefilterSql } from './columns.js';
import { maskText } from './find.js';
import { type PiiKind, piiKinds } from './types.js';

export interface MaskOptions {
  /** Mask these columns (any type; non-text ones are written back as text); default: every text column. */
  columns?: string[];
  /** Mask these kinds; default: all. */
  kinds?: PiiKind[];
}

export interface MaskResult {
  file: string;
  /** Rows written. */
  rows: number;
  /** Columns that were masked. */
  columns: string[];
  /** Matches replaced, per kind. */
  masked: Record<PiiKind, number>;
  /** Matches replaced in all. */
  total: number;
  /** Cells that changed. */
  cells: number;
}

/** The `COPY ... TO` options for an output file, chosen by its extension. */
export function copyFormat(file: string): string {
  const lower = file.toLowerCase();
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return '(FORMAT parquet)';
  if (lower.endsWith('.csv')) return '(FORMAT csv, HEADER)';
  if (lower.endsWith('.tsv')) return "(FORMAT csv, HEADER, DELIMITER '\t')";
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return '(FORMAT json)';
  if (lower.endsWith('.json')) return '(FORMAT json, ARRAY true)';
  throw new DataTableError(`${file}: unknown output type; write .csv, .tsv, .parquet, .jsonl or .json`);
}

let functions = 0;

/** Writes `table` to `outFile` with every confirmed PII match replaced by a placeholder like `[EMAIL]`. */
export async function writeMasked(
  table: Table,
  outFile: string,
  options: MaskOptions = {},
): Promise<MaskResult> {
  const format = copyFormat(outFile);
  const kinds = piiKindsOf(options.kinds);
  const { scanned } = piiColumns(table, options.columns);
  const masked = Object.fromEntries(piiKinds.map((k) => [k, 0])) as Record<PiiKind, number>;
  let cells = 0;
  let failure: unknown;
  const name = `gauntlet_pii_mask_${functions++}`;
  table.db.connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      // Volatile: it counts what it replaces, so DuckDB must call it for every row it is asked about.
      volatile: true,
      mainFunction: (info, input, output) => {
        try {
          const v = input.getColumnVector(0);
          for (let r = 0; r < input.rowCount; r++) {
            const text = v.getItem(r);
            if (typeof text !== 'string') {
              output.setItem(r, null);
              continue;
            }
            const m = maskText(text, kinds);
            for (const match of m.matches) masked[match.kind]++;
            if (m.matches.length > 0) cells++;
            output.setItem(r, m.text);
          }
          output.flush();
        } catch (err) {
          failure = err;
          info.setError(String((err as Error)?.message ?? err));
        }
      },
    }),
  );
  const chosen = new Set(scanned.map((c) => c.name));
  const select = table.columns.map((c) => {
    if (!chosen.has(c.name)) return ident(c.name);
    const v = asText(c);
    return `CASE WHEN ${prefilterSql(v, kinds)} THEN ${name}(${v}) ELSE ${v} END AS ${ident(c.name)}`;
  });
  let rows = 0;
  try {
    const r = await table.db.connection.runAndReadAll(
      `COPY (SELECT ${select.join(', ')} FROM ${table.view}) TO ${literal(outFile)} ${format}`,
    );
    rows = Number(r.getColumnsJS()[0]?.[0] ?? 0);
  } catch (err) {
    const first = String((err as Error)?.message ?? err).split('\n')[0];
    throw new DataTableError(`${table.file} → ${outFile}: ${first}`, { cause: failure ?? err });
  }
  return {
    file: outFile,
    rows,
    columns: scanned.map((c) => c.name),
    masked,
    total: Object.values(masked).reduce((a, b) => a + b, 0),
    cells,
  };
}
