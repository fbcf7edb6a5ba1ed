/**
 * rate_limit: a burst of the valid request (up to `burst`, `concurrency` at a time, retries off so every
 * 429 is seen) must meet a 429 before it ends; the 429 must say when to come back (Retry-After, in
 * seconds or as an HTTP date), and after waiting that long the next request must succeed. Every answer of
 * the burst must be a 2xx or a 429: a 5xx or a 503 "overloaded" under a burst is a server giving way, not
 * a limit. `burst: 10, concurrency: 10` is the "ten rapid requests, each 200 or 429" of requirement
 * documents, with the stricter demand that a 429 does come.
 */
import { performance } from 'node:perf_hooks';
import type { RawResponse } from '../../../target/index.js';
import { sleep } from '../../../target/retry.js';
import type { ApiCheck, ApiContext } from '../common.js';
import { plural, quoteExcerpt, scrub } from '../security.js';

// Timers and clocks are not exact; a correct limiter must not be blamed for our scheduler being 1 ms early.
const MARGIN_MS = 100;

interface Limited {
  res: RawResponse;
  /** performance.now() when the 429 was read. */
  at: number;
}

export const rateLimitCheck: ApiCheck<'rate_limit'> = async (api, opts) => {
  const { signal } = api.ctx;
  const started = performance.now();
  const statuses = new Map<number, number>();
  const limited: Limited[] = [];
  let answered = 0;
  let firstAnswer = 0;
  const bad: RawResponse[] = [];
  const failures: string[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < opts.burst && limited.length === 0 && !signal.aborted) {
      sent++;
      try {
        const res = await send(api);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        answered++;
        if (res.status === 429 && limited.length === 0) firstAnswer = answered;
        if (res.status === 429) limited.push({ res, at: performance.now() });
        else if (res.status < 200 || res.status >= 300) bad.push(res);
      } catch (err) {
        if (signal.aborted) throw err;
        failures.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.burst) }, worker));
  const burstS = (performance.now() - started) / 1000;
  const seen = [...statuses].map(([s, n]) => `${n}× ${s}`).join(', ') || 'no answers';
  const problems: string[] = [];
  if (bad.length) {
    const first = bad[0] as RawResponse;
    const others = [...statuses].filter(([s]) => s !== 429 && (s < 200 || s >= 300)).map(([s]) => s);
    problems.push(
      `${bad.length} of ${sent} burst requests answered ${others.join('/')} (first: ${first.status} ${quoteExcerpt(first.text, 100)}); under a burst every answer must be a 2xx or a 429 with Retry-After`,
    );
  }
  if (failures.length) {
    problems.push(`${plural(failures.length, 'request')} of the burst got no answer: ${failures[0]}`);
  }
  const first = limited[0];
  if (!first) {
    problems.unshift(
      `no 429 after ${plural(sent, 'request')} in ${burstS.toFixed(1)} s (concurrency ${opts.concurrency}; answers: ${seen}); if the target has no rate limit, drop this check, else raise burst`,
    );
    return {
      status: 'fail',
      message: problems.join('; '),
      metrics: { requests_sent: sent },
      evidence: scrub(api, {
        ...(bad[0]?.evidence ?? {}),
        details: { statuses: Object.fromEntries(statuses) },
      }),
    };
  }

  const firstMs = first.at - started;
  const header = first.res.headers['retry-after'];
  const retryAfterMs = header === undefined ? undefined : parseRetryAfterValue(header);
  let recovery: RawResponse | undefined;
  let waitedMs = 0;
  if (header === undefined && opts.retryAfter) {
    problems.push(
      `the 429 carries no Retry-After header${first.res.headers['retry-after-ms'] ? ' (only retry-after-ms)' : ''}: clients cannot tell when to come back and will retry at once; set Retry-After in seconds, or set retryAfter: false if the target documents another way`,
    );
  } else if (header !== undefined && retryAfterMs === undefined) {
    problems.push(`Retry-After ${JSON.stringify(header)} is neither seconds nor an HTTP date`);
  } else if (retryAfterMs !== undefined && retryAfterMs > opts.maxWait) {
    problems.push(
      `Retry-After is ${fmtS(retryAfterMs)}, over maxWait ${fmtS(opts.maxWait)}: a limit that locks a client out that long after a ${sent}-request burst is too harsh, or raise maxWait`,
    );
  } else if (retryAfterMs !== undefined) {
    // Honour every 429's Retry-After, each counted from when it arrived: the latest deadline wins.
    const deadline = Math.max(
      ...limited.map((l) => l.at + (parseRetryAfterValue(l.res.headers['retry-after'] ?? '') ?? 0)),
    );
    const waitStart = performance.now();
    await sleep(Math.max(0, deadline - waitStart) + MARGIN_MS, signal);
    waitedMs = performance.now() - waitStart;
    recovery = await send(api);
    if (recovery.status < 200 || recovery.status >= 300) {
      problems.push(
        `after waiting the Retry-After of ${fmtS(retryAfterMs)} (${fmtS(waitedMs)} in all), the next request still got ${recovery.status} ${quoteExcerpt(recovery.text, 100)}: Retry-After must say when a request will succeed`,
      );
    }
  } else {
    // No Retry-After and none required: poll with backoff to see that the limit lifts within maxWait.
    const polled = await poll(api, opts.maxWait);
    recovery = polled.res;
    waitedMs = polled.waitedMs;
    if (recovery.status < 200 || recovery.status >= 300) {
      problems.push(
        `no Retry-After, and the limit did not lift within maxWait ${fmtS(opts.maxWait)} (last answer ${recovery.status})`,
      );
    }
  }

  const metrics: Record<string, number> = {
    requests_sent: sent,
    first_429_answer: firstAnswer,
    time_to_first_429_ms: Math.round(firstMs),
    ...(retryAfterMs === undefined ? {} : { retry_after_s: retryAfterMs / 1000 }),
    ...(recovery ? { recovery_status: recovery.status, waited_ms: Math.round(waitedMs) } : {}),
  };
  const details = {
    statuses: Object.fromEntries(statuses),
    retryAfter: header ?? null,
    ...(recovery
      ? {
          recovery: { status: recovery.status, waitedMs: Math.round(waitedMs), curl: recovery.evidence.curl },
        }
      : {}),
  };
  const evidence = scrub(api, { ...first.res.evidence, details });
  const summary = `first 429 was answer ${firstAnswer} of ${plural(sent, 'request')} sent (${opts.concurrency} at a time), ${fmtS(firstMs)} into the burst (answers: ${seen})`;
  if (problems.length) {
    return { status: 'fail', message: `${problems.join('; ')} [${summary}]`, metrics, evidence };
  }
  const retry = header === undefined ? 'no Retry-After' : `Retry-After ${JSON.stringify(header)}`;
  return {
    status: 'pass',
    message: `${summary}; ${retry}; after waiting ${fmtS(waitedMs)} the next request got ${recovery?.status}`,
    metrics,
    evidence,
  };
};

/** The valid request, retries off: a 429 must be seen, not retried. */
function send(api: ApiContext): Promise<RawResponse> {
  const { method, path, body, headers } = api.request;
  return api.target.client.request(method, path, body, {
    headers,
    retry: { maxRetries: 0 },
    signal: api.ctx.signal,
  });
}

async function poll(api: ApiContext, maxWaitMs: number): Promise<{ res: RawResponse; waitedMs: number }> {
  const start = performance.now();
  let delay = 250;
  for (;;) {
    await sleep(delay, api.ctx.signal);
    const res = await send(api);
    const waitedMs = performance.now() - start;
    if ((res.status >= 200 && res.status < 300) || waitedMs + delay * 2 > maxWaitMs) return { res, waitedMs };
    delay = Math.min(delay * 2, 4000);
  }
}

/** Retry-After as milliseconds: whole (or decimal) seconds, or an HTTP date; undefined when it is neither. */
export function parseRetryAfterValue(value: string, now = Date.now()): number | undefined {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  // An HTTP date starts with its day ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would take "1 2".
  if (!/^[A-Za-z]{3,9},? /.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function fmtS(ms: number): string {
  return `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}
