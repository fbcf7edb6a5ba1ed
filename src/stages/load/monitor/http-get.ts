/**
 * One bounded GET for the health probe and the metrics scraper: a time limit, a stop signal, and an
 * outcome instead of an exception, because a monitor counts failures and never throws them.
 */
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { describeNetFailure } from '../../../target/net-errors.js';

/** What one GET came to; `aborted` means the monitor stopped, which is not the target's fault. */
export type GetOutcome =
  | { kind: 'ok'; status: number; text: string }
  | { kind: 'failed'; error: string }
  | { kind: 'aborted' };

export interface GetOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Aborts when the monitor stops. */
  signal: AbortSignal;
  headers?: Record<string, string>;
  /** Read the body as text (scraper) or throw it away (probe). */
  readBody: boolean;
}

/** GETs `url`; a 2xx whose body arrived in time is ok, anything else is a failure in words. */
export async function httpGet(url: string, opts: GetOptions): Promise<GetOutcome> {
  const timeout = AbortSignal.timeout(Math.max(1, Math.round(opts.timeoutMs)));
  const signal = AbortSignal.any([opts.signal, timeout]);
  try {
    const res = await request(url, { dispatcher: opts.dispatcher, signal, headers: opts.headers });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      return { kind: 'failed', error: `HTTP ${res.statusCode}` };
    }
    if (!opts.readBody) {
      await res.body.dump();
      return { kind: 'ok', status: res.statusCode, text: '' };
    }
    return { kind: 'ok', status: res.statusCode, text: await res.body.text() };
  } catch (err) {
    if (opts.signal.aborted) return { kind: 'aborted' };
    if (timeout.aborted)
      return { kind: 'failed', error: `no answer within ${Math.round(opts.timeoutMs)} ms` };
    return { kind: 'failed', error: describeNetFailure(err).reason };
  }
}
