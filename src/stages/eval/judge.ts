/**
 * The judge for model-graded assertions: the stage's `judge:` endpoint, overridden per assertion by its
 * `provider:`. Without a stage judge, an assertion must name its own provider: grading the model under test
 * with itself is a known source of bias, so Gauntlet never does it silently.
 */
import type { StageContext } from '../types.js';
import { createJudgeClient } from './assertions/judge-client.js';
import type { JudgeClient } from './types.js';

type Provider = { baseUrl: string; model: string; apiKey?: string; temperature: number; timeout: number };

const toOptions = (p: Provider) => ({
  baseUrl: p.baseUrl,
  model: p.model,
  ...(p.apiKey ? { apiKey: p.apiKey } : {}),
  temperature: p.temperature,
  timeoutMs: p.timeout,
});

/** The stage's judge client (or one that only serves assertions naming a provider). */
export function makeJudge(ctx: StageContext<'eval'>): JudgeClient & { close(): Promise<void> } {
  const stageJudge = ctx.stage.judge;
  const clients = new Map<string, ReturnType<typeof createJudgeClient>>();
  const clientFor = (p: Provider) => {
    const key = JSON.stringify([p.baseUrl, p.model, p.apiKey ?? '', p.temperature, p.timeout]);
    let c = clients.get(key);
    if (!c) {
      c = createJudgeClient(toOptions(p));
      clients.set(key, c);
    }
    return c;
  };
  return {
    async grade(input, provider) {
      const p = (provider as Provider | undefined) ?? stageJudge;
      if (!p) {
        throw new Error(
          'no judge is configured: set `judge:` on the eval stage (an OpenAI-compatible baseUrl and model) or `provider:` on this assertion',
        );
      }
      return clientFor(p).grade(input);
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}
