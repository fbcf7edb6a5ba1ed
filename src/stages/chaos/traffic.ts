/**
 * The steady stream of requests a chaos experiment sends through the fault proxy: the load engine's
 * open-model scheduler at a fixed rate (requests keep their intended send time, so a stall shows up as
 * latency instead of fewer requests) and its senders, pointed at the proxy instead of the target.
 */
import type { Fault } from '../../config/faults.js';
import { OpenAIClient } from '../../target/index.js';
import { clientOptions } from '../client-options.js';
import { createHttpSender, createOpenAISender } from '../load/request/index.js';
import { runSchedule } from '../load/scheduler/index.js';
import type { ScheduledOutcome, Sender } from '../load/types.js';
import type { StageContext } from '../types.js';

/** The target's baseUrl with its origin swapped for the proxy's. */
export function throughProxy(baseUrl: string, proxyUrl: string): string {
  const u = new URL(baseUrl);
  return `${proxyUrl.replace(/\/+$/, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
}

/** A sender to `baseUrl` (the proxy) for the stage's target, and how to free its connections. */
export function makeSender(
  ctx: StageContext<'chaos'>,
  baseUrl: string,
): { send: Sender; close: () => Promise<void> } {
  const s = ctx.stage;
  const t = ctx.target.config;
  if (t.type === 'http' || s.request) {
    const request = s.request as NonNullable<typeof s.request>;
    const sender = createHttpSender({
      baseUrl,
      headers: { ...t.headers, ...(t.apiKey ? { authorization: `Bearer ${t.apiKey}` } : {}) },
      request,
      timeoutMs: s.requestTimeout,
    });
    return { send: sender, close: () => sender.close() };
  }
  const client = new OpenAIClient({ ...clientOptions(t, baseUrl), retry: { maxRetries: 0 } });
  const send = createOpenAISender(client, {
    endpoint: 'chat',
    stream: s.stream,
    timeoutMs: s.requestTimeout,
  });
  return { send, close: () => client.close() };
}

/** The body every request carries (OpenAI targets; REST targets send the stage's `request`). */
export function chatBody(ctx: StageContext<'chaos'>): Record<string, unknown> {
  return {
    model: ctx.target.model,
    messages: [{ role: 'user', content: ctx.stage.prompt }],
    max_tokens: ctx.stage.maxTokens,
    temperature: 0,
  };
}

export interface TrafficResult {
  outcomes: ScheduledOutcome[];
  /** performance.now() of each arrival dropped because `maxInFlight` requests were in flight. */
  dropped: number[];
}

/** Sends at the stage's `rate` per second for `durationMs`, then waits for the requests in flight. */
export async function runTraffic(
  ctx: StageContext<'chaos'>,
  send: Sender,
  durationMs: number,
): Promise<TrafficResult> {
  const body = chatBody(ctx);
  const outcomes: ScheduledOutcome[] = [];
  const dropped: number[] = [];
  let index = 0;
  await runSchedule({
    profile: { type: 'rate', rate: ctx.stage.rate },
    durationMs,
    warmupMs: 0,
    cooldownMs: 0,
    maxInFlight: ctx.stage.maxInFlight,
    maxBacklog: 0,
    next: () => ({ index: index++, body }),
    send,
    onOutcome: (o) => outcomes.push(o),
    onEvent: (e) => {
      if (e.type === 'dropped') dropped.push(e.at);
    },
    signal: ctx.signal,
  });
  return { outcomes, dropped };
}

/** The `gauntlet proxy` line that replays a fault by hand against the same upstream. */
export function proxyCommand(upstream: string, faults: readonly Fault[]): string {
  const flags = faults.map((f) => `--fault '${JSON.stringify(f)}'`).join(' ');
  return `gauntlet proxy --upstream ${upstream} ${flags}`;
}
