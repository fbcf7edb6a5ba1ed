/** The pure pieces behind the conformance checks: body paths, bad-input cases, error bodies, SSE framing. */
import { describe, expect, it } from 'vitest';
import { builtinCases, filler, userCases } from '../../../../src/stages/api/bad-input-cases.js';
import {
  fieldPaths,
  formatPath,
  getAt,
  jsonEqual,
  parsePath,
  removeAt,
  setAt,
} from '../../../../src/stages/api/bodies.js';
import { errorBodyProblems, statusBodyMismatch } from '../../../../src/stages/api/error-body.js';
import { applyMutations } from '../../../../src/stages/api/fuzz-bodies.js';
import { readFrames } from '../../../../src/stages/api/sse-frames.js';

const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 };
const OPTS = { builtins: true, cases: [], expect: '4xx' as const, oversizeBytes: 4096, tags: [] };

describe('body paths', () => {
  it('read, set and remove at dotted or bracket paths without touching the original', () => {
    expect(parsePath('messages.0.content')).toEqual(['messages', '0', 'content']);
    expect(parsePath('messages[0].content')).toEqual(['messages', '0', 'content']);
    expect(formatPath(['messages', 0, 'content'])).toBe('messages[0].content');
    expect(getAt(CHAT, parsePath('messages.0.role'))).toEqual({ found: true, value: 'user' });
    expect(getAt({ a: null }, ['a'])).toEqual({ found: true, value: null });
    expect(getAt(CHAT, ['nope', 'x']).found).toBe(false);
    const set = setAt(CHAT, parsePath('messages.0.content'), '');
    expect(set).toEqual({ ...CHAT, messages: [{ role: 'user', content: '' }] });
    expect(setAt({}, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
    expect(removeAt(CHAT, ['messages', 0])).toEqual({ ...CHAT, messages: [] });
    expect(removeAt(CHAT, ['max_tokens'])).toEqual({ model: 'm', messages: CHAT.messages });
    expect(removeAt(CHAT, ['absent'])).toBe(CHAT);
    expect(CHAT.messages[0]?.content).toBe('hi');
  });

  it('lists every field, parents first, and compares JSON regardless of key order', () => {
    expect(fieldPaths(CHAT).map(formatPath)).toEqual([
      'model',
      'messages',
      'messages[0]',
      'messages[0].role',
      'messages[0].content',
      'max_tokens',
    ]);
    expect(jsonEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('applies fuzz mutations in order, skipping those whose path is gone', () => {
    const body = applyMutations(CHAT, [
      { op: 'remove', path: ['messages'] },
      { op: 'replace', path: ['messages', 0, 'role'], value: 1 },
      { op: 'replace', path: ['model'], value: [] },
      { op: 'add', path: [], key: 'x', value: { deep: true } },
    ]);
    expect(body).toEqual({ model: [], max_tokens: 8, x: { deep: true } });
  });
});

describe('bad-input cases', () => {
  it('are the documented list for a chat body, with an oversized body of the asked size', () => {
    const cases = builtinCases(CHAT, true, OPTS);
    expect(cases.map((c) => c.name)).toEqual([
      'empty object {}',
      'missing messages',
      'empty message content',
      'messages is a string',
      'max_tokens -1',
      'temperature 2.5',
      'top_p 1.5',
      'max_tokens is a string',
      'invalid JSON (the body cut in half)',
      'Content-Type: text/plain',
      'oversized body (4096 bytes, messages[0].content filled)',
    ]);
    const big = cases.at(-1);
    expect(Buffer.byteLength(big?.raw ?? '')).toBe(4096);
    const frame = JSON.stringify(setAt(CHAT, ['messages', 0, 'content'], '')).length;
    expect(JSON.parse(big?.raw ?? '').messages[0].content).toBe(filler(4096 - frame));
    expect(() => JSON.parse(cases[8]?.raw ?? '')).toThrow();
    expect(cases[9]).toMatchObject({ contentType: 'text/plain', raw: JSON.stringify(CHAT) });
  });

  it('cover a completion body and apply the user cases to the valid body', () => {
    const names = builtinCases({ model: 'm', prompt: 'x' }, true, OPTS).map((c) => c.name);
    expect(names.slice(0, 4)).toEqual([
      'empty object {}',
      'missing prompt',
      'empty prompt',
      'prompt is an object',
    ]);
    const [set, raw, whole] = userCases(CHAT, [
      { name: 'set', set: { 'messages.0.role': 'wizard' }, remove: ['max_tokens'] },
      { name: 'raw', raw: '<x/>', contentType: 'application/xml', expect: [415] },
      { name: 'whole', body: [1, 2] },
    ]);
    expect(set).toMatchObject({
      body: { model: 'm', messages: [{ role: 'wizard', content: 'hi' }] },
      expect: '4xx',
    });
    expect(set?.body).not.toHaveProperty('max_tokens');
    expect(raw).toMatchObject({
      raw: '<x/>',
      contentType: 'application/xml',
      expect: [415],
      userExpect: true,
    });
    expect(whole?.body).toEqual([1, 2]);
  });

  it('send nothing for a request without a body', () => {
    expect(builtinCases(undefined, false, OPTS)).toEqual([]);
  });
});

describe('error bodies', () => {
  it('accept the OpenAI shape and name what else is wrong', () => {
    const good = { error: { message: 'bad', type: 'invalid_request_error', param: null, code: null } };
    expect(errorBodyProblems(good, '')).toEqual([]);
    expect(errorBodyProblems(undefined, 'Internal Server Error')).toEqual([
      'the body is not JSON: "Internal Server Error"; expected {"error": {"message", "type", "param", "code"}}',
    ]);
    expect(errorBodyProblems({ error: 'bad' }, '')).toEqual([
      'the body has no "error" object (got keys error (error is "bad"))',
    ]);
    expect(errorBodyProblems({ error: { message: '', type: 3, code: 400 } }, '')).toEqual([
      'error.message is "", expected a non-empty string',
      'error.type is 3, expected a string',
      'error.param is missing, expected a string or null',
      'error.code is 400 (number), expected a string or null',
    ]);
  });

  it('catch a status that contradicts its body', () => {
    expect(statusBodyMismatch(200, { error: { message: 'x' } })).toMatch(
      /answered 200 \(success\) with an error/,
    );
    expect(statusBodyMismatch(500, { choices: [] })).toMatch(/answered 500 \(an error\) with a completion/);
    expect(statusBodyMismatch(400, { error: {} })).toBeUndefined();
  });
});

describe('SSE framing', () => {
  it('accepts data lines, comments and any line ending', () => {
    const framing = readFrames(': keep-alive\r\n\r\ndata: {"a":1}\r\n\r\ndata:[DONE]\n\n');
    expect(framing.problems).toEqual([]);
    expect(framing.comments).toBe(1);
    expect(framing.frames.map((f) => f.data)).toEqual([['{"a":1}'], ['[DONE]']]);
  });

  it('names other fields, split data, and an event the body cuts off', () => {
    const framing = readFrames('event: chunk\ndata: {"a":\ndata: 1}\n\nid: 7\n\ndata: [DONE]\n');
    expect(framing.problems).toEqual([
      'the stream ends inside an event (line 7) with no blank line after it: clients drop that event',
      '1 line carries the field "event:"; an OpenAI stream has only "data:" lines (and ":" comments)',
      '1 line carries the field "id:"; an OpenAI stream has only "data:" lines (and ":" comments)',
      '1 event(s) have several "data:" lines (first at line 1); each chunk is one "data: <json>" line',
      '1 event(s) have no "data:" line (first at line 5)',
    ]);
  });
});
