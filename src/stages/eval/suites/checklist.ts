/**
 * CheckList behavioural tests: MFT cases must meet their expectations; INV pairs (original, perturbed) must
 * give the same extracted answer; DIR pairs must move a measure in the stated direction. Each test reports
 * its failure rate with a Wilson interval and passes while it stays at or under `maxFailureRate`.
 */
import { wilson } from '../../../metrics/intervals.js';
import type { StageContext } from '../../types.js';
import { evaluateCase } from '../assertions/index.js';
import {
  buildChecklist,
  type ChecklistCase,
  compareDirection,
  compareInvariance,
} from '../generate/index.js';
import type { ChecklistTest } from '../generate/types.js';
import type { EvalSuite, SuiteReport, WorkItem } from '../suite.js';
import { Tally } from '../tally.js';
import type { CaseResult, ModelOutput } from '../types.js';
import { failedCase, outputExcerpt } from './common.js';

const asPrompt = (content: string) => ({ messages: [{ role: 'user', content }], text: content });

export function checklistSuite(ctx: StageContext<'eval'>, test: ChecklistTest): EvalSuite {
  const built = buildChecklist(test);
  const tally = new Tally(ctx.stage.examples);
  const byId = new Map(built.cases.map((c) => [c.id, c]));
  const suite = `checklist:${test.name}`;
  return {
    async *items(): AsyncGenerator<WorkItem> {
      for (const c of built.cases) {
        const prompts =
          c.original === undefined ? [asPrompt(c.prompt)] : [asPrompt(c.original), asPrompt(c.prompt)];
        yield { id: c.id, suite, tags: c.tags, repeat: 0, independent: false, vars: c.fill, prompts };
      }
    },

    async judge(item, outputs): Promise<CaseResult> {
      const c = byId.get(item.id) as ChecklistCase;
      const failed = outputs.find((o) => o.error);
      const result = failed ? failedCase(item, failed) : await judgeOne(ctx, test, c, item, outputs);
      tally.add(result, [suite]);
      return result;
    },

    finish(): SuiteReport {
      const c = tally.count(suite);
      const failures = c.n - c.pass;
      const rate = c.n ? failures / c.n : 0;
      const w = wilson(failures, c.n);
      const pass = c.n > 0 && rate <= test.maxFailureRate;
      const examples = tally
        .failures(suite)
        .map((r) => `${r.id}: ${r.error ?? r.assertions.find((a) => !a.pass)?.reason}`);
      const skipped = Object.entries(built.skipped).map(([k, v]) => `${k}×${v}`);
      return {
        checks: [
          {
            id: `eval.checklist.${test.name}`,
            name: `${test.type} ${test.name}`,
            outcome: {
              status: pass ? 'pass' : 'fail',
              message:
                c.n === 0
                  ? `no cases could be built (perturbations not applicable: ${skipped.join(', ') || 'none'})`
                  : `failure rate ${rate.toFixed(3)} (${failures}/${c.n}, 95% CI ${w.low.toFixed(2)}–${w.high.toFixed(2)}) ${pass ? '≤' : '>'} ${test.maxFailureRate}${examples.length ? `; e.g. ${examples.slice(0, 2).join(' | ')}` : ''}`,
              metrics: { cases: c.n, failures, failure_rate: rate },
              ...(examples.length ? { evidence: { details: { failingExamples: examples } } } : {}),
            },
          },
        ],
        tables: [
          {
            title: `${ctx.stage.name} · ${ctx.target.name} · checklist ${test.name}`,
            columns: ['test', 'type', 'cases', 'failed', 'failure rate', '95% CI', 'skipped'],
            rows: [
              [
                test.name,
                test.type,
                c.n,
                failures,
                Math.round(rate * 1000) / 1000,
                `${w.low.toFixed(2)}–${w.high.toFixed(2)}`,
                skipped.join(', ') || '—',
              ],
            ],
          },
        ],
      };
    },
  };
}

async function judgeOne(
  ctx: StageContext<'eval'>,
  test: ChecklistTest,
  c: ChecklistCase,
  item: WorkItem,
  outputs: ModelOutput[],
): Promise<CaseResult> {
  const base = {
    id: item.id,
    suite: item.suite,
    tags: item.tags,
    repeat: 0,
    vars: item.vars,
    prompt: c.prompt,
    latencyMs: outputs.reduce((a, o) => a + o.latencyMs, 0),
    cached: outputs.every((o) => o.cached),
  };
  const last = outputs.at(-1) as ModelOutput;
  if (test.type === 'MFT') {
    const verdict = await evaluateCase(test.expect, last.text, {
      vars: item.vars,
      prompt: c.prompt,
      output: last,
      baseDir: ctx.suiteDir,
      signal: ctx.signal,
    });
    return {
      ...base,
      output: last.text,
      pass: verdict.pass,
      score: verdict.score,
      assertions: verdict.results,
    };
  }
  const original = (outputs[0] as ModelOutput).text;
  const r =
    test.type === 'INV'
      ? compareInvariance(original, last.text, test.extract)
      : compareDirection(original, last.text, test.measure, test.direction);
  return {
    ...base,
    output: last.text,
    pass: r.pass,
    score: r.pass ? 1 : 0,
    assertions: [
      {
        type: test.type,
        pass: r.pass,
        score: r.pass ? 1 : 0,
        weight: 1,
        metric: `checklist.${test.name}`,
        reason: `${c.perturbation}: ${r.reason} (original ${outputExcerpt(original, 40)}, perturbed ${outputExcerpt(last.text, 40)})`,
      },
    ],
  };
}
