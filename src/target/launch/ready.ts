import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request } from 'undici';
import type { LaunchSpec } from './types.js';

// One slow answer must not eat the whole readiness budget; the next poll gets a fresh chance.
const PER_TRY_MAX_MS = 2000;

export type ReadyOutcome =
  | { ready: true; atMs: number }
  | { ready: false; aborted: boolean; lastPoll: string };

type Poll = { ok: true; atMs: number } | { ok: false; detail: string; timedOut: boolean };

/**
 * Polls the ready URL until it answers as expected, `timeoutMs` after `startedAt` (a performance.now() time)
 * passes, or `signal` aborts. `atMs` is the performance.now() time the ready answer's headers arrived.
 */
export async function waitForReady(
  ready: LaunchSpec['ready'],
  startedAt: number,
  signal: AbortSignal,
): Promise<ReadyOutcome> {
  const deadline = startedAt + ready.timeoutMs;
  // A private agent, so no keep-alive socket to the target outlives the wait.
  const agent = new Agent({ connections: 1 });
  let lastPoll: string | undefined;
  try {
    for (;;) {
      const remaining = deadline - performance.now();
      if (signal.aborted || remaining <= 0) break;
      const budget = Math.min(remaining, PER_TRY_MAX_MS);
      const poll = await pollOnce(agent, ready, budget, signal);
      if (poll.ok) return { ready: true, atMs: poll.atMs };
      // A poll cut short by the overall deadline or an abort says nothing; keep what the one before got.
      const cutShort = signal.aborted || (poll.timedOut && budget < PER_TRY_MAX_MS);
      if (!cutShort || lastPoll === undefined) lastPoll = poll.detail;
      const wait = Math.min(ready.intervalMs, deadline - performance.now());
      if (wait > 0) await delay(wait, undefined, { signal }).catch(() => undefined);
    }
    return { ready: false, aborted: signal.aborted, lastPoll: lastPoll ?? 'no poll was made' };
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function pollOnce(
  agent: Agent,
  ready: LaunchSpec['ready'],
  timeoutMs: number,
  outer: AbortSignal,
): Promise<Poll> {
  const timeout = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
  try {
    const res = await request(ready.url, { dispatcher: agent, signal: AbortSignal.any([outer, timeout]) });
    const atMs = performance.now();
    await res.body.dump().catch(() => undefined);
    const ok =
      ready.expectStatus === undefined
        ? res.statusCode >= 200 && res.statusCode < 300
        : res.statusCode === ready.expectStatus;
    return ok ? { ok: true, atMs } : { ok: false, detail: `HTTP ${res.statusCode}`, timedOut: false };
  } catch (err) {
    if (timeout.aborted) {
      return { ok: false, detail: `no answer within ${Math.round(timeoutMs)}ms`, timedOut: true };
    }
    return { ok: false, detail: describe(err), timedOut: false };
  }
}

function describe(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listening yet)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed without an answer';
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
