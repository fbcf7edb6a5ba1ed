/**
 * injection: SQL/NoSQL, path traversal and XSS payloads (plus the user's) sent with the valid key
 * (unauthenticated probes would only test the auth layer) to where `where` says:
 *
 * - path: appended as one percent-encoded segment to the request's path (`/chat/completions/<payload>`)
 *   and, for OpenAI targets, as the id of `GET /models/<payload>`. These paths do not exist: a 4xx is
 *   expected, a 2xx means a catch-all route took the payload, a 5xx that the server choked on it.
 * - query: as `q=<payload>` (and as the value of each query parameter the request already has). The path
 *   is valid, so a 2xx is as fine as a 4xx; a 5xx is not.
 * - body: into each string field of the valid body (for OpenAI targets the model and message content,
 *   not the role enum), and JSON-object payloads (`{"$gt": ""}`) also as objects. A prompt may contain
 *   anything, so a 2xx is legitimate; a 5xx is not.
 *
 * What counts as a finding, besides those statuses. A 2xx JSON or SSE answer is the model's output: a
 * completion that repeats `<script>` is the model echoing its prompt, and escaping model text is the job
 * of whoever displays it (see DESIGN.md), so such answers are never searched. Everything else is the
 * server talking (error bodies, HTML pages, plain text), and in it:
 * - reflection: a payload carrying markup (`<` or `>`) appears verbatim in a non-JSON answer (a browser
 *   renders it), or in a string of a JSON error body once parsed (`error.message`: consoles and
 *   dashboards display error messages, often as HTML, and `\u003c` escaping in the JSON text does not
 *   change the message). Echoing the input percent-encoded, escaped, or not at all is fine.
 * - leaks: a stack trace (Node, Python, Java), server file paths (`/node_modules/`), a database error
 *   (`syntax error at or near`, `SQLSTATE`, ...) or /etc/passwd contents, outside the echoed payload.
 *
 * A probe still rate limited after three Retry-After waits is counted as untested, not judged.
 */
import type { HttpEvidence } from '../../../run/events.js';
import type { RawResponse } from '../../../target/index.js';
import type { ApiCheck, ApiContext } from '../common.js';
import {
  allPayloads,
  asObject,
  findLeaks,
  formatPath,
  hasMarkup,
  type Payload,
  setAt,
  stringFields,
  stringValues,
  urlComponent,
} from '../payloads.js';
import { plural, quoteExcerpt, scrub } from '../security.js';

type Where = 'path' | 'query' | 'body';

interface Probe {
  where: Where;
  /** Where exactly: `GET /models/{payload}`, `query q`, `body.messages[0].content`. */
  field: string;
  payload: Payload;
  method: string;
  path: string;
  body: unknown;
}

interface Judged {
  probe: Probe;
  status: number;
  problems: string[];
  untested?: boolean;
  evidence: HttpEvidence;
}

const CONCURRENCY = 4;
const SHOWN = 3;

export const injectionCheck: ApiCheck<'injection'> = async (api, opts) => {
  const probes = buildProbes(api, opts.where, allPayloads(opts.payloads));
  if (probes.length === 0) {
    return {
      status: 'skip',
      message: `nowhere to put payloads: the request has no body and where is [${opts.where.join(', ')}]`,
    };
  }
  const judged = await pool(probes, CONCURRENCY, async (probe) => judge(probe, await send(api, probe)));
  const findings = judged.filter((j) => j.problems.length > 0);
  const untested = judged.filter((j) => j.untested).length;
  const tested = judged.length - untested;
  const details = {
    probes: judged.length,
    untested,
    findings: findings.slice(0, 50).map((f) => ({
      where: f.probe.field,
      payload: f.probe.payload.value,
      kind: f.probe.payload.kind,
      status: f.status,
      problems: f.problems,
      curl: f.evidence.curl,
    })),
    statuses: statusCounts(judged),
  };
  const note = untested ? `; ${untested} still rate limited after retries, untested` : '';
  if (tested === 0) {
    return { status: 'skip', message: `every probe was rate limited (429), nothing was tested${note}` };
  }
  if (findings.length === 0) {
    const kinds = [...new Set(probes.map((p) => p.payload.kind))].join(', ');
    return {
      status: 'pass',
      message: `${plural(tested, 'probe')} (${kinds} payloads in ${opts.where.join(', ')}): no 5xx, path probes refused, nothing reflected or leaked${note}`,
      evidence: scrub(api, { ...judged[0]?.evidence, details }),
    };
  }
  const shown = findings
    .slice(0, SHOWN)
    .map((f) => `${describe(f.probe)} → ${f.status}: ${f.problems.join(', ')}`);
  const more = findings.length > SHOWN ? `; +${findings.length - SHOWN} more in the evidence` : '';
  return {
    status: 'fail',
    message: `${findings.length} of ${plural(tested, 'probe')} failed: ${shown.join('; ')}${more}${note}`,
    evidence: scrub(api, { ...(findings[0] as Judged).evidence, details }),
  };
};

