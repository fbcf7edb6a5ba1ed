/**
 * `gauntlet export RUN --format prometheus|jsonl [--out FILE]`: a stored run's summary for dashboards.
 * RUN is an id, a run directory or `latest`. Exit 0 written, 2 bad usage or an unknown run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GauntletError, UsageError } from '../../errors.js';
import { EXPORT_FORMATS, type ExportFormat, exporters } from '../../report/export/index.js';
import { DEFAULT_RUNS_DIR, findRun } from '../../run/history/index.js';
import type { RunSummary } from '../../run/summary.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';

/** Writes the export to --out or stdout; returns the exit code. */
export async function exportCommand(
  ref: string,
  flags: { format?: string; out?: string; runsDir?: string },
  io: CliIO,
): Promise<number> {
  try {
    const format = flags.format as ExportFormat | undefined;
    if (!format || !EXPORT_FORMATS.includes(format))
      throw new UsageError(
        `--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(flags.format)}`,
      );
    const root = path.resolve(io.cwd, flags.runsDir ?? DEFAULT_RUNS_DIR);
    const found = await findRun(root, ref, io.cwd);
    const file = found.dir ? path.join(found.dir, 'summary.json') : undefined;
    if (!file || !existsSync(file)) {
      throw new GauntletError(
        'E_RUN_NO_SUMMARY',
        found.entry?.deleted
          ? `run ${found.id} was deleted on ${found.entry.deleted.at}; its summary is gone`
          : `run ${found.id} has no summary.json (${file ?? 'no directory'}): it crashed before its end, nothing to export`,
        { exitCode: 2 },
      );
    }
    const summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
    const text = exporters[format](summary);
    if (flags.out) {
      const out = path.resolve(io.cwd, flags.out);
      writeFileSync(out, text);
      io.stderr.write(`wrote ${out}\n`);
    } else io.stdout.write(text);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}
