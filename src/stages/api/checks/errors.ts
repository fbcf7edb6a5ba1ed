/**
 * errors: provokes the errors every OpenAI client handles (400 invalid body, 404 unknown path and unknown
 * model, 401 wrong key when the target has one) and checks each answer: the expected status, a JSON content
 * type, the `{error: {message, type, param, code}}` body, and a status that agrees with the body.
 */
import type { HttpEvidence } from '../../../run/events.js';
import type { RawResponse } from '../../../target/index.js';
import { judge } from '../../smoke/common.js';
import type { ApiCheck, ApiContext } from '../common.js';
import { errorBodyProblems, isJsonContentType, statusBodyMismatch } from '../error-body.js';
import { probeClient, withLiteralCredential } from '../security.js';

const WRONG_KEY = 'sk-gauntlet-wrong-key-0000';
// A 5xx or a 429 must be seen as it came, not retried into something else.
const NO_RETRY = { maxRetries: 0 };

interface Probe {
  name: string;
  expect: number;
  send: () => Promise<RawResponse>;
  /** Fixes up the evidence (a made-up key shown literally). */
  evidence?: (e: HttpEvidence) => HttpEvidence;
}

function probes(api: ApiContext, close: (c: { close(): Promise<void> }) => void): Probe[] {
  const { client, model, config } = api.target;
  const signal = api.ctx.signal;
  const chat = { model, messages: [{ role: 'user', content: 'Say hello in one word.' }], max_tokens: 8 };
  const list: Probe[] = [
    {
      name: '400 invalid body (messages is a string, not an array)',
      expect: 400,
      send: () =>
        client.request(
          'POST',
          '/chat/completions',
          { ...chat, messages: 'Say hello.' },
          { signal, retry: NO_RETRY },
        ),
    },
    {
      name: '404 unknown path',
      expect: 404,
      send: () => client.request('GET', '/gauntlet-no-such-endpoint', undefined, { signal, retry: NO_RETRY }),
    },
    {
      name: '404 unknown model',
      expect: 404,
      send: () =>
        client.request(
          'POST',
          '/chat/completions',
          { ...chat, model: 'gauntlet-no-such-model' },
          { signal, retry: NO_RETRY },
        ),
    },
  ];
  if (config.apiKey) {
    const probe = probeClient(api);
    close(probe);
    list.push({
      name: '401 wrong API key',
      expect: 401,
      send: () =>
        probe.request('GET', '/models', undefined, {
          signal,
          headers: { authorization: `Bearer ${WRONG_KEY}` },
        }),
      evidence: (e) => withLiteralCredential(e, 'authorization', `Bearer ${WRONG_KEY}`),
    });
  }
  return list;
}

/** The body as the evidence keeps it: redacted, in case the server echoes a key. */
function seen(res: RawResponse): string {
  return res.evidence.response?.excerpt ?? '';
}

/** What is wrong with one probe's answer. */
function judgeProbe(probe: Probe, res: RawResponse): string[] {
  const problems: string[] = [];
  const mismatch = statusBodyMismatch(res.status, res.json);
  // A wrong key that is accepted is the auth check's finding; here there is simply no 401 to judge.
  if (probe.expect === 401 && res.status < 300 && !mismatch) return [];
  if (res.status !== probe.expect) {
    const why =
      res.status >= 500 ? ' (a server error: the handler failed instead of rejecting the request)' : '';
    problems.push(
      mismatch
        ? `${mismatch}; expected ${probe.expect}`
        : `answered ${res.status}, expected ${probe.expect}${why}`,
    );
  } else if (mismatch) problems.push(mismatch);
  if (res.status >= 400) {
    const type = res.headers['content-type'];
    if (!isJsonContentType(type))
      problems.push(`content-type is ${type ? JSON.stringify(type) : 'missing'}, expected application/json`);
    problems.push(...errorBodyProblems(res.json, seen(res)));
  }
  return problems;
}

export const errorsCheck: ApiCheck<'errors'> = async (api) => {
  const clients: { close(): Promise<void> }[] = [];
  const list = probes(api, (c) => clients.push(c));
  const problems: string[] = [];
  const answers: Record<string, unknown>[] = [];
  let evidence: HttpEvidence | undefined;
  let failed = false;
  try {
    for (const probe of list) {
      const res = await probe.send();
      const fix = probe.evidence ?? ((e: HttpEvidence) => e);
      const found = judgeProbe(probe, res);
      problems.push(...found.map((p) => `${probe.name}: ${p}`));
      answers.push({
        probe: probe.name,
        status: res.status,
        contentType: res.headers['content-type'] ?? null,
        body: seen(res).slice(0, 300),
        problems: found,
        curl: fix(res.evidence).curl,
      });
      // The first failing probe is the evidence; with none failing, the first probe.
      if (found.length > 0 && !failed) {
        evidence = fix(res.evidence);
        failed = true;
      }
      evidence ??= fix(res.evidence);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  const names = list.map((p) => p.expect).join(', ');
  const outcome = judge(
    problems,
    `${list.length} provoked errors (${names}) have the OpenAI shape and status`,
    {
      evidence: { ...(evidence ?? {}), details: { probes: answers } },
    },
  );
  if (outcome.status === 'fail')
    outcome.message +=
      '. OpenAI clients need {"error": {"message", "type", "param", "code"}} under the matching 4xx status';
  return outcome;
};
