/** The built-in reporters, typed by name so a reporter missing from the map fails to compile. */
import type { ReporterName } from '../config/schema.js';
import { consoleReporter } from './console.js';
import { htmlReporter } from './html/index.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { Reporter, ReporterContext, ReporterFactory } from './types.js';

export const reporters = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
} satisfies Record<ReporterName, ReporterFactory>;

/** Creates the built-in reporter called `name`. */
export function createReporter(name: ReporterName, ctx: ReporterContext): Reporter {
  return reporters[name](ctx);
}

export { renderHtml } from './html/index.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
export { resolveOutputPath } from './output.js';
export { sanitizeLine, sanitizeTerminal, stripAnsi, truncate } from './sanitize.js';
export { isReporterName, parseReporterSpec, type ReporterSpec } from './spec.js';
export type { Reporter, ReporterContext, ReporterFactory } from './types.js';
