/** The smoke stage: model functionality validation, each check selectable and run in a fixed order. */
import { type SmokeCheckName, type SmokeChecks, smokeCheckNames } from '../../config/stages/smoke.js';
import type { CheckOutcome, Stage } from '../types.js';
import { batchCheck } from './checks/batch.js';
import { determinismCheck } from './checks/determinism.js';
import { basicCheck, chatCheck, completionsCheck, modelsCheck } from './checks/endpoints.js';
import { longPromptCheck } from './checks/long-prompt.js';
import { maxTokensCheck } from './checks/max-tokens.js';
import { streamingCheck } from './checks/streaming.js';
import type { SmokeContext } from './common.js';

type Runner<K extends SmokeCheckName> = (
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks[K]>,
) => Promise<CheckOutcome>;

const CHECKS: { [K in SmokeCheckName]: { title: string; run: Runner<K> } } = {
  models: { title: 'model is listed', run: (ctx) => modelsCheck(ctx) },
  basic: { title: 'basic answers', run: basicCheck },
  chat: { title: 'chat endpoint', run: chatCheck },
  completions: { title: 'completions endpoint', run: completionsCheck },
  streaming: { title: 'streaming', run: streamingCheck },
  batch: { title: 'concurrent batch', run: batchCheck },
  max_tokens: { title: 'max_tokens respected', run: maxTokensCheck },
  determinism: { title: 'deterministic at temperature 0', run: determinismCheck },
  long_prompt: { title: 'long prompt near the context length', run: longPromptCheck },
};

export const smokeStage: Stage<'smoke'> = {
  kind: 'smoke',
  description:
    'the model answers, streams, batches, respects max_tokens and is deterministic at temperature 0',
  async run(ctx) {
    for (const name of smokeCheckNames) {
      const opts = ctx.stage.checks[name];
      if (!opts || ctx.signal.aborted) continue;
      const check = CHECKS[name] as { title: string; run: Runner<typeof name> };
      await ctx.check(
        {
          id: `smoke.${name}`,
          name: check.title,
          ...(opts.priority ? { priority: opts.priority } : {}),
          tags: opts.tags,
        },
        () => check.run(ctx, opts as never),
      );
    }
  },
};
