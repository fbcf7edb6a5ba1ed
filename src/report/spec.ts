/** `--reporter NAME` or `--reporter NAME=PATH`, checked against the reporters that exist. */
import { type ReporterName, reporterNames } from '../config/schema.js';
import { closest } from '../config/suggest.js';
import { UsageError } from '../errors.js';

export interface ReporterSpec {
  name: ReporterName;
  /** Where the user asked the report to go; absent means the run directory. */
  outputPath?: string;
}

/** Parses `junit` or `junit=out/junit.xml`; throws a UsageError naming the valid reporters otherwise. */
export function parseReporterSpec(spec: string): ReporterSpec {
  const eq = spec.indexOf('=');
  // Split at the first `=` only: a path may contain `=` itself.
  const rawName = (eq === -1 ? spec : spec.slice(0, eq)).trim();
  const name = rawName.toLowerCase();
  if (!isReporterName(name)) {
    const guess = closest(rawName, reporterNames);
    const hint = guess ? ` Did you mean "${guess}"?` : '';
    const shown = rawName === '' ? 'an empty reporter name' : `unknown reporter "${rawName}"`;
    throw new UsageError(
      `--reporter: ${shown}.${hint} Valid reporters: ${reporterNames.join(', ')} (write NAME or NAME=PATH).`,
    );
  }
  if (eq === -1) return { name };
  const outputPath = spec.slice(eq + 1).trim();
  if (outputPath === '') {
    throw new UsageError(`--reporter ${rawName}=: the path is empty; write ${name}=PATH, or just ${name}.`);
  }
  if (name === 'console') {
    throw new UsageError(
      '--reporter console takes no path: it writes to the terminal. Write just "console".',
    );
  }
  return { name, outputPath };
}

/** Whether a string is one of the built-in reporter names. */
export function isReporterName(name: string): name is ReporterName {
  return (reporterNames as readonly string[]).includes(name);
}
