/** Errors `gauntlet serve` shows a user: bad options, a bad config file, a bad answers file. */
import { GauntletError } from '../errors.js';

/** Where in a file a problem is (1-based), and which field, for `file:line:column: field: message`. */
export interface ConfigLocation {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

/** Invalid serve options, config file or answers file (exit 2: the user must fix the input). */
export class ServeConfigError extends GauntletError {
  readonly location: ConfigLocation;
  constructor(problem: string, location: ConfigLocation = {}, options: { cause?: unknown } = {}) {
    super('E_SERVE_CONFIG', formatProblem(problem, location), { ...options, exitCode: 2 });
    this.location = location;
  }
}

function formatProblem(problem: string, at: ConfigLocation): string {
  let where = at.file ?? '';
  if (at.file !== undefined && at.line !== undefined) {
    where += `:${at.line}${at.column === undefined ? '' : `:${at.column}`}`;
  }
  const prefix = [where, at.field].filter((p) => p !== undefined && p !== '').join(': ');
  return prefix === '' ? problem : `${prefix}: ${problem}`;
}

/** Renders a zod issue path the way a user writes it: `capacity.maxConcurrent`, `broken[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
