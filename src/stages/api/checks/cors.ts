/**
 * cors: a browser at `origin` can call the API. The preflight (OPTIONS with Origin and the
 * Access-Control-Request-* headers, and no credentials, as browsers send it) must allow the origin, the
 * method and each requested header; the real request with Origin must allow the origin too, or the browser
 * hides the answer from the page. Wildcards follow the Fetch standard: `*` as the origin is fine unless
 * credentials are allowed too (browsers refuse the pair, and "any origin with credentials" is the unsafe
 * configuration people reach for next); `*` in allow-headers never covers Authorization, and no `*` counts
 * as a wildcard when credentials are allowed. The method must be listed even when it is CORS-safelisted:
 * every CORS library does, and an answer that lists it is one a person can read.
 */
import type { HttpEvidence } from '../../../run/events.js';
import type { RawResponse } from '../../../target/index.js';
import type { ApiCheck } from '../common.js';
import { probeClient, scrub } from '../security.js';

export const corsCheck: ApiCheck<'cors'> = async (api, opts) => {
  const path = opts.path ?? api.request.path;
  const method = opts.method.toUpperCase();
  const requested = [...new Set(opts.headers.map((h) => h.trim().toLowerCase()).filter(Boolean))];
  const { origin } = opts;

  const client = probeClient(api);
  let preflight: RawResponse;
  try {
    preflight = await client.request('OPTIONS', path, undefined, {
      headers: {
        origin,
        'access-control-request-method': method,
        ...(requested.length ? { 'access-control-request-headers': requested.join(', ') } : {}),
      },
      signal: api.ctx.signal,
    });
  } finally {
    await client.close();
  }
  const where = `preflight OPTIONS ${path} from ${origin}`;
  const problems = preflightProblems(preflight, { origin, method, requested }).map((p) => `${where}: ${p}`);

  const { request } = api;
  const real = await api.target.client.request(request.method, request.path, request.body, {
    headers: { ...request.headers, origin },
    signal: api.ctx.signal,
  });
  const realProblem = originProblem(real.headers, origin);
  if (realProblem) problems.push(`${request.method} ${request.path} with Origin ${origin}: ${realProblem}`);

  const details = {
    preflight: { status: preflight.status, headers: corsHeaders(preflight.headers) },
    request: { status: real.status, headers: corsHeaders(real.headers) },
  };
  const evidence = (ex: HttpEvidence) => scrub(api, { ...ex, details });
  if (problems.length === 0) {
    return {
      status: 'pass',
      message: `${origin} may call ${method} ${path}: the preflight (${preflight.status}) allows the origin, the method and ${requested.length ? requested.join(', ') : 'no extra headers'}, and the ${real.status} answer allows the origin`,
      evidence: evidence(preflight.evidence),
    };
  }
  return {
    status: 'fail',
    message:
      problems.length === 1 ? (problems[0] as string) : `${problems.length} problems: ${problems.join('; ')}`,
    evidence: evidence(realProblem && problems.length === 1 ? real.evidence : preflight.evidence),
  };
};

function preflightProblems(
  res: RawResponse,
  want: { origin: string; method: string; requested: string[] },
): string[] {
  const h = res.headers;
  if (res.status < 200 || res.status >= 300) {
    const why =
      res.status === 401 || res.status === 403
        ? ': browsers send preflights without credentials, so OPTIONS must be answered before authentication'
        : res.status === 404 || res.status === 405
          ? ': the server does not answer preflights; enable CORS for this origin, or drop this check if browsers never call the API'
          : '';
    const missing =
      h['access-control-allow-origin'] === undefined ? ' and no access-control-allow-origin' : '';
    return [`answered ${res.status}${missing}, expected 200 or 204${why}`];
  }
  const problems: string[] = [];
  const origin = originProblem(h, want.origin);
  if (origin) problems.push(origin);
  const credentials = h['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  const methods = list(h['access-control-allow-methods']);
  const methodOk = methods.includes(want.method.toLowerCase()) || (!credentials && methods.includes('*'));
  if (!methodOk) {
    problems.push(
      `access-control-allow-methods is ${show(h['access-control-allow-methods'])}, without ${want.method}`,
    );
  }
  const allowed = list(h['access-control-allow-headers']);
  const wildcard = !credentials && allowed.includes('*');
  const missing = want.requested.filter(
    (name) => !allowed.includes(name) && !(wildcard && name !== 'authorization'),
  );
  if (missing.length) {
    const star =
      wildcard && missing.includes('authorization')
        ? ' (`*` never covers Authorization: list it by name)'
        : '';
    problems.push(
      `access-control-allow-headers is ${show(h['access-control-allow-headers'])}, without ${missing.join(', ')}${star}; browsers will block requests sending ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }
  return problems;
}

/** What is wrong with the allow-origin (and allow-credentials) headers of an answer to `origin`, if anything. */
function originProblem(h: Record<string, string>, origin: string): string | undefined {
  const allow = h['access-control-allow-origin']?.trim();
  if (allow === undefined || allow === '') {
    return `no access-control-allow-origin in the answer: a browser page at ${origin} cannot read it`;
  }
  const credentials = h['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  if (allow === '*' && credentials) {
    return 'access-control-allow-origin is * together with access-control-allow-credentials: true; browsers refuse that pair, and allowing credentials from any origin is unsafe: answer with the allowed origin itself';
  }
  if (allow !== '*' && allow !== origin) {
    return `access-control-allow-origin is ${show(allow)}, not ${origin} (or *)`;
  }
  return undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

function show(value: string | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

function corsHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}
