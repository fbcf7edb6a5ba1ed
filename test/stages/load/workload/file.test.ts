import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkloadError } from '../../../../src/stages/load/workload/index.js';
import { FIXTURES, take, workload } from './helpers.js';

/** The WorkloadError a file workload fails with. */
async function failure(path: string): Promise<WorkloadError> {
  const err = await workload({ type: 'file', path }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkloadError);
  return err as WorkloadError;
}

describe('file workload', () => {
  it('reads prompts, message lists and template rows; blank lines are skipped; max_tokens per row', async () => {
    const w = await workload({ type: 'file', path: 'prompts.jsonl' });
    expect(w.size).toBe(4);
    expect(w.describe).toBe('file prompts.jsonl: 4 rows, 1 for templates only');
    const [a, b, c, d] = take(w, 4);
    expect(a?.body.messages).toEqual([{ role: 'user', content: 'What is 2+2?' }]);
    expect(a?.body.max_tokens).toBe(32);
    expect(b?.body.max_tokens).toBe(7);
    expect(c?.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    // A row with no prompt is kept for http templates: its variables ride along, the body has no input.
    expect(d?.vars).toEqual({ text: 'a row for an http template', id: 42 });
    expect(d?.body).toEqual({
      model: 'm',
      max_tokens: 32,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(a?.vars).toEqual({ prompt: 'What is 2+2?' });
  });

  it('turns a ShareGPT conversation into messages up to and including the last human turn', async () => {
    const w = await workload({ type: 'file', path: 'sharegpt.jsonl' });
    const [a, b] = take(w, 2);
    expect(a?.body.messages).toEqual([
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi! How can I help?' },
      { role: 'user', content: 'Tell me a joke.' },
    ]);
    expect(b?.body.messages).toEqual([{ role: 'user', content: 'Only a question' }]);
  });

  it('names file:line and the problem for bad JSON, a missing field, a bad row and an empty file', async () => {
    expect((await failure('bad-json.jsonl')).message).toMatch(/bad-json\.jsonl:2: not valid JSON/);
    expect((await failure('missing-content.jsonl')).message).toMatch(
      /missing-content\.jsonl:3: messages\[0\]\.content must be a string or a list of parts, got nothing/,
    );
    expect((await failure('sharegpt-no-human.jsonl')).message).toMatch(
      /sharegpt-no-human\.jsonl:1: "conversations" has no human turn/,
    );
    expect((await failure('bad-max-tokens.jsonl')).message).toMatch(
      /bad-max-tokens\.jsonl:1: "max_tokens" must be a positive integer, got 0/,
    );
    expect((await failure('not-object.jsonl')).message).toMatch(
      /not-object\.jsonl:1: expected a JSON object, got an array/,
    );
    const empty = await failure('empty.jsonl');
    expect(empty.message).toMatch(/empty\.jsonl has no rows/);
    expect(empty.exitCode).toBe(2);
    expect((await failure('no-such-file.jsonl')).message).toMatch(
      /no-such-file\.jsonl cannot be read \(ENOENT\)/,
    );
  });

  it('reports an unknown ShareGPT speaker by name', async () => {
    const path = join(tmpdir(), `gauntlet-sharegpt-${process.pid}.jsonl`);
    await writeFile(path, '{"conversations": [{"from": "robot", "value": "beep"}]}\n');
    expect((await failure(path)).message).toMatch(
      /:1: conversations\[0\]\.from must be one of human, .*got "robot"/,
    );
  });

  it('shuffles with the seed: same seed same order, another seed another order, nothing lost', async () => {
    const order = async (seed: number) =>
      take(await workload({ type: 'file', path: 'rows.jsonl', shuffle: true }, { seed }), 10).map(
        (r) => (r.body.messages as Array<{ content: string }>)[0]?.content,
      );
    const first = await order(3);
    expect(await order(3)).toEqual(first);
    expect(await order(4)).not.toEqual(first);
    expect(first).not.toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
    expect([...first].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
  });

  it('resolves a relative path against baseDir', async () => {
    const w = await workload({ type: 'file', path: 'load/rows.jsonl' }, { baseDir: join(FIXTURES, '..') });
    expect(w.size).toBe(10);
  });
});
