/**
 * The log-line protocols of the CI systems. GitHub Actions reads "workflow commands" (`::error ...::msg`,
 * `::group::`), escaping `%`, CR and LF in the message and also `:` and `,` in properties (the runner's
 * own escaping, see actions/toolkit's command.ts). GitLab CI folds a log between `section_start` and
 * `section_end` markers, each wrapped in the erase-line escape `\e[0K` its log viewer expects.
 */
import { sanitizeTerminal } from '../sanitize.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** `::error file=F,title=T::message`, with model text made inert first (no escape sequences reach the log). */
export function githubAnnotation(
  level: AnnotationLevel,
  message: string,
  props: { title?: string; file?: string; line?: number } = {},
): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(sanitizeTerminal(String(v)))}`);
  return `::${level}${parts.length ? ` ${parts.join(',')}` : ''}::${escapeData(sanitizeTerminal(message))}`;
}

export const githubGroupStart = (title: string) => `::group::${escapeData(sanitizeTerminal(title))}`;
export const githubGroupEnd = () => '::endgroup::';

/** GitLab section names allow letters, digits, `_`, `.` and `-` only. */
export function gitlabSectionName(title: string, n: number): string {
  return `gauntlet_${n}_${title.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60)}`;
}

export function gitlabSectionStart(name: string, header: string, atMs: number): string {
  return `\x1b[0Ksection_start:${Math.floor(atMs / 1000)}:${name}[collapsed=false]\r\x1b[0K${sanitizeTerminal(header)}`;
}

export function gitlabSectionEnd(name: string, atMs: number): string {
  return `\x1b[0Ksection_end:${Math.floor(atMs / 1000)}:${name}\r\x1b[0K`;
}
