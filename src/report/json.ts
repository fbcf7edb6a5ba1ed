/** The json reporter: `report.json` with the summary and every check result, for machines and the viewer. */
import { safeJson } from './format.js';
import { writeReport } from './output.js';
import type { ReporterFactory } from './types.js';

/** Writes `{ summary, results }` pretty-printed to `report.json` (or the path the user gave). */
export const jsonReporter: ReporterFactory = (ctx) => ({
  async onRunEnd(summary, results) {
    // JSON escapes control characters and lone surrogates itself, so model output needs no cleaning here;
    // safeJson only guards against a stage putting a BigInt or a cycle into evidence details.
    const content = `${safeJson({ summary, results }, 2)}\n`;
    return [await writeReport(ctx, 'report.json', content)];
  },
});
