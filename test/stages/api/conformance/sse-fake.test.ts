/**
 * The sse check against scripted streams from a fake OpenAI server: the defects the reference server has no
 * broken mode for (framing, chunk objects, finish reasons, the usage chunk's place and arithmetic).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSuite, openaiTarget, runApi } from './helpers.js';

const ID = 'chatcmpl-fake';
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: ID,
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gauntlet-sim',
    choices,
    ...extra,
  });
const delta = (content: string, finish: string | null = null) =>
  chunk([{ index: 0, delta: { content }, finish_reason: finish }]);
const usage = (p: number, c: number, t: number) =>
  chunk([], { usage: { prompt_tokens: p, completion_tokens: c, total_tokens: t } });
const GOOD = [delta('One'), delta(' two', 'stop'), usage(7, 2, 9)];

let script: { type: string; body: string } = { type: 'text/event-stream', body: '' };
const events = (payloads: string[], sep = '\n\n') => payloads.map((p) => `data: ${p}${sep}`).join('');

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', data: [{ id: 'gauntlet-sim', object: 'model' }] }));
      }
      res.writeHead(200, { 'content-type': script.type });
      res.end(script.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function sse(body: string, type = 'text/event-stream') {
  script = { type, body };
  const run = await runApi(apiSuite(openaiTarget(url), 'checks: { sse: { maxTokens: 2 } }'));
  return run.check('sse');
}

describe('sse against scripted streams', () => {
  it('passes a well-formed stream with keep-alive comments and CRLF line endings', async () => {
    const result = await sse(`: keep-alive\r\n\r\n${events([...GOOD, '[DONE]'], '\r\n\r\n')}`);
    expect(result.status).toBe('pass');
    expect(result.message).toMatch(/^3 chunks framed as "data: <json>"/);
  });

  it('fails a JSON body where a stream was asked for', async () => {
    const result = await sse(JSON.stringify({ id: ID, choices: [] }), 'application/json');
    expect(result.message).toMatch(
      /content-type is "application\/json", expected text\/event-stream \(the server ignored "stream": true\)/,
    );
  });

  it('names framing and chunk defects', async () => {
    const body =
      `event: message\n${events([delta('One')])}` +
      `data: ${delta('!')}\ndata: ${delta('!')}\n\n` +
      events([
        delta(' two', 'stop'),
        chunk([{ index: 0, delta: {}, finish_reason: 'done' }], { object: 'chat.completion' }),
        'oops',
        '[DONE]',
      ]);
    const result = await sse(body);
    expect(result.status).toBe('fail');
    for (const part of [
      '1 line carries the field "event:"',
      '1 event(s) have several "data:" lines (first at line 4)',
      '2 event(s) are not JSON (first: "{',
      '1 of 3 chunks have an object other than "chat.completion.chunk" (first: chunk 3, object "chat.completion")',
      'choice 0 got a finish_reason 2 times ("stop", "done"), expected exactly once',
      'choice 0 has finish_reason "done", not one of stop, length, tool_calls, content_filter, function_call',
      'expected exactly one usage chunk with stream_options.include_usage, got 0',
    ]) {
      expect(result.message).toContain(part);
    }
  });

  it('names a usage chunk out of place, with choices, not adding up or over max_tokens', async () => {
    const misplaced = await sse(events([delta('One'), usage(7, 2, 9), delta(' two', 'stop'), '[DONE]']));
    expect(misplaced.message).toBe('the usage chunk is chunk 2 of 3; it must be the last before [DONE]');
    const withChoices = await sse(
      events([
        delta('One'),
        delta(' two', 'length'),
        chunk([{ index: 0, delta: {} }], {
          usage: { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 },
        }),
        '[DONE]',
      ]),
    );
    expect(withChoices.message).toContain(
      'the usage chunk has choices [{"index":0,"delta":{}}], expected []',
    );
    expect(withChoices.message).toContain(
      'finish_reason is "length" but usage.completion_tokens is 1, not max_tokens 2',
    );
    const over = await sse(
      events([delta('One'), delta(' two', 'stop'), usage(7, 5, 11), '[DONE]', delta('late')]),
    );
    expect(over.message).toContain(
      'usage does not add up: prompt_tokens 7 + completion_tokens 5 = 12, but total_tokens is 11',
    );
    expect(over.message).toContain('1 event(s) came after `data: [DONE]`');
    const overMax = await sse(events([delta('One'), delta(' two', 'stop'), usage(7, 5, 12), '[DONE]']));
    expect(overMax.message).toBe('usage.completion_tokens is 5, over max_tokens 2');
  });
});
