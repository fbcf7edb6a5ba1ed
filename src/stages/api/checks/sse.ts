/**
 * sse: one streaming chat completion with `stream_options.include_usage`, read as raw bytes and held to
 * the OpenAI stream format: `text/event-stream`, one `data: <json>` line per event, one id across chunks,
 * `object: "chat.completion.chunk"`, exactly one valid finish_reason per choice, exactly one usage chunk
 * (the last before [DONE], with `choices: []`, adding up and within max_tokens), `data: [DONE]` last.
 */

import type { Usage } from '../../../target/index.js';
import { tryJson } from '../../../target/transport.js';
import { judge, usageProblems, VALID_FINISH } from '../../smoke/common.js';
import { isPlainObject, preview } from '../bodies.js';
import type { ApiCheck } from '../common.js';
import { readFrames } from '../sse-frames.js';

/** What the chunks of one stream say, and what is wrong with them. */
interface ChunkReport {
  problems: string[];
  ids: string[];
  finishes: Record<number, unknown[]>;
  usage: unknown;
}

/** Counts offenders per kind of problem: one line per kind, naming the first chunk. */
class Tally {
  private readonly kinds = new Map<string, { count: number; first: number; example: string }>();
  add(kind: string, chunk: number, example = ''): void {
    const k = this.kinds.get(kind);
    if (k) k.count++;
    else this.kinds.set(kind, { count: 1, first: chunk, example });
  }
  lines(total: number): string[] {
    return [...this.kinds].map(
      ([kind, { count, first, example }]) =>
        `${count} of ${total} chunks ${kind} (first: chunk ${first + 1}${example ? `, ${example}` : ''})`,
    );
  }
}

