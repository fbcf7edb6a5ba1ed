/**
 * Workloads: what a load test sends. Each kind turns its spec into a list of distinct requests once, up
 * front (so a bad file fails before any load starts), then `next()` cycles through them for as long as
 * the run needs, numbering every request it hands out.
 */
import { basename } from 'node:path';
import type { z } from 'zod';
import type { workloadSchema } from '../../../config/stages/load.js';
import type { LoadRequest } from '../types.js';
import { buildBody, userMessage, type WorkloadMessage, type WorkloadOptions } from './body.js';
import { readRows } from './file.js';
import { createRng, deriveSeed, shuffleInPlace } from './rng.js';
import { describeDistribution, syntheticPrompts, tokenSampler } from './synthetic.js';

export type { WorkloadMessage, WorkloadOptions } from './body.js';
export { WorkloadError } from './errors.js';
export { syntheticStarters, syntheticWords } from './words.js';

export type WorkloadSpec = z.output<typeof workloadSchema>;

/** An endless source of requests. */
export interface Workload {
  /** The next request; cycles through the distinct ones forever, `index` counting every call. */
  next(): LoadRequest;
  /** How many distinct requests there are before the cycle repeats. */
  size: number;
  /** One line for logs and reports, e.g. `file prompts.jsonl: 120 rows, shuffled (seed 1)`. */
  describe: string;
}

// One distinct request; `body` is shared by every cycle, so nobody downstream may mutate it.
interface Item {
  body: Record<string, unknown>;
  vars?: Record<string, unknown>;
  promptTokensHint?: number;
}

/** Builds the workload `spec` describes; throws WorkloadError (file:line) for a bad file. */
export async function createWorkload(spec: WorkloadSpec, opts: WorkloadOptions): Promise<Workload> {
  switch (spec.type) {
    case 'prompts': {
      const items = spec.prompts.map((p) => {
        const messages: WorkloadMessage[] = typeof p === 'string' ? userMessage(p) : p;
        const vars = typeof p === 'string' ? { prompt: p } : { messages: p };
        return { body: buildBody(messages, opts.maxTokens, opts), vars };
      });
      return cycle(items, `${items.length} inline prompt${items.length === 1 ? '' : 's'}`);
    }
    case 'file': {
      const rows = await readRows(spec.path, opts.baseDir);
      if (spec.shuffle) shuffleInPlace(rows, createRng(deriveSeed(opts.seed, 'file-shuffle')));
      const items = rows.map((row) => ({
        // A template-only row has no prompt: an OpenAI target then answers 400, which is the honest result.
        body: row.messages
          ? buildBody(row.messages, row.maxTokens ?? opts.maxTokens, opts)
          : buildBase(row.maxTokens ?? opts.maxTokens, opts),
        vars: row.vars,
      }));
      const templateOnly = rows.filter((r) => !r.messages).length;
      const extra = [
        templateOnly > 0 ? `${templateOnly} for templates only` : '',
        spec.shuffle ? `shuffled (seed ${opts.seed})` : '',
      ].filter(Boolean);
      return cycle(
        items,
        `file ${basename(spec.path)}: ${rows.length} rows${extra.length ? `, ${extra.join(', ')}` : ''}`,
      );
    }
    case 'synthetic': {
      const prompts = syntheticPrompts(spec.promptTokens, spec.distinct, opts.seed);
      const output = tokenSampler(
        spec.outputTokens,
        createRng(deriveSeed(opts.seed, 'output-tokens')),
        'outputTokens',
      );
      let index = 0;
      return {
        // The output length is drawn per request, not per prompt: few distinct prompts must not mean
        // few distinct output lengths.
        next: () => {
          const p = prompts[index % prompts.length] as (typeof prompts)[number];
          return {
            index: index++,
            body: buildBody(userMessage(p.text), output(), opts),
            promptTokensHint: p.tokens,
          };
        },
        size: prompts.length,
        describe:
          `synthetic: ${prompts.length} distinct prompts, prompt tokens ${describeDistribution(spec.promptTokens)}, ` +
          `output tokens ${describeDistribution(spec.outputTokens)} (seed ${opts.seed})`,
      };
    }
  }
}

function buildBase(maxTokens: number, opts: WorkloadOptions): Record<string, unknown> {
  const { messages: _m, prompt: _p, ...base } = buildBody([], maxTokens, opts);
  return base;
}

function cycle(items: Item[], describe: string): Workload {
  let index = 0;
  return {
    next: () => {
      const item = items[index % items.length] as Item;
      const req: LoadRequest = { index: index++, body: item.body };
      if (item.vars) req.vars = item.vars;
      if (item.promptTokensHint !== undefined) req.promptTokensHint = item.promptTokensHint;
      return req;
    },
    size: items.length,
    describe,
  };
}
