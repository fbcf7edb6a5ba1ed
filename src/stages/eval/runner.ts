/**
 * Sends eval requests with bounded, adaptive concurrency: a 429 or 503 halves the limit and waits
 * (Retry-After when given), successes raise it again slowly (AIMD, like TCP). Retries come out of one
 * budget for the whole stage, so a broken target fails fast instead of being retried forever.
 */
import { GauntletError } from '../../errors.js';
import type { OpenAIClient } from '../../target/index.js';
import { TargetHttpError, TargetTimeoutError } from '../../target/index.js';
import { ResponseCache } from './cache.js';
import type { ModelOutput } from './types.js';

export interface RunnerOptions {
  concurrency: number;
  retryBudget: number;
  timeoutMs: number;
  cache?: ResponseCache;
  signal: AbortSignal;
}

export interface EvalRequest {
  endpoint: 'chat' | 'completions';
  body: Record<string, unknown>;
  /** False for repeats that must be independent samples (temperature > 0). */
  cacheable: boolean;
}

const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

export class EvalRunner {
  private limit: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private successesSinceRaise = 0;
  retriesLeft: number;
  retriesUsed = 0;
  throttled = 0;

  constructor(
    private readonly client: OpenAIClient,
    private readonly opts: RunnerOptions,
  ) {
    this.limit = opts.concurrency;
    this.retriesLeft = opts.retryBudget;
  }

  /** The concurrency in force now (after any cuts). */
  get currentLimit(): number {
    return this.limit;
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /** Sends one request (from the cache when allowed); failures come back as `output.error`, never thrown. */
  async run(req: EvalRequest): Promise<ModelOutput> {
    const url = this.client.url(req.endpoint === 'chat' ? '/chat/completions' : '/completions');
    const key = this.opts.cache && req.cacheable ? ResponseCache.key(url, req.body) : undefined;
    if (key && this.opts.cache) {
      const hit = await this.opts.cache.get(key);
      if (hit) return hit;
    }
    for (let attempt = 0; ; attempt++) {
      await this.acquire();
      let retryAfterMs: number | undefined;
      try {
        const out = await this.call(req);
        this.onSuccess();
        if (key && this.opts.cache) await this.opts.cache.set(key, out);
        return out;
      } catch (err) {
        const status = err instanceof TargetHttpError ? err.status : undefined;
        const retryable =
          (status !== undefined && RETRYABLE.has(status)) || err instanceof TargetTimeoutError;
        if (status === 429 || status === 503) {
          this.throttled++;
          this.limit = Math.max(1, Math.floor(this.limit / 2));
          this.successesSinceRaise = 0;
          retryAfterMs = err instanceof TargetHttpError ? parseRetryAfterMs(err.retryAfter) : undefined;
        }
        if (!retryable || this.retriesLeft <= 0 || this.opts.signal.aborted) return failure(err);
        this.retriesLeft--;
        this.retriesUsed++;
        const backoff = retryAfterMs ?? Math.min(10_000, 250 * 2 ** attempt * (0.5 + Math.random()));
        await sleep(backoff, this.opts.signal);
      } finally {
        this.release();
      }
    }
  }

  /** Additive increase: one more slot after `limit` successes in a row, up to the configured concurrency. */
  private onSuccess(): void {
    if (this.limit >= this.opts.concurrency) return;
    if (++this.successesSinceRaise >= this.limit) {
      this.limit++;
      this.successesSinceRaise = 0;
      this.waiting.shift()?.();
    }
  }

  private async call(req: EvalRequest): Promise<ModelOutput> {
    const callOpts = {
      signal: this.opts.signal,
      retry: { maxRetries: 0 },
      timeouts: { totalMs: this.opts.timeoutMs, firstByteMs: this.opts.timeoutMs },
    };
    const started = performance.now();
    if (req.endpoint === 'chat') {
      const res = await this.client.chat(req.body as never, callOpts);
      const choice = res.data.choices?.[0];
      return {
        text: choice?.message?.content ?? '',
        latencyMs: performance.now() - started,
        ...(res.data.usage ? { usage: res.data.usage } : {}),
        finishReason: choice?.finish_reason ?? null,
        cached: false,
      };
    }
    const res = await this.client.completions(req.body as never, callOpts);
    const choice = res.data.choices?.[0];
    return {
      text: choice?.text ?? '',
      latencyMs: performance.now() - started,
      ...(res.data.usage ? { usage: res.data.usage } : {}),
      finishReason: choice?.finish_reason ?? null,
      cached: false,
    };
  }
}

function failure(err: unknown): ModelOutput {
  const status = err instanceof TargetHttpError ? err.status : undefined;
  const code = err instanceof GauntletError ? err.code : 'E_INTERNAL';
  return {
    text: '',
    latencyMs: 0,
    cached: false,
    error: {
      code,
      message: (err as Error).message.split('\n')[0] ?? String(err),
      ...(status === undefined ? {} : { status }),
    },
  };
}

function parseRetryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.min(60_000, s * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.min(60_000, at - Date.now())) : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
