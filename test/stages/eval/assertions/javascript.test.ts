import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AssertionConfigError } from '../../../../src/stages/eval/assertions/index.js';
import { both, check } from './helpers.js';

// javascript files resolve against the suite's folder: here, the fixtures next to this test.
const baseDir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const js = (exportName?: string) => ({
  type: 'javascript',
  file: 'checks.mjs',
  ...(exportName ? { export: exportName } : {}),
});

describe('javascript', () => {
  it('a boolean decides pass and score; not-javascript inverts', async () => {
    const yes = await both(js(), 'yes indeed', { baseDir });
    expect(yes.plain).toMatchObject({ pass: true, score: 1 });
    expect(yes.negated).toMatchObject({ pass: false, score: 0 });
    const no = await both(js(), 'nope', { baseDir });
    expect(no.plain).toMatchObject({ pass: false, score: 0 });
    expect(no.negated).toMatchObject({ pass: true, score: 1 });
  });

  it('a number is the score: passes above 0, or at threshold when set', async () => {
    expect(await check(js('score'), 'abcde', { baseDir })).toMatchObject({ pass: true, score: 0.5 });
    expect(await check(js('score'), '', { baseDir })).toMatchObject({ pass: false, score: 0 });
    expect(await check({ ...js('score'), threshold: 0.6 }, 'abcde', { baseDir })).toMatchObject({
      pass: false,
    });
    expect(await check({ ...js('score'), threshold: 0.6 }, 'abcdefg', { baseDir })).toMatchObject({
      pass: true,
    });
  });

  it('an object gives pass, score and reason; score defaults from pass', async () => {
    expect(await check(js('graded'), 'OK fine', { baseDir })).toMatchObject({
      pass: true,
      score: 0.9,
      reason: 'saw OK',
    });
    expect(await check(js('graded'), 'bad', { baseDir })).toMatchObject({ pass: false, score: 0.2 });
    expect(await check(js('passOnly'), 'x', { baseDir })).toMatchObject({ pass: true, score: 1 });
    expect(await check(js('passOnly'), '', { baseDir })).toMatchObject({ pass: false, score: 0 });
  });

  it('awaits async functions and passes vars, prompt and the model output', async () => {
    expect((await check(js('later'), 'x', { baseDir })).pass).toBe(true);
    const ctx = { baseDir, vars: { expected: 'Paris' }, prompt: 'What is the capital of France?' };
    expect((await check(js('usesContext'), 'Paris', ctx)).pass).toBe(true);
    expect((await check(js('usesContext'), 'Lyon', ctx)).pass).toBe(false);
  });

  it('a function that throws fails its assertion with the error, not the run (and not-javascript fails too)', async () => {
    const r = await both(js('throws'), 'x', { baseDir });
    expect(r.plain).toMatchObject({ pass: false, score: 0 });
    expect(r.plain.reason).toBe('error: user function blew up');
    expect(r.negated).toMatchObject({ pass: false, score: 0 });
  });

  it('a wrong return shape or an out-of-range score fails with a reason saying what is expected', async () => {
    const shape = await check(js('wrongShape'), 'x', { baseDir });
    expect(shape.pass).toBe(false);
    expect(shape.reason).toContain('expected a boolean, a score in [0, 1] or {pass, score?, reason?}');
    const range = await check(js('scoreOutOfRange'), 'x', { baseDir });
    expect(range.pass).toBe(false);
    expect(range.reason).toContain('returned score 2');
  });

  it('a missing file, a missing export or a broken file is a config error', async () => {
    await expect(check({ type: 'javascript', file: 'nope.mjs' }, 'x', { baseDir })).rejects.toThrow(
      AssertionConfigError,
    );
    await expect(check(js('missing'), 'x', { baseDir })).rejects.toThrow(/no function export "missing"/);
    await expect(check(js('notAFunction'), 'x', { baseDir })).rejects.toThrow(/function exports: default/);
    await expect(check({ type: 'javascript', file: 'broken.mjs' }, 'x', { baseDir })).rejects.toThrow(
      /cannot load .*broken\.mjs/,
    );
  });

  it('loads a .ts file where a TypeScript loader runs (here, vitest)', async () => {
    expect((await check({ type: 'javascript', file: 'typed.ts' }, 'long enough', { baseDir })).pass).toBe(
      true,
    );
    expect((await check({ type: 'javascript', file: 'typed.ts' }, 'no', { baseDir })).pass).toBe(false);
  });
});
