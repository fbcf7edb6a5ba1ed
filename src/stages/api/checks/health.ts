/**
 * health: GETs each configured endpoint at the target's origin (`/health`, `/stats`, ...) and checks the
 * status, that the body is JSON, that each dotted field is there and each `equals` value matches. Every
 * problem of every endpoint is reported, each prefixed with its endpoint.
 */
import type { ApiChecks } from '../../../config/stages/api.js';
import type { HttpEvidence } from '../../../run/events.js';
import { TargetError } from '../../../target/index.js';
import { judge } from '../../smoke/common.js';
import { getAt, jsonEqual, parsePath, preview } from '../bodies.js';
import type { ApiCheck } from '../common.js';
import { describeStatuses, statusIn } from '../security.js';

type Endpoint = NonNullable<ApiChecks['health']>['endpoints'][number];

export const healthCheck: ApiCheck<'health'> = async (api, opts) => {
  const { client } = api.target;
  const problems: string[] = [];
  const endpoints: Record<string, unknown>[] = [];
  let evidence: HttpEvidence | undefined;
  let failed = false;
  const list: Endpoint[] = opts.endpoints;
  for (const ep of list) {
    const url = `${api.origin}${ep.path}`;
    const found: string[] = [];
    let status: number | undefined;
    let ms: number | undefined;
    let exchange: HttpEvidence | undefined;
    try {
      // A health probe reports what it sees: a 503 retried into a 200 would hide the outage.
      const res = await client.request('GET', url, undefined, {
        signal: api.ctx.signal,
        retry: { maxRetries: 0 },
      });
      status = res.status;
      ms = res.timings.endMs;
      exchange = res.evidence;
      // What came back as evidence keeps it: redacted, in case the server echoes a key.
      const seen = res.evidence.response?.excerpt ?? '';
      if (!statusIn(res.status, ep.status))
        found.push(
          `answered ${res.status}, expected ${describeStatuses(ep.status)} (body ${preview(seen.slice(0, 200), 120)})`,
        );
      if (res.json === undefined) {
        found.push(
          `the body is not JSON (content-type ${res.headers['content-type'] ?? 'missing'}): ${preview(seen.slice(0, 120))}`,
        );
      } else {
        for (const field of ep.fields) {
          if (!getAt(res.json, parsePath(field)).found) found.push(`field "${field}" is missing`);
        }
        for (const [field, want] of Object.entries(ep.equals)) {
          const got = getAt(res.json, parsePath(field));
          if (!got.found) found.push(`field "${field}" is missing, expected ${preview(want, 60)}`);
          else if (!jsonEqual(got.value, want))
            found.push(`field "${field}" is ${preview(got.value, 60)}, expected ${preview(want, 60)}`);
        }
      }
    } catch (err) {
      if (!(err instanceof TargetError) || api.ctx.signal.aborted) throw err;
      found.push(`no answer: ${err.message}`);
      exchange = err.evidence;
    }
    problems.push(...found.map((p) => `GET ${ep.path}: ${p}`));
    endpoints.push({ path: ep.path, url, status: status ?? null, ms: ms ?? null, problems: found });
    if (ms !== undefined) api.ctx.metric('api.health_ms', 'trend', ms, { path: ep.path });
    if (found.length > 0 && !failed) {
      evidence = exchange;
      failed = true;
    }
    evidence ??= exchange;
  }
  const paths = list.map((e) => e.path).join(', ');
  const outcome = judge(problems, `${paths} answered as expected`, {
    evidence: { ...(evidence ?? {}), details: { endpoints } },
  });
  if (outcome.status === 'fail')
    outcome.message += `. Health endpoints are read at the target's origin (${api.origin}), not under its baseUrl`;
  return outcome;
};
