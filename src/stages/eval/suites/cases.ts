/**
 * The plain cases of an eval stage: each case (× repeat) rendered through the prompt template and judged
 * by the stage's default assertions plus its own. The stage passes when the share of passing cases
 * reaches `passRate` (0.8 by default), reported with a Wilson 95% interval, per tag and per assertion.
 */
import type { EvalCase } from '../../../config/stages/eval.js';
import { wilson } from '../../../metrics/intervals.js';
import type { StageContext } from '../../types.js';
import { evaluateCase } from '../assertions/index.js';
import { readCaseFile } from '../cases.js';
import type { EvalSuite, SuiteReport, WorkItem } from '../suite.js';
import { formatRate, Tally } from '../tally.js';
import { renderPrompt } from '../template.js';
import type { AssertionContext, CaseResult, JudgeClient, ModelOutput } from '../types.js';
import { caseFields, failedCase, outputExcerpt } from './common.js';

type Ctx = StageContext<'eval'>;

export function casesSuite(ctx: Ctx, judge: JudgeClient | undefined): EvalSuite {
  const opts = ctx.stage;
  const tally = new Tally(opts.examples);
  const byItem = new Map<string, EvalCase>();

  async function* source(): AsyncGenerator<EvalCase> {
    if (Array.isArray(opts.cases)) yield* opts.cases;
    else yield* readCaseFile(opts.cases.file, ctx.suiteDir);
  }

  return {
    async *items(): AsyncGenerator<WorkItem> {
      let i = 0;
      for await (const c of source()) {
        const id = `cases#${i++}`;
        const repeat = c.repeat ?? opts.repeat;
        const prompt = renderPrompt(
          c.prompt ?? opts.prompt,
          c.vars,
          `${id}${c.description ? ` (${c.description})` : ''}`,
        );
        for (let r = 0; r < repeat; r++) {
          byItem.set(`${id}/${r}`, c);
          yield {
            id,
            suite: 'cases',
            tags: c.tags,
            repeat: r,
            independent: repeat > 1,
            vars: c.vars,
            prompts: [prompt],
            ...(c.description ? { description: c.description } : {}),
          };
        }
      }
    },

    async judge(item, outputs): Promise<CaseResult> {
      const c = byItem.get(`${item.id}/${item.repeat}`) as EvalCase;
      byItem.delete(`${item.id}/${item.repeat}`);
      const output = outputs[0] as ModelOutput;
      const result = output.error
        ? failedCase(item, output)
        : await judgeOutput(
            item,
            output,
            [...opts.defaultAssert, ...c.assert],
            c.threshold ?? opts.threshold,
            { ctx, judge },
          );
      tally.add(result, ['cases', ...item.tags.map((t) => `tag:${t}`)], item.independent);
      return result;
    },

    finish(): SuiteReport {
      const all = tally.count('cases');
      if (all.n === 0) return { checks: [], tables: [] };
      const rate = all.pass / all.n;
      const w = wilson(all.pass, all.n);
      const pass = rate >= opts.passRate;
      const examples = tally
        .failures('cases')
        .map(
          (r) =>
            `${r.id}${r.description ? ` (${r.description})` : ''}: ${r.error ?? firstFailure(r)} — output ${outputExcerpt(r.output)}`,
        );
      const tagRows = [...tally.byKey.entries()]
        .filter(([k]) => k.startsWith('tag:'))
        .map(([k, c]) => {
          const wi = wilson(c.pass, c.n);
          return [k.slice(4), c.n, c.pass, round(c.pass / c.n), `${round(wi.low)}–${round(wi.high)}`];
        });
      const passK = opts.repeat > 1 ? tally.passK(opts.repeat) : undefined;
      const consistency = tally.consistency();
      const notes = [
        ...examples.map((e) => `failed ${e}`),
        ...(passK
          ? [
              `pass@${opts.repeat} ${round(passK.passAtK)}, pass^${opts.repeat} ${round(passK.passHatK)} over ${passK.cases} cases`,
            ]
          : []),
        ...(consistency.repeatedCases
          ? [
              `consistency: ${consistency.inconsistent} of ${consistency.repeatedCases} repeated cases gave more than one distinct output (mean ${round(consistency.meanDistinct)} distinct) at temperature ${opts.temperature}; mean score spread ${round(consistency.meanScoreSpread)}`,
            ]
          : []),
        ...(tally.judged
          ? [
              `judge: ${tally.judgeDisagreements} of ${tally.judged} graded answers had votes that disagreed; ${tally.judgeErrors} judge calls failed (reported apart from model failures)`,
            ]
          : []),
      ];
      return {
        checks: [
          {
            id: 'eval.cases',
            name: `cases pass rate ≥ ${opts.passRate}`,
            outcome: {
              status: pass ? 'pass' : 'fail',
              message: `pass rate ${formatRate(all)} ${pass ? '≥' : '<'} ${opts.passRate}${examples.length && !pass ? `; failing: ${examples.slice(0, 3).join(' | ')}` : ''}`,
              metrics: { pass_rate: rate, ci_low: w.low, ci_high: w.high, cases: all.n },
              ...(examples.length ? { evidence: { details: { failingExamples: examples } } } : {}),
            },
          },
        ],
        tables: [
          {
            title: `${ctx.stage.name} · ${ctx.target.name} · cases`,
            columns: ['slice', 'cases', 'passed', 'pass rate', '95% CI'],
            rows: [['all', all.n, all.pass, round(rate), `${round(w.low)}–${round(w.high)}`], ...tagRows],
            notes,
          },
          {
            title: `${ctx.stage.name} · ${ctx.target.name} · assertions`,
            columns: ['metric', 'evaluated', 'passed', 'mean score'],
            rows: tally.metrics().map((m) => [m.metric, m.n, m.pass, round(m.mean)]),
          },
        ],
      };
    },
  };
}

/** Runs the assertions of one output into a case result. */
export async function judgeOutput(
  item: WorkItem,
  output: ModelOutput,
  assertions: Parameters<typeof evaluateCase>[0],
  threshold: number | undefined,
  env: { ctx: Ctx; judge: JudgeClient | undefined },
): Promise<CaseResult> {
  const actx: AssertionContext = {
    vars: item.vars,
    prompt: item.prompts[0]?.text ?? '',
    output,
    baseDir: env.ctx.suiteDir,
    ...(env.judge ? { judge: env.judge } : {}),
    signal: env.ctx.signal,
  };
  const verdict = await evaluateCase(assertions, output.text, actx, threshold);
  return {
    ...caseFields(item, output),
    pass: verdict.pass,
    score: verdict.score,
    assertions: verdict.results,
  };
}

function firstFailure(r: CaseResult): string {
  const a = r.assertions.find((x) => !x.pass);
  return a ? `${a.type}: ${a.reason}` : `score ${round(r.score)} below the case threshold`;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
