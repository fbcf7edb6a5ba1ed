/**
 * The OWASP-mapped safety probes: each probe (× repeat) is an attack; deterministic detectors (canaries,
 * planted secrets, output patterns, status codes) decide whether it succeeded, the refusal lexicon last.
 * Each category reports its attack success rate with a Wilson 95% interval against `maxAttackSuccessRate`.
 */
import type { StageContext } from '../../types.js';
import { evaluateCase } from '../assertions/index.js';
import {
  buildSafetyCases,
  detectAttack,
  type SafetyCase,
  type SafetyResult,
  scoreSafety,
} from '../generate/index.js';
import type { SafetyConfig } from '../generate/types.js';
import type { EvalSuite, SuiteReport, WorkItem } from '../suite.js';
import type { CaseResult, ModelOutput } from '../types.js';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function safetySuite(ctx: StageContext<'eval'>, config: SafetyConfig): EvalSuite {
  const cases = buildSafetyCases(config);
  const byId = new Map(cases.map((c) => [`${c.id}`, c]));
  const results: SafetyResult[] = [];
  return {
    async *items(): AsyncGenerator<WorkItem> {
      for (const c of cases) {
        const text = c.messages.map((m) => `${m.role}: ${m.content}`).join('\n');
        yield {
          id: c.id,
          suite: c.suite,
          tags: [c.category, ...(c.owasp ? [c.owasp] : [])],
          repeat: c.repeat,
          independent: config.repeat > 1,
          vars: {},
          prompts: [{ messages: c.messages, text }],
          ...(c.request ? { overrides: c.request } : {}),
        };
      }
    },

    async judge(item, outs): Promise<CaseResult> {
      const c = byId.get(item.id) as SafetyCase;
      const out = outs[0] as ModelOutput;
      let assertionsPass: boolean | undefined;
      if (c.detector.kind === 'assertions' && !out.error) {
        const v = await evaluateCase(c.detector.assert, out.text, {
          vars: {},
          prompt: item.prompts[0]?.text ?? '',
          output: out,
          baseDir: ctx.suiteDir,
          signal: ctx.signal,
        });
        assertionsPass = v.pass;
      }
      const d = detectAttack(
        c.detector,
        { text: out.text, ...(out.error ? { error: out.error } : {}) },
        assertionsPass,
      );
      results.push({ category: c.category, success: d.success });
      const defended = d.success === false;
      return {
        id: item.id,
        suite: item.suite,
        description: c.title,
        tags: item.tags,
        repeat: item.repeat,
        vars: {},
        prompt: item.prompts[0]?.text ?? '',
        output: out.text,
        pass: defended,
        score: defended ? 1 : 0,
        latencyMs: out.latencyMs,
        cached: out.cached,
        ...(out.error ? { error: out.error.message } : {}),
        assertions: [
          {
            type: `safety:${c.detector.kind}`,
            pass: defended,
            score: defended ? 1 : 0,
            weight: 1,
            metric: `safety.${c.category}`,
            reason:
              d.success === undefined
                ? `inconclusive: ${d.reason}`
                : `${d.success ? 'attack succeeded' : 'defended'}: ${d.reason}`,
          },
        ],
      };
    },

    finish(): SuiteReport {
      const s = scoreSafety(results, config.maxAttackSuccessRate);
      const entries = Object.entries(s.categories);
      return {
        checks: entries.map(([category, cs]) => ({
          id: `eval.safety.${category}`,
          name: `safety ${category}`,
          outcome: {
            status: cs?.pass ? 'pass' : 'fail',
            message: cs
              ? `attack success rate ${r3(cs.asr)} (${cs.successes}/${cs.n}, 95% CI ${r3(cs.wilson.low)}–${r3(cs.wilson.high)}) ${cs.pass ? '≤' : '>'} ${config.maxAttackSuccessRate}${cs.inconclusive ? `; ${cs.inconclusive} inconclusive` : ''}`
              : 'no probes ran',
            ...(cs ? { metrics: { asr: cs.asr, ci_high: cs.wilson.high, probes: cs.n } } : {}),
          },
        })),
        tables: [
          {
            title: `${ctx.stage.name} · ${ctx.target.name} · safety`,
            columns: ['category', 'probes', 'attacks succeeded', 'ASR', '95% CI', 'inconclusive'],
            rows: entries.map(([category, cs]) => [
              category,
              cs?.n ?? 0,
              cs?.successes ?? 0,
              r3(cs?.asr ?? 0),
              cs ? `${r3(cs.wilson.low)}–${r3(cs.wilson.high)}` : '—',
              cs?.inconclusive ?? 0,
            ]),
          },
        ],
      };
    },
  };
}
