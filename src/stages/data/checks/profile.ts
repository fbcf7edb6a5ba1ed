/**
 * A table's profile as a report table (one row per column) and an artifact with every figure: the
 * check passes once the profile is computed; limits on the figures are expectations.
 */
import type { StageContext } from '../../types.js';
import type { Table } from '../duckdb/index.js';
import { type ColumnProfile, profileTable } from '../profile/index.js';
import { num } from './names.js';

function summary(c: ColumnProfile): string {
  if (c.numeric) return `min ${num(c.numeric.min)} · mean ${num(c.numeric.mean)} · max ${num(c.numeric.max)}`;
  if (c.datetime) return `${c.datetime.min ?? '—'} … ${c.datetime.max ?? '—'}`;
  const top = c.top?.[0];
  return top ? `top ${JSON.stringify(top.value.slice(0, 40))} ×${top.count}` : '';
}

/** Profiles every column in as few scans as the profiler can plan. */
export async function checkProfile(
  ctx: StageContext<'data'>,
  table: Table,
  name: string,
  labels: { tags: string[]; priority?: 'P0' | 'P1' | 'P2' | 'P3' | 'P4' },
): Promise<void> {
  await ctx.check({ id: `data.profile.${name}`, name: `profile of ${name}`, ...labels }, async () => {
    const p = await profileTable(table);
    ctx.artifact(`profile:${name}`, p);
    ctx.metric('data.rows', 'gauge', p.rows, { table: name });
    for (const c of p.columns)
      if (c.nullFraction !== null)
        ctx.metric('data.null_fraction', 'gauge', c.nullFraction, { table: name, column: c.name });
    ctx.table(
      `profile of ${name} (${p.rows} rows)`,
      ['column', 'type', 'nulls', 'distinct', 'summary'],
      p.columns.map((c) => [
        c.name,
        c.type,
        c.nullFraction === null ? '—' : `${num(c.nullFraction * 100, 2)}%`,
        c.distinct,
        summary(c),
      ]),
    );
    return { status: 'pass', message: `${p.rows} rows, ${p.columns.length} columns profiled` };
  });
}
