/**
 * The api stage: the serving layer's contract, each check selectable and run in a fixed order. Checks that
 * only mean something for OpenAI-compatible targets are skipped, with the reason, on REST targets.
 */
import {
  type ApiCheckName,
  type ApiRequest,
  apiCheckNames,
  openaiOnlyApiChecks,
} from '../../config/stages/api.js';
import { GauntletError } from '../../errors.js';
import type { Stage } from '../types.js';
import { authCheck } from './checks/auth.js';
import { badInputCheck } from './checks/bad-input.js';
import { contractCheck } from './checks/contract.js';
import { corsCheck } from './checks/cors.js';
import { errorsCheck } from './checks/errors.js';
import { fuzzCheck } from './checks/fuzz.js';
import { healthCheck } from './checks/health.js';
import { injectionCheck } from './checks/injection.js';
import { modelsCheck } from './checks/models.js';
import { openapiCheck } from './checks/openapi.js';
import { rateLimitCheck } from './checks/rate-limit.js';
import { sseCheck } from './checks/sse.js';
import { type ApiCheck, type ApiContext, validRequest } from './common.js';

const CHECKS: { [K in ApiCheckName]: { title: string; run: ApiCheck<K> } } = {
  models: { title: '/v1/models has the OpenAI shape', run: modelsCheck },
  errors: { title: 'error bodies are OpenAI-shaped and match their status', run: errorsCheck },
  sse: { title: 'SSE framing, ids, finish_reason and usage', run: sseCheck },
  health: { title: 'health endpoints answer as expected', run: healthCheck },
  bad_input: { title: 'bad input gets a 4xx, never a 5xx, and the server recovers', run: badInputCheck },
  fuzz: { title: 'fuzzed request bodies never get a 5xx', run: fuzzCheck },
  auth: { title: 'missing, invalid and malformed credentials are rejected', run: authCheck },
  cors: { title: 'CORS preflight allows the configured origin', run: corsCheck },
  rate_limit: { title: 'rate limiting answers 429 with a Retry-After that works', run: rateLimitCheck },
  injection: { title: 'injection payloads are rejected and never reflected', run: injectionCheck },
  openapi: { title: 'responses match the OpenAPI document', run: openapiCheck },
  contract: { title: 'the provider honours the contract', run: contractCheck },
};

export const apiStage: Stage<'api'> = {
  kind: 'api',
  description:
    'the serving contract: error shapes, SSE framing, bad input, auth, CORS, rate limits, injection',
  async run(ctx) {
    const target = ctx.target;
    const openai = target.config.type === 'openai';
    const request = validRequest(target, ctx.stage.request);
    const api: Omit<ApiContext, 'request'> = { ctx, target, openai, origin: new URL(target.baseUrl).origin };
    for (const name of apiCheckNames) {
      const opts = ctx.stage.checks[name];
      if (!opts || ctx.signal.aborted) continue;
      const check = CHECKS[name] as { title: string; run: ApiCheck<typeof name> };
      // A bad file a check reads (an OpenAPI document, a contract) is bad config: the run stops with exit 2.
      let badConfig: GauntletError | undefined;
      await ctx.check(
        {
          id: `api.${name}`,
          name: check.title,
          ...(opts.priority ? { priority: opts.priority } : {}),
          tags: opts.tags,
        },
        async () => {
          if (!openai && openaiOnlyApiChecks.includes(name))
            return {
              status: 'skip',
              message: `${name} checks OpenAI-compatible targets; this one is type: http`,
            };
          // openapi and contract build their requests from their own files, so they never read `request`.
          if (!request && name !== 'openapi' && name !== 'contract')
            return { status: 'skip', message: "no valid request to start from: set the stage's `request`" };
          try {
            return await check.run({ ...api, request: request as ApiRequest }, opts as never);
          } catch (err) {
            if (err instanceof GauntletError && err.exitCode === 2) badConfig = err;
            throw err;
          }
        },
      );
      if (badConfig) throw badConfig;
    }
  },
};