function buildProbes(api: ApiContext, where: readonly Where[], payloads: Payload[]): Probe[] {
  const { method, body } = api.request;
  const [base = '', query] = api.request.path.split(/\?(.*)/s) as [string, string | undefined];
  const trimmed = base.replace(/\/+$/, '');
  const probes: Probe[] = [];
  for (const payload of payloads) {
    const segment = urlComponent(payload.value);
    if (where.includes('path')) {
      probes.push({
        where: 'path',
        field: `${method} ${trimmed}/{payload}`,
        payload,
        method,
        path: `${trimmed}/${segment}`,
        body,
      });
      if (api.openai && trimmed !== '/models') {
        probes.push({
          where: 'path',
          field: 'GET /models/{payload}',
          payload,
          method: 'GET',
          path: `/models/${segment}`,
          body: undefined,
        });
      }
    }
    if (where.includes('query')) {
      const params = query ? query.split('&').filter(Boolean) : [];
      const variants = [{ name: 'q', query: [...params, `q=${segment}`] }];
      params.forEach((param, i) => {
        const name = param.split('=')[0] ?? '';
        variants.push({ name, query: params.map((p, j) => (j === i ? `${name}=${segment}` : p)) });
      });
      for (const v of variants) {
        probes.push({
          where: 'query',
          field: `query ${v.name}`,
          payload,
          method,
          path: `${base}?${v.query.join('&')}`,
          body,
        });
      }
    }
    if (where.includes('body') && body !== null && typeof body === 'object') {
      const object = asObject(payload.value);
      for (const path of stringFields(body, api.openai)) {
        const field = `body.${formatPath(path)}`;
        probes.push({
          where: 'body',
          field,
          payload,
          method,
          path: api.request.path,
          body: setAt(body, path, payload.value),
        });
        if (object) {
          probes.push({
            where: 'body',
            field: `${field} (as an object)`,
            payload,
            method,
            path: api.request.path,
            body: setAt(body, path, object),
          });
        }
      }
    }
  }
  return probes;
}

function send(api: ApiContext, probe: Probe): Promise<RawResponse> {
  return api.target.client.request(probe.method, probe.path, probe.body, {
    headers: api.request.headers,
    // The limiter must not decide the outcome: wait as told and try again, a few times.
    retry: { maxRetries: 3, retryOn: [429] },
    signal: api.ctx.signal,
  });
}

function judge(probe: Probe, res: RawResponse): Judged {
  const base = { probe, status: res.status, evidence: res.evidence };
  if (res.status === 429) return { ...base, problems: [], untested: true };
  const problems: string[] = [];
  if (res.status >= 500) {
    problems.push(
      `a payload must be refused with a 4xx, never crash the server ${quoteExcerpt(res.text, 100)}`,
    );
  } else if (probe.where === 'path' && res.status < 400) {
    problems.push(
      res.status < 300
        ? 'a path that does not exist was answered as if it did (a catch-all route?); expected a 4xx'
        : 'redirected instead of refusing a path that does not exist; expected a 4xx',
    );
  }
  const type = res.headers['content-type'] ?? '';
  const ok = res.status >= 200 && res.status < 300;
  // A 2xx JSON or SSE answer is model output, which may repeat the prompt: see the header comment.
  if (!(ok && /json|event-stream/i.test(type))) {
    const reflection = hasMarkup(probe.payload.value)
      ? reflectedIn(res, type, probe.payload.value)
      : undefined;
    if (reflection) problems.push(reflection);
    for (const leak of findLeaks(res.text, probe.payload.value)) {
      problems.push(`the body leaks ${leak.what} (${JSON.stringify(leak.match)})`);
    }
  }
  return { ...base, problems };
}

function reflectedIn(res: RawResponse, type: string, payload: string): string | undefined {
  if (/[/+]json\b/i.test(type) && res.json !== undefined) {
    const hit = stringValues(res.json).find((s) => s.value.includes(payload));
    return hit
      ? `the JSON error repeats the payload unescaped in ${hit.path}; a page that shows this error runs it: escape or drop the input`
      : undefined;
  }
  if (!res.text.includes(payload)) return undefined;
  return `the ${type ? type.split(';')[0] : 'untyped'} answer reflects the payload unescaped; a browser renders it as markup`;
}

function describe(probe: Probe): string {
  return `${probe.field} ← ${JSON.stringify(probe.payload.value)}`;
}

function statusCounts(judged: Judged[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const j of judged) {
    out[j.probe.where] ??= {};
    const byWhere = out[j.probe.where] as Record<string, number>;
    byWhere[j.status] = (byWhere[j.status] ?? 0) + 1;
  }
  return out;
}

/** Runs `fn` over `items`, `limit` at a time, keeping their order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
