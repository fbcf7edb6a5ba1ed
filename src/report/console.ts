/**
 * The console reporter: live progress while the run goes, the summary and the verdict at the end. All
 * text that came from a check is sanitized first: model output must not drive the terminal.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import type { Counts } from '../run/summary.js';
import { checkSymbol, EXCERPT_LIMIT, indent, renderRunEnd, stageSymbol } from './console-summary.js';
import { countResults, formatCounts, formatDuration, stageKey } from './format.js';
import { filesWrittenFor } from './output.js';
import { sanitizeLine, sanitizeTerminal, truncate } from './sanitize.js';
import { tableLines } from './stage-tables.js';
import type { ReporterFactory } from './types.js';

const PLAIN_PROGRESS_EVERY_MS = 5000;

/** Prints progress and the final report to `ctx.stdout`; verbosity 0 prints only failures and the verdict. */
export const consoleReporter: ReporterFactory = (ctx) => {
  const c = pc.createColors(ctx.color);
  const live = ctx.verbosity >= 1;
  const write = (line = '') => ctx.stdout.write(`${line}\n`);
  // stage:end carries no counts, so the reporter keeps its own tally per (stage, target).
  const tallies = new Map<string, Counts>();
  // Progress: rewritten in place on a TTY, one plain line every few seconds otherwise (CI logs).
  let progressShown = false;
  let lastProgressLine = Number.NEGATIVE_INFINITY;
  const clearProgress = () => {
    if (progressShown) ctx.stdout.write('\r\x1b[2K');
    progressShown = false;
  };
  const fmtMs = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : formatDuration(v));

  return {
    onRunStart(e) {
      if (!live) return;
      write(`${c.bold(`Gauntlet · ${sanitizeLine(e.suite)}`)} ${c.dim(`· run ${sanitizeLine(e.runId)}`)}`);
      for (const t of e.targets) {
        const model = t.model ? ` (${sanitizeLine(t.model)})` : '';
        write(c.dim(`  target ${sanitizeLine(t.name)} → ${sanitizeLine(t.url)}${model}`));
      }
      if (!e.targets.some((t) => t.url.includes('{port}'))) write();
    },

    onTargetLaunched(e) {
      if (!live) return;
      write(
        c.dim(
          `  launched ${sanitizeLine(e.target)} at ${sanitizeLine(e.url)}: ready in ${formatDuration(e.startupMs)} (pid ${e.pid})`,
        ),
      );
      write();
    },

    onStageStart(e) {
      tallies.set(stageKey(e.stage, e.target), countResults([]));
      if (!live) return;
      write(`${c.cyan('▶')} ${c.bold(sanitizeLine(e.stage))} ${c.dim('·')} target ${sanitizeLine(e.target)}`);
    },

    onCheck(r) {
      clearProgress();
      const key = stageKey(r.stage, r.target);
      const tally = tallies.get(key) ?? countResults([]);
      tally.total++;
      tally[r.status]++;
      tallies.set(key, tally);
      if (!live) return;
      write(`  ${checkSymbol(r.status, c)} ${sanitizeLine(r.name)} ${c.dim(formatDuration(r.durationMs))}`);
      const failed = r.status === 'fail' || r.status === 'error';
      // Failures always say why; a skip says why dimly; a pass only when asked to be verbose.
      if (r.message && (failed || r.status === 'skip' || ctx.verbosity >= 2)) {
        const text = indent(truncate(sanitizeTerminal(r.message), EXCERPT_LIMIT), 6);
        for (const line of text) write(failed ? c.red(line) : c.dim(line));
      }
    },

    onStageEnd(e) {
      clearProgress();
      if (!live) return;
      const counts = tallies.get(stageKey(e.stage, e.target)) ?? countResults([]);
      const name = `${sanitizeLine(e.stage)} · ${sanitizeLine(e.target)}`;
      write(
        `${stageSymbol(e.status, c)} ${name}: ${formatCounts(counts)} ${c.dim(`in ${formatDuration(e.durationMs)}`)}`,
      );
      if (e.error)
        for (const line of indent(truncate(sanitizeTerminal(e.error), EXCERPT_LIMIT), 2)) write(c.red(line));
      write();
    },

    onTable(t) {
      if (ctx.verbosity < 1) return;
      clearProgress();
      write();
      for (const line of tableLines(t, { title: c.bold, header: c.dim, note: c.yellow })) write(line);
      write();
    },

    onProgress(e) {
      if (!live) return;
      const v = e.values;
      const ttft = Number.isFinite(v.ttftP50) ? `  ttft p50 ${fmtMs(v.ttftP50)} p95 ${fmtMs(v.ttftP95)}` : '';
      const line = `  ${c.dim('…')} ${sanitizeLine(e.label ?? e.stage)} ${formatDuration(e.elapsedMs)}  req ${v.requests}  ${v.rps}/s  in flight ${v.inFlight}  errors ${v.errors}${ttft}`;
      if (ctx.color) {
        // A TTY: one line rewritten in place.
        ctx.stdout.write(`\r\x1b[2K${line}`);
        progressShown = true;
      } else if (
        e.elapsedMs - lastProgressLine >= PLAIN_PROGRESS_EVERY_MS ||
        e.elapsedMs < lastProgressLine
      ) {
        lastProgressLine = e.elapsedMs;
        write(line);
      }
    },

    onLog(e) {
      if (e.level === 'info' ? ctx.verbosity < 2 : !live) return;
      const paint = e.level === 'error' ? c.red : e.level === 'warn' ? c.yellow : c.dim;
      write(paint(`  [${e.level}] ${sanitizeLine(e.message)}`));
    },

    async onRunEnd(summary, results) {
      const files = await runFiles(ctx.runDir);
      for (const line of renderRunEnd(summary, results, {
        c,
        verbosity: ctx.verbosity,
        runDir: ctx.runDir,
        files,
      })) {
        write(line);
      }
      return undefined;
    },
  };
};

/**
 * The files in the run directory, plus reports written elsewhere (`junit=out/junit.xml`) by this process.
 * Reporters that finish after this one are missed, so the CLI should finish the console reporter last.
 */
async function runFiles(runDir: string): Promise<string[]> {
  const files = new Set<string>();
  try {
    for (const entry of await readdir(runDir, { withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith('.tmp')) files.add(join(runDir, entry.name));
    }
  } catch {
    // A run that crashed before creating its directory still gets its verdict printed.
  }
  for (const f of filesWrittenFor(runDir)) files.add(f);
  return [...files].sort();
}
