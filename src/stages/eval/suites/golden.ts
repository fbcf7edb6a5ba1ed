/**
 * A golden regression file: hard cases with the outputs they must keep giving. Each line of the JSONL is
 * `{ "vars": {...} | "prompt": ..., "expected": "..." }`; an output regresses when it no longer matches
 * (exactly, after normalising, or by ROUGE-L at the threshold). Any regression fails the check.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { rouge } from '../../../metrics/text/index.js';
import type { StageContext } from '../../types.js';
import { CaseFileError } from '../cases.js';
import type { EvalSuite, SuiteReport, WorkItem } from '../suite.js';
import { Tally } from '../tally.js';
import { renderPrompt } from '../template.js';
import type { CaseResult, ModelOutput } from '../types.js';
import { caseFields, failedCase, outputExcerpt } from './common.js';

type Golden = NonNullable<StageContext<'eval'>['stage']['golden']>;

/** Lowercase, collapse whitespace, drop punctuation at the ends of words: formatting is not a regression. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How close an output is to its golden answer, in [0, 1], by the configured comparison. */
export function goldenScore(output: string, expected: string, compare: Golden['compare']): number {
  if (compare === 'exact') return output === expected ? 1 : 0;
  if (compare === 'normalized') return normalize(output) === normalize(expected) ? 1 : 0;
  return rouge(output, expected, 'rougeL').fmeasure;
}

export function goldenSuite(ctx: StageContext<'eval'>, golden: Golden): EvalSuite {
  const tally = new Tally(ctx.stage.examples);
  const expectedOf = new Map<string, string>();
  return {
    async *items(): AsyncGenerator<WorkItem> {
      const file = path.resolve(ctx.suiteDir, golden.file);
      const lines = createInterface({
        input: createReadStream(file, 'utf8'),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      let n = 0;
      try {
        for await (const line of lines) {
          n++;
          if (line.trim() === '') continue;
          let row: { id?: string; vars?: Record<string, unknown>; prompt?: string; expected?: unknown };
          try {
            row = JSON.parse(line);
          } catch (cause) {
            throw new CaseFileError(`${golden.file}:${n}`, `not valid JSON (${(cause as Error).message})`);
          }
          if (typeof row.expected !== 'string')
            throw new CaseFileError(`${golden.file}:${n}`, 'each golden line needs an "expected" string');
          const id = `golden#${row.id ?? n}`;
          const vars = row.vars ?? {};
          expectedOf.set(id, row.expected);
          yield {
            id,
            suite: 'golden',
            tags: [],
            repeat: 0,
            independent: false,
            vars,
            prompts: [renderPrompt(row.prompt ?? ctx.stage.prompt, vars, `${golden.file}:${n}`)],
          };
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT')
          throw new CaseFileError(golden.file, `no such file (looked in ${ctx.suiteDir})`);
        throw err;
      }
    },

    async judge(item, outputs): Promise<CaseResult> {
      const output = outputs[0] as ModelOutput;
      const expected = expectedOf.get(item.id) as string;
      expectedOf.delete(item.id);
      if (output.error) {
        const r = failedCase(item, output);
        tally.add(r, ['golden']);
        return r;
      }
      const score = goldenScore(output.text, expected, golden.compare);
      const pass = golden.compare === 'rougeL' ? score >= golden.threshold : score === 1;
      const r: CaseResult = {
        ...caseFields(item, output),
        pass,
        score,
        assertions: [
          {
            type: `golden-${golden.compare}`,
            pass,
            score,
            weight: 1,
            metric: 'golden',
            reason: pass
              ? 'matches the golden answer'
              : `regressed: expected ${outputExcerpt(expected)}, got ${outputExcerpt(output.text)}`,
          },
        ],
      };
      tally.add(r, ['golden']);
      return r;
    },

    finish(): SuiteReport {
      const c = tally.count('golden');
      const regressions = c.n - c.pass;
      const examples = tally.failures('golden').map((r) => `${r.id}: ${r.error ?? r.assertions[0]?.reason}`);
      return {
        checks: [
          {
            id: 'eval.golden',
            name: `golden answers kept (${golden.file})`,
            outcome: {
              status: regressions === 0 ? 'pass' : 'fail',
              message:
                regressions === 0
                  ? `all ${c.n} golden answers kept (${golden.compare})`
                  : `${regressions} of ${c.n} golden answers regressed (${golden.compare}): ${examples.slice(0, 3).join(' | ')}`,
              metrics: { golden: c.n, regressions },
              ...(examples.length ? { evidence: { details: { regressions: examples } } } : {}),
            },
          },
        ],
        tables: [],
      };
    },
  };
}
