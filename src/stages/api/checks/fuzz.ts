/**
 * fuzz: property-based fuzzing with fast-check. `runs` mutated versions of the valid body (see
 * fuzz-bodies.ts), seeded, within `budget`; the property is that the server never answers 5xx and always
 * answers within the target's timeouts. A failure is shrunk to the smallest failing body and reported with
 * the seed, fast-check's counterexample path and a curl line, so the same seed finds the same body again.
 */
import fc from 'fast-check';
import type { HttpEvidence } from '../../../run/events.js';
import { TargetError, TargetTimeoutError } from '../../../target/index.js';
import { preview } from '../bodies.js';
import type { ApiCheck } from '../common.js';
import { applyMutations, describeMutation, type Mutation, mutationsOf } from '../fuzz-bodies.js';

// A 5xx must be seen as it came; a 429 is waited out (rate limiting says nothing about the body).
const RETRY = { retryOn: [429] };

interface Failure {
  reason: string;
  status: number | null;
  evidence?: HttpEvidence;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}

export const fuzzCheck: ApiCheck<'fuzz'> = async (api, opts) => {
  const { method, path, headers, body: valid } = api.request;
  if (valid === undefined) {
    return {
      status: 'skip',
      message: `the request (${method} ${path}) has no JSON body to fuzz; give it a \`body\``,
    };
  }
  const { client, config } = api.target;
  const signal = api.ctx.signal;
  const failures = new Map<string, Failure>();
  const statuses = new Map<string, number>();
  const started = performance.now();
  let sent = 0;
  const property = fc.asyncProperty(mutationsOf(valid), async (mutations: Mutation[]) => {
    const body = applyMutations(valid, mutations);
    const payload = typeof body === 'string' ? JSON.stringify(body) : body;
    sent++;
    let failure: Failure | undefined;
    try {
      const res = await client.request(method, path, payload, { signal, headers, retry: RETRY });
      const label = `${Math.floor(res.status / 100)}xx`;
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
      if (res.status >= 500) {
        const said = (res.json as { error?: { message?: unknown } } | undefined)?.error?.message;
        const text = typeof said === 'string' ? said : (res.evidence.response?.excerpt ?? '');
        failure = {
          reason: `got ${res.status} (${preview(text.slice(0, 200), 120)})`,
          status: res.status,
          evidence: res.evidence,
        };
      }
    } catch (err) {
      if (!(err instanceof TargetError) || signal.aborted) throw err;
      statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
      const reason =
        err instanceof TargetTimeoutError
          ? `got no answer in time: ${err.message}`
          : `got no answer: ${err.message}`;
      failure = { reason, status: null, ...(err.evidence ? { evidence: err.evidence } : {}) };
    }
    if (sent % 10 === 0) api.ctx.progress(performance.now() - started, { bodies: sent }, 'fuzz');
    if (failure) failures.set(JSON.stringify(mutations), failure);
    return failure === undefined;
  });
  const run = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    interruptAfterTimeLimit: opts.budget,
    markInterruptAsFailure: false,
  });
  if (signal.aborted) throw signal.reason;
  const elapsed = performance.now() - started;
  const counts = [...statuses].map(([s, n]) => `${s} ×${n}`).join(', ');
  const metrics = { bodies: sent, runs: run.numRuns, shrinks: run.numShrinks, elapsed_ms: elapsed };
  const limits = `the target's timeouts (first byte ${seconds(config.timeouts.firstByte)}, total ${seconds(config.timeouts.total)})`;
  if (!run.failed) {
    const cut = run.interrupted
      ? `; stopped at the ${seconds(opts.budget)} budget after ${run.numRuns} of ${opts.runs} runs`
      : '';
    return {
      status: 'pass',
      message: `${run.numRuns} fuzzed bodies (seed ${run.seed}) got no 5xx and all answered within ${limits} (${counts})${cut}`,
      metrics,
      evidence: { details: { seed: run.seed, runs: run.numRuns, statuses: Object.fromEntries(statuses) } },
    };
  }
  const mutations = run.counterexample?.[0] ?? [];
  const failure = failures.get(JSON.stringify(mutations));
  // A failure we did not record is an error of the check itself, not a finding about the server.
  if (!failure) throw run.errorInstance ?? new Error('fuzz: fast-check failed without a recorded failure');
  const changes = mutations.map(describeMutation);
  const body = applyMutations(valid, mutations);
  return {
    status: 'fail',
    message:
      `a fuzzed body ${failure.reason}; the smallest failing body (after ${run.numShrinks} shrinks) is the valid one with ${changes.join(', ')}. ` +
      `Found in run ${run.numRuns} of ${opts.runs} with seed ${run.seed}; replay it with fuzz { seed: ${run.seed} } ` +
      `(fast-check path ${run.counterexamplePath}) or the curl line. A bad body must get a 4xx, never a 5xx or a hang`,
    metrics,
    evidence: {
      ...(failure.evidence ?? {}),
      details: {
        seed: run.seed,
        counterexamplePath: run.counterexamplePath,
        numRuns: run.numRuns,
        numShrinks: run.numShrinks,
        mutations: changes,
        body: preview(body, 2000),
        status: failure.status,
        statuses: Object.fromEntries(statuses),
      },
    },
  };
};
