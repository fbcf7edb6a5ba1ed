/**
 * PII in one table as a check: confirmed matches (Luhn for cards, mod-97 for IBANs, ...) counted per
 * column and kind, shown only masked; the check fails above `max` matches.
 */
import type { StageContext } from '../../types.js';
import type { Table } from '../duckdb/index.js';
import { type PiiKind, scanPii } from '../pii/index.js';

/** Scans the table and reports one check; `data.pii.matches` per column and kind is a metric. */
export async function checkPii(
  ctx: StageContext<'data'>,
  table: Table,
  name: string,
  spec: { columns?: string[]; kinds?: PiiKind[]; max?: number },
  labels: { tags: string[]; priority?: 'P0' | 'P1' | 'P2' | 'P3' | 'P4' },
): Promise<void> {
  const max = spec.max ?? 0;
  await ctx.check({ id: `data.pii.${name}`, name: `${name} holds no PII`, ...labels }, async () => {
    const r = await scanPii(table, {
      ...(spec.columns ? { columns: spec.columns } : {}),
      ...(spec.kinds ? { kinds: spec.kinds } : {}),
    });
    ctx.metric('data.pii.matches', 'gauge', r.total.count, { table: name });
    for (const f of r.findings)
      ctx.metric('data.pii.matches', 'gauge', f.count, { table: name, column: f.column, kind: f.kind });
    if (r.findings.length > 0)
      ctx.table(
        `PII in ${name}`,
        ['column', 'kind', 'matches', 'rows', 'samples (masked)'],
        r.findings.map((f) => [
          f.column,
          f.kind,
          f.count,
          f.rows,
          f.samples
            .slice(0, 3)
            .map((s) => `row ${s.row}: ${s.masked}`)
            .join('; '),
        ]),
        [`row numbers: ${r.rowNumbers}`],
      );
    const where = r.findings
      .slice(0, 4)
      .map((f) => `${f.column}: ${f.count} ${f.kind}`)
      .join(', ');
    const message = `${r.total.count} PII matches in ${r.total.rows} of ${r.rows} rows over ${r.columns.length} text columns${where ? ` (${where})` : ''}`;
    const evidence = { details: { findings: r.findings, totals: r.totals, skipped: r.skipped } };
    if (r.total.count > max)
      return {
        status: 'fail',
        message: `${message} > max ${max}; mask them (\`gauntlet data pii ${table.file} --mask OUT\`) or drop the columns`,
        evidence,
      };
    return { status: 'pass', message, evidence };
  });
}
