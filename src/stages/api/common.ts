/** What every api check works with: the stage context, the target, and the valid request to start from. */
import type { ApiCheckName, ApiChecks, ApiRequest } from '../../config/stages/api.js';
import type { CheckOutcome, RuntimeTarget, StageContext } from '../types.js';

export interface ApiContext {
  ctx: StageContext<'api'>;
  target: RuntimeTarget;
  /** True for `type: openai` targets. */
  openai: boolean;
  /**
   * The valid request the checks derive from, path relative to the target's baseUrl: the stage's
   * `request`, or for OpenAI targets a small non-streaming chat completion of the target's model.
   */
  request: ApiRequest;
  /** The target's origin (`http://host:port`), for paths outside the baseUrl such as `/health`. */
  origin: string;
}

/** One api check: runs against the target and says what it found. */
export type ApiCheck<K extends ApiCheckName> = (
  api: ApiContext,
  opts: NonNullable<ApiChecks[K]>,
) => Promise<CheckOutcome>;

/** The valid request for a target: the configured one, else a chat completion for OpenAI targets. */
export function validRequest(
  target: RuntimeTarget,
  configured: ApiRequest | undefined,
): ApiRequest | undefined {
  if (configured) return configured;
  if (target.config.type !== 'openai') return undefined;
  return {
    method: 'POST',
    path: '/chat/completions',
    headers: {},
    body: {
      model: target.model,
      messages: [{ role: 'user', content: 'Say hello in one word.' }],
      max_tokens: 8,
      temperature: 0,
    },
  };
}
