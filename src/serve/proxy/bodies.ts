/**
 * What the HTTP faults write: an injected error in OpenAI's shape, JSON broken the way a truncated write
 * breaks it, and SSE split into whole events so a stream can be cut between two of them. SSE is handled
 * as latin1 text, which maps every byte to one character and back: events pass on byte for byte.
 */
import { STATUS_CODES } from 'node:http';
import type { HttpFault } from './registry.js';

type HttpErrorFault = Extract<HttpFault, { type: 'http_error' }>;

/** The status, headers and body an `http_error` fault answers with. */
export function injectedError(fault: HttpErrorFault): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.body !== undefined) {
    headers['content-type'] = parses(fault.body) ? 'application/json' : 'text/plain; charset=utf-8';
    return { headers, body: fault.body };
  }
  headers['content-type'] = 'application/json';
  const { status } = fault;
  const reason = STATUS_CODES[status] ?? 'Error';
  const type =
    status === 429
      ? 'requests'
      : status === 401
        ? 'authentication_error'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error';
  const code = errorCodes[status] ?? null;
  const message = `${reason} (injected by gauntlet proxy fault "${fault.name}")`;
  return { headers, body: JSON.stringify({ error: { message, type, param: null, code } }) };
}

const errorCodes: Record<number, string> = {
  429: 'rate_limit_exceeded',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** A 502 for an upstream that could not be reached, saying which and why. */
export function badGateway(upstream: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const why = e?.code ?? e?.message ?? String(err);
  const message = `gauntlet proxy: the upstream ${upstream} could not be reached (${why}); is it running?`;
  return JSON.stringify({
    error: { message, type: 'server_error', param: null, code: 'upstream_unreachable' },
  });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** True for JSON media types (application/json, application/problem+json, ...). */
export function isJson(contentType: string | undefined): boolean {
  return /^[^;]*[/+]json\s*(;|$)/i.test(contentType ?? '');
}

/** True for a server-sent event stream. */
export function isEventStream(contentType: string | undefined): boolean {
  return /^\s*text\/event-stream\s*(;|$)/i.test(contentType ?? '');
}

/** JSON cut in the middle (never valid JSON, whatever the input): what a truncated write delivers. */
export function breakJson(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed === '') return '{';
  const cut = trimmed.slice(0, Math.ceil(trimmed.length / 2));
  // A prefix of a number or literal can still parse ("12" of "1234").
  return parses(cut) ? `${cut}}` : cut;
}

/** Splits an SSE stream (latin1 text) into whole events, each with its blank line. */
export class SseSplitter {
  private pending = '';

  push(chunk: Buffer): string[] {
    this.pending += chunk.toString('latin1');
    const events: string[] = [];
    const boundary = /\r\n\r\n|\n\n|\r\r/g;
    let start = 0;
    for (let m = boundary.exec(this.pending); m; m = boundary.exec(this.pending)) {
      events.push(this.pending.slice(start, m.index + m[0].length));
      start = m.index + m[0].length;
    }
    this.pending = this.pending.slice(start);
    return events;
  }

  /** What is left after the last whole event. */
  rest(): string {
    return this.pending;
  }
}

const lines = (event: string) => event.split(/\r\n|\n|\r/);

/** True when the event carries data (not only a comment or a field like `retry:`). */
export function hasData(event: string): boolean {
  return lines(event).some((l) => l.startsWith('data:'));
}

/** True for `data: [DONE]`, OpenAI's end of stream. */
export function isDone(event: string): boolean {
  return lines(event).some((l) => /^data: ?\[DONE\]\s*$/.test(l));
}

/** The event with its JSON data cut in the middle, or undefined when its data is not JSON. */
export function breakEvent(event: string): string | undefined {
  const m = /^(data: ?)([{[].*)$/m.exec(event);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const json = Buffer.from(m[2], 'latin1').toString('utf8');
  const broken = Buffer.from(breakJson(json), 'utf8').toString('latin1');
  return event.slice(0, m.index) + m[1] + broken + event.slice(m.index + m[0].length);
}
