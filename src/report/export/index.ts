/** Exports of a stored run summary for dashboards, in a map typed by format. */
import type { RunSummary } from '../../run/summary.js';
import { toJsonLines } from './jsonl.js';
import { toPrometheus } from './prometheus.js';

export type ExportFormat = 'prometheus' | 'jsonl';

export const exporters = {
  prometheus: toPrometheus,
  jsonl: toJsonLines,
} satisfies Record<ExportFormat, (summary: RunSummary) => string>;

export const EXPORT_FORMATS = Object.keys(exporters) as ExportFormat[];

export { toJsonLines } from './jsonl.js';
export { escapeLabelValue, formatValue, labelName, metricName, toPrometheus } from './prometheus.js';
