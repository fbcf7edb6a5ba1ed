/** `gauntlet data validate | generate | leakage` through the CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, suiteDir } from '../helpers/cli.js';

const chat = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  });

describe('gauntlet data', () => {
  it('generate writes a seeded set that validate passes, the same for the same seed', async () => {
    const dir = suiteDir('');
    expect(
      (
        await runCli(
          ['data', 'generate', '--format', 'instruction', '--n', '50', '--seed', '7', '--out', 'a.jsonl'],
          { cwd: dir },
        )
      ).code,
    ).toBe(0);
    await runCli(
      ['data', 'generate', '--format', 'instruction', '--n', '50', '--seed', '7', '--out', 'b.jsonl'],
      { cwd: dir },
    );
    expect(readFileSync(path.join(dir, 'a.jsonl'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'b.jsonl'), 'utf8'),
    );
    const r = await runCli(['data', 'validate', 'a.jsonl', '--format', 'instruction'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/50 samples, 50 valid, 0 problems/);
  });

  it('validate names file:line, field and problem, and exits 1', async () => {
    const dir = suiteDir('', {
      'chat.jsonl': [
        chat('hi', 'hello'),
        '{"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]}',
        '{not json',
      ].join('\n'),
    });
    const r = await runCli(['data', 'validate', 'chat.jsonl', '--format', 'chat', '--json', 'report.json'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /chat\.jsonl:2 messages\[1\]\.role: expected "assistant" after "user", got "user"/,
    );
    expect(r.stdout).toMatch(/chat\.jsonl:3 .*invalid JSON/);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).problemCount).toBe(2);
  });

  it('leakage finds test samples copied from the training set', async () => {
    const dir = suiteDir('');
    const train = Array.from({ length: 40 }, (_, i) =>
      chat(`Question number ${i} about the history of the river valley and its towns?`, `Answer ${i}.`),
    );
    const test = [
      chat('Question number 3 about the history of the river valley and its towns?', 'x'),
      chat('Something entirely different about cooking pasta at home tonight?', 'y'),
    ];
    writeFileSync(path.join(dir, 'train.jsonl'), train.join('\n'));
    writeFileSync(path.join(dir, 'test.jsonl'), test.join('\n'));
    const r = await runCli(['data', 'leakage', 'train.jsonl', 'test.jsonl', '--format', 'chat'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 of 2 test samples leaked/);
    expect(r.stdout).toMatch(/test\.jsonl:1 ~ train\.jsonl:4/);
    const lenient = await runCli(
      ['data', 'leakage', 'train.jsonl', 'test.jsonl', '--format', 'chat', '--max-rate', '0.5'],
      { cwd: dir },
    );
    expect(lenient.code).toBe(0);
  });

  it('bad usage exits 2 with what to write', async () => {
    const r = await runCli(['data', 'validate', 'x.jsonl', '--format', 'chatml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of chat, instruction, preference, completion, pairs/);
    const missing = await runCli(['data', 'validate', 'nope.jsonl', '--format', 'chat'], {
      cwd: suiteDir(''),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
  });
});