function checkChunks(chunks: unknown[], maxTokens: number): ChunkReport {
  const problems: string[] = [];
  const tally = new Tally();
  const ids = new Set<string>();
  const finishes: Record<number, unknown[]> = {};
  const usageAt: number[] = [];
  let text = '';
  for (const [i, c] of chunks.entries()) {
    if (!isPlainObject(c)) {
      tally.add('are not JSON objects', i, preview(c, 40));
      continue;
    }
    if (typeof c.id === 'string' && c.id !== '') ids.add(c.id);
    else tally.add('have no id', i);
    if (c.object !== 'chat.completion.chunk')
      tally.add('have an object other than "chat.completion.chunk"', i, `object ${preview(c.object, 40)}`);
    if (c.usage != null) usageAt.push(i);
    if (!Array.isArray(c.choices)) {
      tally.add('have no choices array', i);
      continue;
    }
    for (const choice of c.choices) {
      if (!isPlainObject(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      finishes[index] ??= [];
      if (choice.finish_reason != null) finishes[index].push(choice.finish_reason);
      const delta = choice.delta;
      if (index === 0 && isPlainObject(delta) && typeof delta.content === 'string') text += delta.content;
    }
  }
  problems.push(...tally.lines(chunks.length));
  if (ids.size > 1) {
    const shown = [...ids].slice(0, 3).map((id) => JSON.stringify(id));
    problems.push(
      `chunks carry ${ids.size} different ids (${shown.join(', ')}${ids.size > 3 ? ', …' : ''}); one stream has one id`,
    );
  }
  for (const [index, reasons] of Object.entries(finishes)) {
    if (reasons.length !== 1)
      problems.push(
        `choice ${index} got a finish_reason ${reasons.length} times (${reasons.map((r) => JSON.stringify(r)).join(', ') || 'never'}), expected exactly once`,
      );
    for (const r of reasons) {
      if (!VALID_FINISH.has(String(r)))
        problems.push(
          `choice ${index} has finish_reason ${preview(r, 40)}, not one of ${[...VALID_FINISH].join(', ')}`,
        );
    }
  }
  if (Object.keys(finishes).length === 0) problems.push('no chunk carried a choice');
  const usageChunk =
    usageAt.length > 0 ? (chunks[usageAt[0] as number] as Record<string, unknown>) : undefined;
  if (usageAt.length !== 1) {
    problems.push(
      `expected exactly one usage chunk with stream_options.include_usage, got ${usageAt.length}${usageAt.length > 1 ? ` (chunks ${usageAt.map((i) => i + 1).join(', ')})` : ''}`,
    );
  }
  if (usageChunk) {
    const at = usageAt[0] as number;
    if (at !== chunks.length - 1)
      problems.push(
        `the usage chunk is chunk ${at + 1} of ${chunks.length}; it must be the last before [DONE]`,
      );
    if (!Array.isArray(usageChunk.choices) || usageChunk.choices.length > 0)
      problems.push(`the usage chunk has choices ${preview(usageChunk.choices, 60)}, expected []`);
    const usage = usageChunk.usage as Usage;
    const arithmetic = usageProblems(usage, text.length > 0);
    problems.push(...arithmetic);
    if (arithmetic.length === 0) {
      const c = usage.completion_tokens;
      if (c > maxTokens) problems.push(`usage.completion_tokens is ${c}, over max_tokens ${maxTokens}`);
      if (finishes[0]?.[0] === 'length' && c !== maxTokens)
        problems.push(
          `finish_reason is "length" but usage.completion_tokens is ${c}, not max_tokens ${maxTokens}`,
        );
    }
  }
  return { problems, ids: [...ids], finishes, usage: usageChunk?.usage };
}

export const sseCheck: ApiCheck<'sse'> = async (api, opts) => {
  const { client, model } = api.target;
  const body = {
    model,
    messages: [{ role: 'user', content: opts.prompt }],
    max_tokens: opts.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  };
  const res = await client.request('POST', '/chat/completions', body, {
    signal: api.ctx.signal,
    headers: { accept: 'text/event-stream' },
  });
  if (res.status < 200 || res.status >= 300) {
    return {
      status: 'fail',
      message: `a streaming POST /chat/completions answered ${res.status}, expected 200 with an event stream: ${preview((res.evidence.response?.excerpt ?? '').slice(0, 200), 160)}`,
      evidence: res.evidence,
    };
  }
  const problems: string[] = [];
  const type = res.headers['content-type'] ?? '';
  if (!/^text\/event-stream\b/i.test(type)) {
    const hint = /json/i.test(type) ? ' (the server ignored "stream": true)' : '';
    problems.push(`content-type is ${JSON.stringify(type || 'missing')}, expected text/event-stream${hint}`);
  }
  const framing = readFrames(res.text);
  problems.push(...framing.problems);
  const payloads = framing.frames.filter((f) => f.data.length > 0).map((f) => f.data.join('\n'));
  const doneAt = payloads.indexOf('[DONE]');
  if (doneAt === -1) problems.push('the stream ended without `data: [DONE]`');
  else if (doneAt !== payloads.length - 1)
    problems.push(`${payloads.length - 1 - doneAt} event(s) came after \`data: [DONE]\``);
  const before = doneAt === -1 ? payloads : payloads.slice(0, doneAt);
  const chunks: unknown[] = [];
  const notJson: string[] = [];
  for (const p of before) {
    const json = tryJson(p);
    if (json === undefined) notJson.push(p);
    else chunks.push(json);
  }
  if (notJson.length > 0)
    problems.push(
      `${notJson.length} event(s) are not JSON (first: ${preview(notJson[0], 80)}); each event is "data: <json>"`,
    );
  const report = checkChunks(chunks, opts.maxTokens);
  problems.push(...report.problems);
  const evidence = {
    ...res.evidence,
    details: {
      events: payloads.length,
      comments: framing.comments,
      ids: report.ids.slice(0, 5),
      finishReasons: report.finishes,
      usage: report.usage ?? null,
      lastEvents: payloads.slice(-3).map((p) => (p.length > 300 ? `${p.slice(0, 300)}…` : p)),
    },
  };
  return judge(
    problems,
    `${chunks.length} chunks framed as "data: <json>", one id, one finish_reason per choice, one usage chunk adding up, then [DONE]`,
    { evidence, metrics: { chunks: chunks.length, comments: framing.comments } },
  );
};
