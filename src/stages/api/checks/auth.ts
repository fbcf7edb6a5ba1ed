/**
 * auth: the valid request without credentials, with a made-up key and with malformed Authorization headers
 * must be refused (401 by default; gateways often answer 403, hence `expect`), the valid key must be
 * accepted, and no answer may echo the credential it was sent: a key pasted without "Bearer " would end up
 * in every log and error page that shows the body. Probes go through a client that never holds the real
 * key, so a refusal's evidence cannot carry it; made-up credentials are shown literally so the curl line
 * reproduces the probe.
 */
import { randomBytes } from 'node:crypto';
import type { HttpEvidence } from '../../../run/events.js';
import { isSecretHeader, type RawResponse } from '../../../target/index.js';
import type { CheckOutcome } from '../../types.js';
import type { ApiCheck, ApiContext } from '../common.js';
import {
  describeStatuses,
  plural,
  probeClient,
  quoteExcerpt,
  type Statuses,
  scrub,
  statusIn,
  withLiteralCredential,
} from '../security.js';

type Kind = 'missing' | 'invalid' | 'malformed' | 'valid';

interface Probe {
  label: string;
  kind: Kind;
  /** The Authorization header sent; none for `missing`, the real key (never shown) for `valid`. */
  authorization?: string;
  /** A made-up secret the answer must not contain. */
  echo?: string;
}

interface Seen {
  probe: Probe;
  status: number;
  expected: string;
  problem?: string;
  evidence: HttpEvidence;
}

export const authCheck: ApiCheck<'auth'> = async (api, opts) => {
  const validKey = opts.validKey ?? api.target.config.apiKey ?? bearerInHeaders(api);
  if (!validKey) {
    return {
      status: 'skip',
      message:
        "no valid key to compare refusals with: set the target's `apiKey` (or `checks.auth.validKey`) to a key the server accepts",
    };
  }
  const token = `invalid-key-${randomBytes(12).toString('hex')}`;
  const bare = `sk-gauntlet-${randomBytes(12).toString('hex')}`;
  const basic = Buffer.from(`gauntlet:${token}`).toString('base64');
  const probes: Probe[] = [
    { label: 'no Authorization header', kind: 'missing' },
    {
      label: `an unknown key (Bearer ${token})`,
      kind: 'invalid',
      authorization: `Bearer ${token}`,
      echo: token,
    },
    { label: '"Authorization: InvalidFormat"', kind: 'malformed', authorization: 'InvalidFormat' },
    { label: '"Bearer" with no token', kind: 'malformed', authorization: 'Bearer' },
    { label: 'Basic credentials', kind: 'malformed', authorization: `Basic ${basic}`, echo: basic },
    { label: 'a key without "Bearer "', kind: 'malformed', authorization: bare, echo: bare },
    { label: 'the valid key', kind: 'valid', echo: validKey },
  ];
  const expectOf = (kind: Kind): Statuses => (kind === 'valid' ? '2xx' : opts.expect[kind]);

  const anonymous = probeClient(api);
  const keyed = probeClient(api, validKey);
  const seen: Seen[] = [];
  try {
    for (const probe of probes) {
      const client = probe.kind === 'valid' ? keyed : anonymous;
      const res = await send(api, client, probe);
      const expected = expectOf(probe.kind);
      const problem = judge(probe, res, expected);
      let evidence = res.evidence;
      if (probe.authorization)
        evidence = withLiteralCredential(evidence, 'authorization', probe.authorization);
      seen.push({
        probe,
        status: res.status,
        expected: describeStatuses(expected),
        ...(problem ? { problem } : {}),
        evidence,
      });
    }
  } finally {
    await Promise.all([anonymous.close(), keyed.close()]);
  }
  return scrub(api, outcome(seen), [validKey]);
};

async function send(
  api: ApiContext,
  client: ReturnType<typeof probeClient>,
  probe: Probe,
): Promise<RawResponse> {
  const { method, path, body } = api.request;
  const headers = plainHeaders(api.request.headers);
  if (probe.authorization !== undefined) headers.authorization = probe.authorization;
  return client.request(method, path, body, { headers, signal: api.ctx.signal });
}

function judge(probe: Probe, res: RawResponse, expected: Statuses): string | undefined {
  const problems: string[] = [];
  if (!statusIn(res.status, expected)) {
    problems.push(`got ${res.status}, expected ${describeStatuses(expected)}${hint(probe, res)}`);
  }
  // The valid key in a 2xx would be a leak too, but a completion cannot plausibly contain it by chance.
  if (probe.echo && res.text.includes(probe.echo)) {
    problems.push(
      `the ${res.status} body echoes the ${probe.kind === 'valid' ? 'valid key' : 'credential it was sent'}; an error must not repeat a key, which would reach logs and error pages`,
    );
  }
  return problems.length ? `${probe.label}: ${problems.join('; ')}` : undefined;
}

function hint(probe: Probe, res: RawResponse): string {
  if (probe.kind === 'valid') {
    if (res.status === 401 || res.status === 403)
      return ` (the key was refused: check the target's apiKey or checks.auth.validKey) ${quoteExcerpt(res.text)}`;
    if (res.status === 429) return ' (rate limited: run auth before load, or raise the limit)';
    return ` ${quoteExcerpt(res.text)}`;
  }
  if (res.status >= 200 && res.status < 300)
    return probe.kind === 'missing'
      ? ': the endpoint is open to anyone; if that is intended, drop this check'
      : ': the server accepted a credential it never issued';
  if (res.status >= 500) return ': a bad credential must be refused with a 4xx, not crash the server';
  if (res.status === 401 || res.status === 403)
    return `; if the server means ${res.status}, set checks.auth.expect.${probe.kind}: [${res.status}]`;
  return '';
}

function outcome(seen: Seen[]): CheckOutcome {
  const failed = seen.filter((s) => s.problem);
  const details = {
    probes: seen.map((s) => ({
      probe: s.probe.label,
      kind: s.probe.kind,
      status: s.status,
      expected: s.expected,
      ...(s.problem ? { problem: s.problem } : {}),
      curl: s.evidence.curl,
    })),
  };
  const refused = seen.filter((s) => s.probe.kind !== 'valid');
  const valid = seen.find((s) => s.probe.kind === 'valid');
  if (failed.length === 0) {
    const statuses = [...new Set(refused.map((s) => s.status))].join('/');
    return {
      status: 'pass',
      message: `refused ${plural(refused.length, 'bad credential')} (${statuses}) and accepted the valid key (${valid?.status})`,
      evidence: { ...valid?.evidence, details },
    };
  }
  const first = failed[0] as Seen;
  const head = failed.length === 1 ? '' : `${failed.length} of ${seen.length} probes failed: `;
  return {
    status: 'fail',
    message: `${head}${failed.map((s) => s.problem).join('; ')}`,
    evidence: { ...first.evidence, details },
  };
}

/** The stage request's headers minus any credential, which would defeat the "missing" probe. */
function plainHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isSecretHeader(name)));
}

/** A key given as `headers: { Authorization: Bearer ... }` on the target rather than as apiKey. */
function bearerInHeaders(api: ApiContext): string | undefined {
  for (const [name, value] of Object.entries(api.target.config.headers)) {
    const match = /^authorization$/i.test(name) ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (match) return match[1];
  }
  return undefined;
}
