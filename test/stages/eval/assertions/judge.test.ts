import { describe, expect, it } from 'vitest';
import type { JudgeClient } from '../../../../src/stages/eval/types.js';
import { both, check } from './helpers.js';

type Vote = { pass: boolean; score: number; reason: string };

/** A judge that hands out the given votes in turn and records what it was asked. */
function fakeJudge(votes: Array<Vote | Error | unknown>) {
  const calls: Array<{ input: Parameters<JudgeClient['grade']>[0]; provider: unknown }> = [];
  let i = 0;
  const judge: JudgeClient = {
    async grade(input, provider) {
      calls.push({ input, provider });
      const v = votes[i++ % votes.length];
      if (v instanceof Error) throw v;
      return v as Vote;
    },
  };
  return { judge, calls };
}

const good: Vote = { pass: true, score: 0.9, reason: 'polite and correct' };
const bad: Vote = { pass: false, score: 0.2, reason: 'rude' };

describe('judge', () => {
  it('one vote decides; the judge sees rubric, output, prompt and vars; not-judge inverts', async () => {
    const { judge, calls } = fakeJudge([good]);
    const raw = { type: 'judge', rubric: 'Is it polite?' };
    const r = await both(raw, 'Certainly!', { judge, prompt: 'Say hi', vars: { name: 'Ada' } });
    expect(r.plain).toMatchObject({ pass: true, score: 0.9 });
    expect(r.plain.reason).toContain('polite and correct');
    expect(r.plain.details).toMatchObject({ disagreement: false, votes: [good] });
    expect(r.negated.pass).toBe(false);
    expect(r.negated.score).toBeCloseTo(0.1);
    expect(calls[0]?.input).toEqual({
      rubric: 'Is it polite?',
      output: 'Certainly!',
      prompt: 'Say hi',
      vars: { name: 'Ada' },
    });
  });

  it('asks `votes` times, passes by majority, scores the mean and reports disagreement', async () => {
    const { judge, calls } = fakeJudge([good, bad, good]);
    const r = await check({ type: 'judge', rubric: 'Polite?', votes: 3 }, 'Hi', { judge });
    expect(calls).toHaveLength(3);
    expect(r.pass).toBe(true);
    expect(r.score).toBeCloseTo((0.9 + 0.2 + 0.9) / 3);
    expect(r.details).toMatchObject({ disagreement: true });
    expect((r.details!.votes as Vote[]).map((v) => v.pass)).toEqual([true, false, true]);
    expect(r.reason).toContain('2/3 votes pass, judges disagree');

    const minority = fakeJudge([bad, good, bad]);
    const m = await check({ type: 'judge', rubric: 'Polite?', votes: 3 }, 'Hi', { judge: minority.judge });
    expect(m.pass).toBe(false);
    expect(m.reason).toContain('rude');
  });

  it('a tie is not a majority, and a threshold also holds the mean score to account', async () => {
    const tie = fakeJudge([good, bad]);
    expect((await check({ type: 'judge', rubric: 'r', votes: 2 }, 'x', { judge: tie.judge })).pass).toBe(
      false,
    );
    const weak = fakeJudge([{ pass: true, score: 0.6, reason: 'meh' }]);
    const r = await check({ type: 'judge', rubric: 'r', threshold: 0.8 }, 'x', { judge: weak.judge });
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('needs 0.8');
  });

  it('passes the assertion provider through to the judge', async () => {
    const { judge, calls } = fakeJudge([good]);
    const provider = { baseUrl: 'http://127.0.0.1:9/v1', model: 'judge-model' };
    await check({ type: 'judge', rubric: 'r', provider }, 'x', { judge });
    expect(calls[0]?.provider).toMatchObject({ ...provider, temperature: 0, timeout: 60_000 });
  });

  it('without a judge: fails as a judge error that says to configure `judge:` (not-judge fails too)', async () => {
    const r = await both({ type: 'judge', rubric: 'r' }, 'x');
    for (const res of [r.plain, r.negated]) {
      expect(res).toMatchObject({ pass: false, score: 0 });
      expect(res.reason).toMatch(/^judge failed: no judge is configured: set `judge:`/);
      expect(res.details?.judgeError).toBeTypeOf('string');
    }
  });

  it('a judge that throws or answers off-contract is a judge error, kept apart from model failure', async () => {
    const down = fakeJudge([good, new Error('connect ECONNREFUSED')]);
    const r = await both({ type: 'judge', rubric: 'r', votes: 2 }, 'x', { judge: down.judge });
    expect(r.plain.reason).toBe('judge failed: connect ECONNREFUSED');
    expect(r.plain.details).toEqual({ judgeError: 'connect ECONNREFUSED' });
    expect(r.negated.pass).toBe(false);

    const odd = fakeJudge([{ pass: 'yes', score: 7 }]);
    const o = await check({ type: 'judge', rubric: 'r' }, 'x', { judge: odd.judge });
    expect(o.pass).toBe(false);
    expect(o.reason).toMatch(/^judge failed: .*"pass" is not a boolean/);
  });
});
