/** Pieces every eval suite shares: a failed request as a case result, and short output excerpts. */
import type { WorkItem } from '../suite.js';
import type { CaseResult, ModelOutput } from '../types.js';

/** The fields of a case result that come from its work item and its output. */
export function caseFields(item: WorkItem, output: ModelOutput) {
  return {
    id: item.id,
    suite: item.suite,
    ...(item.description ? { description: item.description } : {}),
    tags: item.tags,
    repeat: item.repeat,
    vars: item.vars,
    prompt: item.prompts[0]?.text ?? '',
    output: output.text,
    latencyMs: output.latencyMs,
    cached: output.cached,
  };
}

/** A case whose request failed (after the retry budget): it fails with the error, assertions unrun. */
export function failedCase(item: WorkItem, output: ModelOutput): CaseResult {
  return {
    ...caseFields(item, output),
    output: '',
    cached: false,
    pass: false,
    score: 0,
    error: `request failed: ${output.error?.message ?? 'unknown error'}`,
    assertions: [],
  };
}

/** The first characters of an output, quoted, for messages and tables. */
export function outputExcerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
