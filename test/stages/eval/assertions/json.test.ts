import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import {
  AssertionConfigError,
  evaluateAssertion,
  extractJson,
} from '../../../../src/stages/eval/assertions/index.js';
import { both, check, ctxFor, parse } from './helpers.js';

const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('is-json', () => {
  it('passes on JSON and fails on prose; not-is-json inverts', async () => {
    expect((await check({ type: 'is-json' }, '{"a": [1, 2]}')).pass).toBe(true);
    expect((await check({ type: 'is-json' }, '  [1, 2, 3]\n')).pass).toBe(true);
    const prose = await both({ type: 'is-json' }, 'Sure! Here is the data: {a: 1}');
    expect(prose.plain.pass).toBe(false);
    expect(prose.plain.reason).toMatch(/^not JSON/);
    expect(prose.negated.pass).toBe(true);
  });

  it('accepts JSON inside a ```json fence, and says so', async () => {
    const fenced = 'Here you go:\n```json\n{"name": "Ada", "age": 36}\n```\nAnything else?';
    const r = await check({ type: 'is-json', schema }, fenced);
    expect(r.pass).toBe(true);
    expect(r.reason).toContain('inside a ```json fence');
    expect((await check({ type: 'is-json' }, '```\n[1]\n```')).pass).toBe(true);
    const broken = await check({ type: 'is-json' }, '```json\n{"a": }\n```');
    expect(broken.pass).toBe(false);
    expect(broken.reason).toContain('fence does not hold valid JSON');
  });

  it('fails on an empty output with a reason that says so', async () => {
    const r = await check({ type: 'is-json' }, '');
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('the output is empty');
  });

  it('validates against a schema and lists every error', async () => {
    expect((await check({ type: 'is-json', schema }, '{"name": "Ada", "age": 36}')).pass).toBe(true);
    const r = await both({ type: 'is-json', schema }, '{"name": 7, "age": -1, "extra": true}');
    expect(r.plain.pass).toBe(false);
    expect(r.plain.reason).toContain('/name must be string');
    expect(r.plain.reason).toContain('/age must be >= 0');
    expect(r.plain.reason).toContain('(root) must NOT have additional properties (extra)');
    expect(r.plain.details?.errors).toHaveLength(3);
    expect(r.negated.pass).toBe(true);
  });

  it('keeps unicode intact when parsing', async () => {
    const r = await check(
      { type: 'is-json', schema: { type: 'object', properties: { city: { const: 'Zürich 🇨🇭' } } } },
      '{"city": "Zürich 🇨🇭"}',
    );
    expect(r.pass).toBe(true);
  });

  it('throws a config error for an invalid schema', async () => {
    const bad = { type: 'is-json', schema: { type: 'object', properties: { a: { type: 'strnig' } } } };
    await expect(check(bad, '{}')).rejects.toBeInstanceOf(AssertionConfigError);
    await expect(check(bad, '{}')).rejects.toThrow(/not a valid JSON Schema/);
  });

  it('lets two assertions carry schemas with the same $id', async () => {
    const text = '"x"';
    const first = parse({ type: 'is-json', schema: { $id: 'https://example.test/twice', type: 'string' } });
    const second = parse({ type: 'is-json', schema: { $id: 'https://example.test/twice', type: 'number' } });
    expect((await evaluateAssertion(first, text, ctxFor(text))).pass).toBe(true);
    expect((await evaluateAssertion(second, text, ctxFor(text))).pass).toBe(false);
  });

  it('compiles a schema once per schema object', async () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const a = parse({ type: 'is-json', schema: { type: 'number' } });
      for (const text of ['1', '2', '"x"']) {
        const r = await evaluateAssertion(a, text, ctxFor(text));
        expect(r.pass).toBe(text !== '"x"');
      }
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });
});

describe('extractJson', () => {
  it('finds JSON in prose only when asked to be loose', () => {
    const text = 'My grade: {"pass": true} -- done';
    expect(extractJson(text).ok).toBe(false);
    expect(extractJson(text, true)).toEqual({ ok: true, value: { pass: true }, where: 'braces' });
  });
});
