import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent, SseParser } from '../../../src/target/openai/sse.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/sse/${name}`, import.meta.url)));
const bytes = (text: string) => new TextEncoder().encode(text);

function parseChunks(chunks: Uint8Array[]): SseEvent[] {
  const parser = new SseParser();
  const events = chunks.flatMap((c) => parser.push(c));
  return [...events, ...parser.end()];
}

const FIXTURES = [
  'chat-basic.sse',
  'chat-crlf.sse',
  'keepalive.sse',
  'error-midstream.sse',
  'error-event.sse',
  'no-done.sse',
  'utf8.sse',
];

describe('SseParser on recorded streams', () => {
  for (const name of FIXTURES) {
    it(`${name}: every two-piece split and byte-by-byte give the same events`, () => {
      const data = fixture(name);
      const whole = parseChunks([data]);
      expect(whole.length).toBeGreaterThan(0);
      for (let cut = 0; cut <= data.length; cut++) {
        expect(parseChunks([data.subarray(0, cut), data.subarray(cut)]), `split at ${cut}`).toEqual(whole);
      }
      const single = Array.from(data, (_, i) => data.subarray(i, i + 1));
      expect(parseChunks(single)).toEqual(whole);
    });
  }

  it('parses the basic chat stream into its chunks and [DONE]', () => {
    const events = parseChunks([fixture('chat-basic.sse')]);
    expect(events.map((e) => e.data).at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks).toHaveLength(7);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Hello, world!');
    expect(chunks.at(-1).choices).toEqual([]);
    expect(chunks.at(-1).usage.total_tokens).toBe(17);
  });

  it('CRLF and keep-alive variants give exactly the events of the LF stream', () => {
    const basic = parseChunks([fixture('chat-basic.sse')]);
    expect(parseChunks([fixture('chat-crlf.sse')])).toEqual(basic);
    expect(parseChunks([fixture('keepalive.sse')])).toEqual(basic);
  });

  it('decodes multi-byte UTF-8 split anywhere', () => {
    const events = parseChunks([fixture('utf8.sse')]);
    const text = events
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toBe('Café naïve 🚀🎉 你好，世界 — 👩‍👩‍👧 ok');
  });

  it('keeps the error event type', () => {
    const events = parseChunks([fixture('error-event.sse')]);
    expect(events.at(-1)?.event).toBe('error');
    expect(JSON.parse(events.at(-1)?.data ?? '{}').error.message).toBe('upstream overloaded');
  });
});

describe('SseParser edge cases (WHATWG)', () => {
  it('accepts CR-only line endings', () => {
    expect(parseChunks([bytes('data: a\r\rdata: b\r\r')])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('treats CR at the end of one chunk and LF at the start of the next as one line ending', () => {
    // Were CR and LF two endings, the LF would be a blank line and dispatch "a" before "b" is added.
    expect(parseChunks([bytes('data: a\r'), bytes('\ndata: b\r'), bytes('\n\r\n')])).toEqual([
      { data: 'a\nb' },
    ]);
  });

  it('joins multi-line data with \\n and strips only one leading space', () => {
    expect(parseChunks([bytes('data:  x\ndata:y\ndata\n\n')])).toEqual([{ data: ' x\ny\n' }]);
  });

  it('keeps event type and last id; id persists across events; retry is recorded', () => {
    const parser = new SseParser();
    const events = parser.push(
      bytes('event: delta\nid: 7\nretry: 2500\ndata: 1\n\ndata: 2\n\nid\ndata: 3\n\n'),
    );
    expect(events).toEqual([{ event: 'delta', id: '7', data: '1' }, { id: '7', data: '2' }, { data: '3' }]);
    expect(parser.retryMs).toBe(2500);
  });

  it('ignores comments, unknown fields, ids with NUL, non-numeric retry, and events without data', () => {
    const parser = new SseParser();
    const events = parser.push(bytes(': hi\nfoo: bar\nretry: 1s\nid: a\0b\nevent: x\n\ndata: ok\n\n'));
    expect(events).toEqual([{ data: 'ok' }]);
    expect(parser.retryMs).toBeUndefined();
  });

  it('strips a leading BOM, even split across chunks', () => {
    const data = bytes('\uFEFFdata: x\n\n');
    expect(parseChunks([data.subarray(0, 1), data.subarray(1, 2), data.subarray(2)])).toEqual([
      { data: 'x' },
    ]);
  });

  it('keeps a BOM that is not at the start of the stream, after all-ASCII chunks too', () => {
    // A line starting with U+FEFF has the field name "\uFEFFdata", which is ignored; were the BOM dropped,
    // "b" would be dispatched.
    for (const first of [Buffer.from('data: a\n\n'), bytes('data: a\n\n')]) {
      expect(parseChunks([first, Buffer.from('\uFEFFdata: b\n\n')])).toEqual([{ data: 'a' }]);
    }
  });

  it('decodes a character split across Buffer chunks, after and before all-ASCII chunks', () => {
    const data = Buffer.from('data: a\n\ndata: h\u00e9\u20ac\n\ndata: z\n\n');
    const cut = data.indexOf(0xe2) + 1; // inside the euro sign
    expect(parseChunks([data.subarray(0, 3), data.subarray(3, cut), data.subarray(cut)])).toEqual([
      { data: 'a' },
      { data: 'h\u00e9\u20ac' },
      { data: 'z' },
    ]);
  });

  it('a character cut short by an all-ASCII chunk becomes U+FFFD where it stood', () => {
    const broken = Buffer.from([...Buffer.from('data: x'), 0xe2]);
    expect(parseChunks([broken, Buffer.from('y\n\n')])).toEqual([{ data: 'x\uFFFDy' }]);
  });

  it('pushEach hands over the same events as push', () => {
    const data = fixture('chat-crlf.sse');
    const parser = new SseParser();
    const seen: SseEvent[] = [];
    for (let i = 0; i < data.length; i += 7) parser.pushEach(data.subarray(i, i + 7), (e) => seen.push(e));
    expect([...seen, ...parser.end()]).toEqual(parseChunks([data]));
  });

  it('discards an event not closed by a blank line at end of stream, and says so', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: a\n\ndata: b\n'))).toEqual([{ data: 'a' }]);
    expect(parser.end()).toEqual([]);
    expect(parser.pending).toBe(true);
  });

  it('parseSse reads an async byte source', async () => {
    async function* source() {
      yield bytes('data: a\n');
      yield bytes('\ndata: b\n\n');
    }
    const out: SseEvent[] = [];
    for await (const event of parseSse(source())) out.push(event);
    expect(out).toEqual([{ data: 'a' }, { data: 'b' }]);
  });
});
