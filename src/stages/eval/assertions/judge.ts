/**
 * judge: a model grades the output against a rubric, `votes` times. The majority of votes decides the
 * pass, the score is their mean, and split votes are reported as disagreement. Anything that goes wrong
 * on the judge's side is thrown as a JudgeError, which evaluateAssertion reports as a judge failure.
 */
import type { AssertionHandler } from '../types.js';
import { AssertionConfigError, JudgeError, messageOf } from './errors.js';
import { type Grade, toGrade } from './judge-client.js';
import { fmt, type Of, outcome } from './result.js';

/** Asks the judge `votes` times; passes on a strict majority (and at `threshold` on the mean score, when set). */
export const judge: AssertionHandler<Of<'judge'>> = async (a, output, ctx) => {
  const client = ctx.judge;
  if (!client) {
    throw new JudgeError(
      'no judge is configured: set `judge:` on the eval stage (an OpenAI-compatible baseUrl and model) or `provider:` on this assertion',
    );
  }
  const input = { rubric: a.rubric, output, prompt: ctx.prompt, vars: ctx.vars };
  let votes: Grade[];
  try {
    const answers = await Promise.all(Array.from({ length: a.votes }, () => client.grade(input, a.provider)));
    // A JudgeClient from elsewhere may hand back anything; hold it to the same contract as our own.
    votes = answers.map((v) => toGrade(v));
  } catch (err) {
    if (err instanceof AssertionConfigError || err instanceof JudgeError) throw err;
    throw new JudgeError(messageOf(err), { cause: err });
  }
  const passes = votes.filter((v) => v.pass).length;
  const score = votes.reduce((sum, v) => sum + v.score, 0) / votes.length;
  const majority = passes * 2 > votes.length;
  const pass = majority && (a.threshold === undefined || score >= a.threshold);
  const disagreement = passes > 0 && passes < votes.length;
  // The reason of a vote on the winning side explains the verdict best.
  const telling = votes.find((v) => v.pass === majority) ?? votes[0];
  const tally =
    votes.length === 1
      ? ''
      : `${passes}/${votes.length} votes pass${disagreement ? ', judges disagree' : ''}; `;
  const limit = a.threshold === undefined ? '' : ` (needs ${fmt(a.threshold)})`;
  return outcome(a, pass, score, `judge: ${tally}score ${fmt(score)}${limit}: ${telling?.reason ?? ''}`, {
    votes,
    disagreement,
  });
};
