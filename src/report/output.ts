/** Where file reporters write, and writing so that a crash never leaves half a report behind. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReporterContext } from './types.js';

// Reports written by this process, by run directory, so the console can list files written outside it.
const written = new Map<string, Set<string>>();

/** The report files this process has written for a run directory, in the order they were written. */
export function filesWrittenFor(runDir: string): string[] {
  return [...(written.get(runDir) ?? [])];
}

/** The path a file reporter writes to: `ctx.outputPath` if given, else `defaultName` in the run directory. */
export function resolveOutputPath(
  ctx: Pick<ReporterContext, 'runDir' | 'outputPath'>,
  defaultName: string,
): string {
  if (ctx.outputPath === undefined || ctx.outputPath === '') return join(ctx.runDir, defaultName);
  // A trailing separator names a directory, so `--reporter junit=out/` does what people expect.
  if (/[\\/]$/.test(ctx.outputPath)) return join(ctx.outputPath, defaultName);
  return ctx.outputPath;
}

/**
 * Writes a report and returns its path. Goes through a temporary file and a rename: CI parses these files,
 * and a truncated junit.xml from an interrupted run would fail the build for the wrong reason.
 */
export async function writeReport(
  ctx: Pick<ReporterContext, 'runDir' | 'outputPath'>,
  defaultName: string,
  content: string,
): Promise<string> {
  const path = resolveOutputPath(ctx, defaultName);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const paths = written.get(ctx.runDir) ?? new Set<string>();
  written.set(ctx.runDir, paths.add(path));
  return path;
}
