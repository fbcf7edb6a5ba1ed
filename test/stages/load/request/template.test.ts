import { describe, expect, it } from 'vitest';
import {
  compileBody,
  compileHeaders,
  compileString,
  TemplateError,
  templateVariables,
} from '../../../../src/stages/load/request/template.js';

describe('request templates', () => {
  it('a whole-string placeholder keeps the JSON type; inside text it becomes text', () => {
    const body = compileBody({
      text: '{{text}}',
      n: '{{n}}',
      tags: ['{{tag}}', 'fixed', { deep: '{{ obj }}' }],
      label: 'row {{n}}: {{text}}',
      nested: '{{user.name}}',
      untouched: 7,
    });
    const vars = { text: 'hi', n: 3, tag: null, obj: { a: [1] }, user: { name: 'ana' } };
    expect(JSON.parse(body(vars))).toEqual({
      text: 'hi',
      n: 3,
      tags: [null, 'fixed', { deep: { a: [1] } }],
      label: 'row 3: hi',
      nested: 'ana',
      untouched: 7,
    });
  });

  it('a body without placeholders is serialised once', () => {
    const body = compileBody({ a: 1 });
    expect(body(undefined)).toBe('{"a":1}');
  });

  it('paths URL-encode their values; headers take them as they are', () => {
    expect(compileString('/items/{{id}}?q={{q}}', encodeURIComponent)({ id: 'a/b c', q: 5 })).toBe(
      '/items/a%2Fb%20c?q=5',
    );
    expect(compileHeaders({ 'x-user': 'u-{{id}}', fixed: 'v' })({ id: 'a/b' })).toEqual({
      'x-user': 'u-a/b',
      fixed: 'v',
    });
  });

  it('a missing variable is an error naming it, never an empty string', () => {
    expect(() => compileBody({ a: '{{missing}}' })({ other: 1 })).toThrow(TemplateError);
    expect(() => compileString('/x/{{id}}')(undefined)).toThrow(
      /uses \{\{id\}\} but the workload row has no "id"/,
    );
  });

  it('lists the variables a template needs', () => {
    expect([...templateVariables({ a: '{{x}}', b: ['{{y}} and {{ z }}'], c: 1 })].sort()).toEqual([
      'x',
      'y',
      'z',
    ]);
  });
});
