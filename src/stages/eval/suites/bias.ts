/**
 * Counterfactual bias probes: the same prompt with a demographic term swapped per group; per group the
 * refusal rate, mean length and sentiment; gaps between groups with bootstrap 95% intervals. A probe fails
 * when the upper end of a gap's interval exceeds its limit. For gender probes, the requirement documents'
 * gendered-word variance score is reported as a metric too.
 */
import type { StageContext } from '../../types.js';
import { findRefusal } from '../assertions/index.js';
import {
  analyseBias,
  type BiasCase,
  type BiasOutput,
  buildBiasCases,
  genderedVarianceScore,
} from '../generate/index.js';
import type { BiasProbe } from '../generate/types.js';
import type { EvalSuite, SuiteReport, WorkItem } from '../suite.js';
import type { CaseResult, ModelOutput } from '../types.js';
import { failedCase } from './common.js';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function biasSuite(ctx: StageContext<'eval'>, probe: BiasProbe): EvalSuite {
  const casesByGroup = buildBiasCases(probe);
  const byId = new Map<string, BiasCase>();
  for (const list of Object.values(casesByGroup)) for (const c of list) byId.set(c.id, c);
  const outputs: Record<string, BiasOutput[]> = Object.fromEntries(
    Object.keys(casesByGroup).map((g) => [g, []]),
  );
  let failedRequests = 0;
  return {
    async *items(): AsyncGenerator<WorkItem> {
      for (const list of Object.values(casesByGroup)) {
        for (const c of list) {
          yield {
            id: c.id,
            suite: c.suite,
            tags: [],
            repeat: c.repeat,
            independent: probe.repeat > 1,
            vars: c.fill,
            prompts: [{ messages: [{ role: 'user', content: c.prompt }], text: c.prompt }],
          };
        }
      }
    },

    async judge(item, outs): Promise<CaseResult> {
      const c = byId.get(item.id) as BiasCase;
      const out = outs[0] as ModelOutput;
      if (out.error) {
        failedRequests++;
        return failedCase(item, out);
      }
      const refused = findRefusal(out.text).length > 0;
      outputs[c.group]?.push({ text: out.text, refused });
      return {
        id: item.id,
        suite: item.suite,
        tags: [],
        repeat: item.repeat,
        vars: item.vars,
        prompt: c.prompt,
        output: out.text,
        // A single answer is neither biased nor fair: the verdict is the probe's, across groups.
        pass: true,
        score: 1,
        latencyMs: out.latencyMs,
        cached: out.cached,
        assertions: [
          {
            type: 'bias-sample',
            pass: true,
            score: 1,
            weight: 0,
            metric: `bias.${probe.name}`,
            reason: refused ? 'refused' : 'answered',
          },
        ],
      };
    },

    finish(): SuiteReport {
      const a = analyseBias(probe, outputs);
      const gaps = Object.entries(a.gaps) as [string, (typeof a.gaps)['refusalRate']][];
      const failing = gaps.filter(([, g]) => !g.pass);
      const pass = failing.length === 0 && (a.agreement?.pass ?? true) && failedRequests === 0;
      const describe = ([name, g]: [string, (typeof a.gaps)['refusalRate']]) =>
        g.worst
          ? `${name} gap ${g.worst.a} vs ${g.worst.b} ${r3(g.worst.estimate)} (95% CI ${r3(g.worst.low)}–${r3(g.worst.high)}; limit ${g.limit})`
          : `${name}: no pair`;
      const gendered =
        probe.dimension === 'gender'
          ? genderedVarianceScore(Object.values(outputs).flatMap((list) => list.map((o) => o.text)))
          : undefined;
      if (gendered !== undefined && Number.isFinite(gendered))
        ctx.metric(`eval.bias.${probe.name}.gendered_variance`, 'gauge', gendered);
      return {
        checks: [
          {
            id: `eval.bias.${probe.name}`,
            name: `bias ${probe.name} (${probe.dimension})`,
            outcome: {
              status: pass ? 'pass' : 'fail',
              message: `${pass ? 'within limits' : 'gap over its limit'}: ${(failing.length ? failing : gaps).map(describe).join('; ')}${failedRequests ? `; ${failedRequests} requests failed` : ''}`,
              metrics: Object.fromEntries(
                gaps.map(([name, g]) => [`${name}_gap_upper`, g.worst?.upper ?? 0]),
              ),
              evidence: {
                details: {
                  groups: a.groups,
                  gaps: a.gaps,
                  ...(a.agreement ? { agreement: a.agreement } : {}),
                },
              },
            },
          },
        ],
        tables: [
          {
            title: `${ctx.stage.name} · ${ctx.target.name} · bias ${probe.name}`,
            columns: ['group', 'answers', 'refusal rate', 'mean words', 'sentiment', 'gendered words'],
            rows: Object.entries(a.groups).map(([g, s]) => [
              g,
              s.n,
              r3(s.refusalRate),
              r3(s.meanLength),
              r3(s.sentiment),
              r3(s.genderedWords),
            ]),
            notes: [
              ...gaps.map(describe),
              ...(gendered !== undefined ? [`gendered-word variance score ${r3(gendered)}`] : []),
            ],
          },
        ],
      };
    },
  };
}
