/** Config errors: every problem with its file:line:column, the path in the suite, and what to do. */
import { GauntletError } from '../errors.js';

export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  /** The path in the suite, rendered like `stages[1].timeout`. */
  path: string;
  message: string;
}

/** Renders `gauntlet.yaml:12:5 stages[1].timeout: expected ...`. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where} ${p.message}`;
}

/** Renders a path like ['stages', 1, 'timeout'] as `stages[1].timeout`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(part))) out += out ? `.${String(part)}` : String(part);
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** One or more problems in a suite file (exit 2). */
export class ConfigError extends GauntletError {
  readonly problems: ConfigProblem[];
  /** `what` names the kind of file in the headline (default "suite"). */
  constructor(problems: ConfigProblem[], options: { cause?: unknown; what?: string } = {}) {
    const lines = problems.map(formatProblem);
    const what = options.what ?? 'suite';
    const head = problems.length === 1 ? `invalid ${what}` : `invalid ${what} (${problems.length} problems)`;
    super('E_CONFIG', `${head}:\n  ${lines.join('\n  ')}`, { cause: options.cause, exitCode: 2 });
    this.problems = problems;
  }
}
