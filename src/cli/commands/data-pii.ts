/**
 * `gauntlet data pii FILE`: looks for personal data and secrets in a table's text columns (emails,
 * phones, cards, IBANs, SSNs, IPs, API keys), prints counts with masked samples, and can write a masked
 * copy. Exit 0 at most --max matches, 1 more, 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { UsageError } from '../../errors.js';
import { TableDb } from '../../stages/data/duckdb/index.js';
import { isPiiKind, type PiiKind, piiKinds, scanPii, writeMasked } from '../../stages/data/pii/index.js';
import { reportError } from '../errors.js';
import { listFlag, safeText, textTable, wholeNumber } from '../flags.js';
import type { CliIO } from '../io.js';

function kindsFlag(value: string | undefined): PiiKind[] | undefined {
  const kinds = listFlag(value);
  if (!kinds) return undefined;
  for (const k of kinds)
    if (!isPiiKind(k))
      throw new UsageError(`--kinds: unknown kind ${JSON.stringify(k)}; kinds: ${piiKinds.join(', ')}`);
  return kinds as PiiKind[];
}

const n = (v: number) => v.toLocaleString('en-US');

/** `gauntlet data pii FILE [--columns a,b] [--kinds k,l] [--max N] [--samples N] [--mask OUT] [--json OUT]`. */
export async function dataPiiCommand(
  file: string,
  flags: { columns?: string; kinds?: string; max?: string; samples?: string; mask?: string; json?: string },
  io: CliIO,
): Promise<number> {
  let db: TableDb | undefined;
  try {
    const c = pc.createColors(io.color);
    const max = wholeNumber('--max', flags.max, 0, 0);
    const samples = wholeNumber('--samples', flags.samples, 5, 0);
    const kinds = kindsFlag(flags.kinds);
    const columns = listFlag(flags.columns);
    if (flags.mask && path.resolve(io.cwd, flags.mask) === path.resolve(io.cwd, file))
      throw new UsageError(`--mask must name a new file, not ${file} itself`);
    db = await TableDb.open();
    const table = await db.table(file, io.cwd);
    const started = performance.now();
    const r = await scanPii(table, { columns, kinds, samples });
    const seconds = (performance.now() - started) / 1000;
    const w = (s = '') => io.stdout.write(`${s}\n`);
    w(
      `${c.bold(safeText(file))}: ${n(r.rows)} rows, ${r.columns.length} column${r.columns.length === 1 ? '' : 's'} scanned in ${seconds.toFixed(2)} s`,
    );
    if (r.skipped.length > 0 && !columns)
      w(
        c.dim(
          `  not scanned (not text): ${r.skipped.map((s) => safeText(s.name)).join(', ')}; list them with --columns to read them as text`,
        ),
      );
    if (r.findings.length > 0) {
      const rows = [['column', 'kind', 'matches', 'rows', 'samples (row: masked)']];
      for (const f of r.findings) {
        const shown = f.samples.slice(0, 3).map((s) => `${s.row}: ${safeText(s.masked)}`);
        rows.push([safeText(f.column), f.kind, n(f.count), n(f.rows), shown.join(', ')]);
      }
      w(textTable(rows));
      const byKind = r.kinds.filter((k) => r.totals[k].count > 0).map((k) => `${k} ${n(r.totals[k].count)}`);
      w(
        `  ${n(r.total.count)} match${r.total.count === 1 ? '' : 'es'} in ${n(r.total.rows)} rows and ${r.total.columns} column${r.total.columns === 1 ? '' : 's'} (${byKind.join(', ')})`,
      );
    } else {
      w(`  no PII found (kinds: ${r.kinds.join(', ')})`);
    }
    let masked: Awaited<ReturnType<typeof writeMasked>> | undefined;
    let left: number | undefined;
    if (flags.mask) {
      masked = await writeMasked(table, path.resolve(io.cwd, flags.mask), { columns, kinds });
      const check = await scanPii(await db.table(flags.mask, io.cwd), {
        columns: masked.columns,
        kinds,
        samples: 0,
      });
      left = check.total.count;
      w(
        `  masked copy ${safeText(flags.mask)}: ${n(masked.total)} matches replaced in ${n(masked.cells)} cells; scanned again: ${left === 0 ? c.green('none left') : c.red(`${n(left)} left`)}`,
      );
    }
    if (flags.json)
      writeFileSync(
        path.resolve(io.cwd, flags.json),
        `${JSON.stringify({ ...r, max, pass: r.total.count <= max, masked: masked ? { ...masked, file: flags.mask, left } : undefined }, null, 2)}\n`,
      );
    if (r.total.count <= max) {
      w(
        c.green(
          `PASS: ${n(r.total.count)} PII match${r.total.count === 1 ? '' : 'es'} (at most ${n(max)} allowed)`,
        ),
      );
      return 0;
    }
    const cols = [...new Set(r.findings.map((f) => f.column))].map((x) => safeText(x)).join(', ');
    const fix = flags.mask
      ? `use the masked copy ${safeText(flags.mask)} instead`
      : `write a masked copy with --mask OUT, or drop ${r.total.columns === 1 ? 'the column' : 'the columns'} ${cols} if the model does not need ${r.total.columns === 1 ? 'it' : 'them'}`;
    w(`${c.red('FAIL')}: ${n(r.total.count)} PII matches, at most ${n(max)} allowed; ${fix}`);
    return 1;
  } catch (err) {
    return reportError(err, io);
  } finally {
    db?.close();
  }
}
