/**
 * Eval cases for the report, streamed from results.jsonl into a gzip stream of compact rows: 100k cases
 * are never held as objects, and the page inflates them with the browser's DecompressionStream.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGzip } from 'node:zlib';
import type { RunEvent } from '../../run/events.js';
import type { CaseResult } from '../../stages/eval/types.js';

/** Long texts are cut so one runaway output cannot blow up the file; the cut is said in the text. */
const MAX_TEXT = 4000;

/** Artifacts of a run (load series, chaos timeline, data profiles), by stage and name. */
export interface ArtifactEvent {
  stage: string;
  target: string;
  name: string;
  data: unknown;
}

export interface StreamedRun {
  /** gzip of a JSON array of case rows, base64. */
  casesGzipBase64: string;
  caseCount: number;
  artifacts: ArtifactEvent[];
}

function cut(text: string): string {
  return text.length <= MAX_TEXT
    ? text
    : `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)`;
}

function expectedOf(r: CaseResult): string {
  const v = r.vars?.expected ?? r.vars?.__expected;
  if (v === undefined || v === null) return '';
  return cut(typeof v === 'string' ? v : JSON.stringify(v));
}

/** One case as a compact row; the order is read by client/eval.ts (ROW_* constants). */
export function caseRow(stage: string, target: string, r: CaseResult): unknown[] {
  return [
    stage,
    target,
    r.id,
    r.suite,
    r.pass ? 1 : 0,
    r.score,
    r.latencyMs,
    r.tags ?? [],
    cut(r.output ?? ''),
    cut(r.prompt ?? ''),
    expectedOf(r),
    r.error ?? '',
    (r.assertions ?? []).map((a) => [a.type, a.pass ? 1 : 0, a.reason]),
    r.description ?? '',
    r.repeat ?? 0,
  ];
}

/** Reads results.jsonl line by line; keeps artifacts, compresses cases as they come. */
export async function streamRun(resultsFile: string): Promise<StreamedRun> {
  const gzip = createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  const artifacts: ArtifactEvent[] = [];
  let count = 0;
  const write = (s: string) => {
    if (!gzip.write(s)) return new Promise<void>((r) => gzip.once('drain', r));
  };
  await write('[');
  if (existsSync(resultsFile)) {
    const lines = createInterface({ input: createReadStream(resultsFile, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      let event: RunEvent;
      try {
        event = JSON.parse(line) as RunEvent;
      } catch {
        continue; // a crash can leave a half-written last line
      }
      if (event.type === 'case') {
        await write(
          `${count === 0 ? '' : ','}${JSON.stringify(caseRow(event.stage, event.target, event.result))}`,
        );
        count++;
      } else if (event.type === 'artifact') {
        artifacts.push({ stage: event.stage, target: event.target, name: event.name, data: event.data });
      }
    }
  }
  gzip.end(']');
  await done;
  return { casesGzipBase64: Buffer.concat(chunks).toString('base64'), caseCount: count, artifacts };
}
