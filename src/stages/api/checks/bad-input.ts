/**
 * bad_input: sends every built-in and user case derived from the valid request; each must get an accepted
 * status (default any 4xx) and never a 5xx, and afterwards the valid request must still succeed. Every
 * failing case is reported with its name, status and curl line; the first one is the evidence.
 */
import type { HttpEvidence } from '../../../run/events.js';
import { type RawResponse, shellQuote, TargetError } from '../../../target/index.js';
import { judge } from '../../smoke/common.js';
import { type BadInputCase, builtinCases, FILLER_UNIT, userCases } from '../bad-input-cases.js';
import { preview } from '../bodies.js';
import type { ApiCheck, ApiContext } from '../common.js';
import { describeStatuses, statusIn } from '../security.js';

// A 5xx must be seen as it came; a 429 is waited out (it says nothing about the body).
const RETRY = { retryOn: [429] };

interface Sent {
  status?: number;
  error?: string;
  evidence?: HttpEvidence;
}

/** Sends one case; a transport failure (reset, timeout) becomes `error` rather than ending the check. */
async function send(api: ApiContext, c: BadInputCase): Promise<Sent> {
  const { method, path, headers } = api.request;
  const payload = c.raw ?? (typeof c.body === 'string' ? JSON.stringify(c.body) : c.body);
  const callHeaders = { ...headers, ...(c.contentType ? { 'content-type': c.contentType } : {}) };
  try {
    const res: RawResponse = await api.target.client.request(method, path, payload, {
      signal: api.ctx.signal,
      headers: callHeaders,
      retry: RETRY,
    });
    return { status: res.status, evidence: slim(res.evidence, c) };
  } catch (err) {
    if (!(err instanceof TargetError) || api.ctx.signal.aborted) throw err;
    return { error: err.message, ...(err.evidence ? { evidence: slim(err.evidence, c) } : {}) };
  }
}

/** An oversized body is described, not stored, and its curl line rebuilds it through a pipe. */
function slim(evidence: HttpEvidence, c: BadInputCase): HttpEvidence {
  if (!c.oversize) return evidence;
  const { prefix, fillerBytes, suffix } = c.oversize;
  const curl = evidence.curl ?? '';
  const at = curl.lastIndexOf(' --data-raw ');
  const head = at === -1 ? curl : curl.slice(0, at);
  const unit = FILLER_UNIT.trim();
  const rebuilt =
    `{ printf '%s' ${shellQuote(prefix)}; yes ${shellQuote(unit)} | tr '\\n' ' ' | head -c ${fillerBytes}; ` +
    `printf '%s' ${shellQuote(suffix)}; } | ${head} --data-binary @-`;
  return {
    ...evidence,
    ...(evidence.request
      ? {
          request: {
            ...evidence.request,
            body: `${preview(prefix, 200)} + ${fillerBytes} bytes of ${JSON.stringify(FILLER_UNIT)} + ${preview(suffix, 200)}`,
          },
        }
      : {}),
    curl: rebuilt,
  };
}

/** Why a case's answer is not acceptable, or undefined when it is. */
function verdict(c: BadInputCase, sent: Sent): string | undefined {
  if (sent.status === undefined) return `no response: ${sent.error ?? 'unknown error'}`;
  const s = sent.status;
  if (s >= 500 && !(c.userExpect && statusIn(s, c.expect)))
    return `got ${s}, a server error (expected ${describeStatuses(c.expect)})`;
  if (!statusIn(s, c.expect))
    return s < 300
      ? `got ${s}: the server accepted it (expected ${describeStatuses(c.expect)})`
      : `got ${s} (expected ${describeStatuses(c.expect)})`;
  return undefined;
}

export const badInputCheck: ApiCheck<'bad_input'> = async (api, opts) => {
  const valid = api.request.body;
  const cases = [
    ...(opts.builtins ? builtinCases(valid, api.openai, opts) : []),
    ...userCases(valid, opts.cases),
  ];
  if (cases.length === 0) {
    return {
      status: 'skip',
      message: 'no bad inputs to send: the request has no JSON body to vary and no `cases` are listed',
    };
  }
  const failures: { name: string; status: number | null; problem: string; curl?: string }[] = [];
  const results: { name: string; status: number | null }[] = [];
  const statuses = new Map<string, number>();
  let evidence: HttpEvidence | undefined;
  for (const c of cases) {
    const sent = await send(api, c);
    const label = sent.status === undefined ? 'no response' : String(sent.status);
    statuses.set(label, (statuses.get(label) ?? 0) + 1);
    results.push({ name: c.name, status: sent.status ?? null });
    const problem = verdict(c, sent);
    if (!problem) continue;
    failures.push({
      name: c.name,
      status: sent.status ?? null,
      problem,
      ...(sent.evidence?.curl ? { curl: sent.evidence.curl } : {}),
    });
    evidence ??= sent.evidence;
  }

  // The server must still answer the valid request after all of that.
  const { method, path } = api.request;
  const after = await send(api, { name: 'the valid request', body: valid, expect: '2xx', userExpect: true });
  const recovered = after.status !== undefined && after.status >= 200 && after.status < 300;
  const problems = failures.map((f) => `"${f.name}" ${f.problem}`);
  if (!recovered) {
    problems.push(
      `after the bad inputs the valid ${method} ${path} ${after.status === undefined ? `got no response (${after.error})` : `got ${after.status}`}, expected 2xx: the server did not recover`,
    );
    evidence ??= after.evidence;
  }
  const counts = [...statuses].map(([s, n]) => `${s} ×${n}`).join(', ');
  const details = { cases: results, failures, statuses: Object.fromEntries(statuses) };
  const outcome = judge(
    problems,
    `${cases.length} bad inputs rejected (${counts}), none got a 5xx; the valid request still succeeds`,
    {
      evidence: { ...(evidence ?? after.evidence ?? {}), details },
      metrics: { cases: cases.length, failed: failures.length },
    },
  );
  if (outcome.status === 'fail') {
    const head =
      failures.length === 0
        ? `all ${cases.length} bad inputs were rejected, but`
        : `${failures.length} of ${cases.length} bad inputs not rejected as expected:`;
    const crashed = failures.some((f) => f.status !== null && f.status >= 500);
    const hint = crashed
      ? 'A 5xx means the input crashed the handler: validate the body before it reaches the model and answer 4xx saying what is wrong'
      : 'Validate the body before it reaches the model and answer 4xx saying what is wrong';
    outcome.message = `${head} ${problems.join('; ')}. ${hint}; every failing case's curl line is in the evidence`;
  }
  return outcome;
};
