/**
 * Verifies one contract interaction against the provider: sets up its provider states, sends the request
 * as the contract writes it, and matches status, headers and body.
 */
import type { Contract, ContractInteraction } from '../../../config/contract-file.js';
import type { HttpEvidence } from '../../../run/events.js';
import type { OpenAIClient } from '../../../target/index.js';
import { type Mismatch, matchBody, matchHeaders, show } from './match.js';

export interface InteractionResult {
  description: string;
  /** `GET /models/123`, for messages. */
  request: string;
  /** pass; fail (mismatches); skip (a provider state could not be set up, or the request failed). */
  status: 'pass' | 'fail' | 'skip';
  mismatches: Mismatch[];
  /** Why the interaction could not be verified. */
  error?: string;
  /** Provider states named but not set up, because the check has no `setupUrl`. */
  statesIgnored: number;
  statesSetUp: number;
  evidence?: HttpEvidence;
}

export interface VerifyOptions {
  client: OpenAIClient;
  signal: AbortSignal;
  setupUrl?: string;
}

/** Runs one interaction; never throws for what the provider does (an abort still propagates). */
export async function verifyInteraction(
  contract: Contract,
  it: ContractInteraction,
  opts: VerifyOptions,
): Promise<InteractionResult> {
  const target = it.request.query ? `${it.request.path}?${it.request.query}` : it.request.path;
  const base = {
    description: it.description,
    request: `${it.request.method} ${target}`,
    mismatches: [] as Mismatch[],
    statesIgnored: opts.setupUrl ? 0 : it.states.length,
    statesSetUp: 0,
  };
  if (opts.setupUrl) {
    for (const state of it.states) {
      const failure = await setUpState(contract, state, opts.setupUrl, opts);
      if (failure) return { ...base, status: 'skip', error: failure.error, evidence: failure.evidence };
      base.statesSetUp++;
    }
  }
  let res: Awaited<ReturnType<OpenAIClient['request']>>;
  try {
    res = await opts.client.request(it.request.method, target, it.request.body, {
      signal: opts.signal,
      headers: it.request.headers,
    });
  } catch (err) {
    if (opts.signal.aborted) throw err;
    const e = err as Error & { evidence?: HttpEvidence };
    return {
      ...base,
      status: 'skip',
      error: `the request failed: ${e.message.split('\n')[0]}`,
      ...(e.evidence ? { evidence: e.evidence } : {}),
    };
  }
  const mismatches: Mismatch[] = [];
  if (res.status !== it.response.status)
    mismatches.push({ path: 'status', expected: String(it.response.status), actual: String(res.status) });
  mismatches.push(...matchHeaders(it.response.headers, res.headers, it.response.headerRules));
  if (it.response.body !== undefined) {
    const expected = it.response.body;
    const actual = res.json !== undefined ? res.json : res.text === '' ? undefined : res.text;
    if (actual === undefined) {
      mismatches.push({ path: 'body', expected: show(expected), actual: 'an empty body' });
    } else if (typeof expected === 'object' && expected !== null && res.json === undefined) {
      mismatches.push({
        path: 'body',
        expected: 'a JSON body',
        actual: `${res.headers['content-type'] ?? 'no content-type'}: ${show(res.text)}`,
      });
    } else {
      mismatches.push(...matchBody(expected, actual, it.response.bodyRules));
    }
  }
  return {
    ...base,
    status: mismatches.length === 0 ? 'pass' : 'fail',
    mismatches,
    evidence: res.evidence,
  };
}

/** POSTs `{ consumer, state, params, action: 'setup' }` as Pact verifiers do; says why it failed, if it did. */
async function setUpState(
  contract: Contract,
  state: ContractInteraction['states'][number],
  setupUrl: string,
  opts: VerifyOptions,
): Promise<{ error: string; evidence?: HttpEvidence } | undefined> {
  const body = {
    consumer: contract.consumer,
    state: state.name,
    params: state.params ?? {},
    action: 'setup',
  };
  const what = `provider state "${state.name}" could not be set up`;
  try {
    const res = await opts.client.request('POST', setupUrl, body, { signal: opts.signal });
    if (res.status >= 200 && res.status < 300) return undefined;
    return {
      error: `${what}: POST ${setupUrl} answered ${res.status} ${show(res.text, 120)}; the interaction was not run`,
      evidence: res.evidence,
    };
  } catch (err) {
    if (opts.signal.aborted) throw err;
    const e = err as Error & { evidence?: HttpEvidence };
    return {
      error: `${what}: POST ${setupUrl} failed: ${e.message.split('\n')[0]}; the interaction was not run`,
      ...(e.evidence ? { evidence: e.evidence } : {}),
    };
  }
}
