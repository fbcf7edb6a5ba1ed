/**
 * The proxy's HTTP layer: a node:http server that receives what the client sent (after the TCP faults)
 * and forwards each request to the upstream through an undici pool, streaming both bodies without
 * buffering, then applies the HTTP faults drawn for that request:
 *
 * - http_error answers at once with its status, an OpenAI-shaped body and Retry-After; the upstream never
 *   sees the request (direction does not apply).
 * - first_byte_delay downstream holds the response's status line for `delay` after the upstream answered;
 *   upstream, it holds the request for `delay` before forwarding it.
 * - malformed_json downstream cuts a JSON response body in the middle (Content-Length matches the cut
 *   body; Accept-Encoding is not forwarded so the body is plain) or, in an event stream, the JSON of the
 *   first data event; upstream, it cuts a JSON request body.
 * - sse_cut ends a text/event-stream response after `afterEvents` data events, and always before
 *   `data: [DONE]`, by closing the connection with no chunked terminator: what a crashed server leaves.
 *   It does nothing upstream.
 *
 * Faithful when no fault applies: status, headers (but hop-by-hop ones) and body bytes pass unchanged,
 * each chunk is written as it arrives (SSE keeps its timing), and keep-alive is kept on both sides. Host
 * is the upstream's, as a reverse proxy sets it, so https and virtual-host upstreams work.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import {
  badGateway,
  breakEvent,
  breakJson,
  hasData,
  injectedError,
  isDone,
  isEventStream,
  isJson,
  SseSplitter,
} from './bodies.js';
import type { FaultRegistry, HttpFault } from './registry.js';

/** The HTTP layer and how to stop it. */
export interface Forwarder {
  server: Server;
  close(): Promise<void>;
}

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'expect',
]);

type Headers = Record<string, string | string[] | undefined>;

function endToEnd(headers: Headers, drop: string[] = []): Record<string, string | string[]> {
  const listed = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase());
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(headers)) {
    const k = key.toLowerCase();
    if (value === undefined || hopByHop.has(k) || listed.includes(k) || drop.includes(k)) continue;
    out[k] = value;
  }
  return out;
}

/** Creates the HTTP layer forwarding to `upstream` (an origin). */
export function createForwarder(opts: {
  upstream: URL;
  registry: FaultRegistry;
  onRequest(): void;
}): Forwarder {
  const { upstream, registry } = opts;
  // No timeouts of its own: the proxy must not change when a slow upstream fails; a client that gives up
  // aborts its upstream request.
  const pool = new Pool(upstream.origin, { headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    opts.onRequest();
    const all = registry.http().filter((f) => registry.rolls(f));
    const pick = <T extends HttpFault['type']>(type: T, direction?: string) =>
      all.find((f) => f.type === type && (direction === undefined || f.direction === direction)) as
        | Extract<HttpFault, { type: T }>
        | undefined;

    const error = pick('http_error');
    if (error) {
      registry.count(error);
      const { headers, body } = injectedError(error);
      res.writeHead(error.status, { ...headers, 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }

    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });

    const holdRequest = pick('first_byte_delay', 'upstream');
    if (holdRequest) {
      registry.count(holdRequest);
      await sleep(holdRequest.delay, undefined, { signal: abort.signal });
    }

    const breakResponse = pick('malformed_json', 'downstream');
    const cut = pick('sse_cut', 'downstream');
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
    let body: IncomingMessage | Buffer | undefined = hasBody ? req : undefined;
    const drop = breakResponse ? ['accept-encoding'] : [];
    const breakRequest = pick('malformed_json', 'upstream');
    if (breakRequest && hasBody && isJson(req.headers['content-type'])) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      body = Buffer.from(breakJson(Buffer.concat(chunks).toString('utf8')), 'utf8');
      drop.push('content-length');
      registry.count(breakRequest);
    }
    const headers = endToEnd(req.headers, drop);
    if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
    if (!body) delete headers['content-length'];

    let answer: Awaited<ReturnType<Pool['request']>>;
    try {
      answer = await pool.request({
        path: req.url ?? '/',
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: body ?? null,
        signal: abort.signal,
      });
    } catch (err) {
      if (abort.signal.aborted || res.headersSent) return;
      const text = badGateway(upstream.origin, err);
      res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }

    const holdResponse = pick('first_byte_delay', 'downstream');
    if (holdResponse) {
      registry.count(holdResponse);
      await sleep(holdResponse.delay, undefined, { signal: abort.signal });
    }

    const out = endToEnd(answer.headers as Headers);
    const type = String(answer.headers['content-type'] ?? '');
    if (isEventStream(type) && (cut || breakResponse)) {
      res.writeHead(answer.statusCode, out);
      await relaySse(answer.body, res, { cut, broken: breakResponse, registry });
      return;
    }
    if (breakResponse && isJson(type)) {
      const chunks: Buffer[] = [];
      for await (const chunk of answer.body) chunks.push(chunk as Buffer);
      const text = Buffer.from(breakJson(Buffer.concat(chunks).toString('utf8')), 'utf8');
      registry.count(breakResponse);
      res.writeHead(answer.statusCode, { ...out, 'content-length': text.length });
      res.end(text);
      return;
    }
    res.writeHead(answer.statusCode, out);
    await pipeline(answer.body, res);
  }

  const server = createServer({ requestTimeout: 0, headersTimeout: 0 }, (req, res) => {
    handle(req, res).catch(() => {
      // The client left, or the upstream failed mid-body: end the exchange the way it ended.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(badGateway(upstream.origin, new Error('the upstream failed before answering')));
      } else res.destroy();
    });
  });
  // Clients should close idle keep-alive connections before the proxy does, never the other way round.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.destroy();
    },
  };
}

/** Passes an event stream on event by event, breaking the first JSON event or cutting the stream. */
async function relaySse(
  body: AsyncIterable<unknown> & { destroy(): void },
  res: ServerResponse,
  opts: {
    cut: Extract<HttpFault, { type: 'sse_cut' }> | undefined;
    broken: Extract<HttpFault, { type: 'malformed_json' }> | undefined;
    registry: FaultRegistry;
  },
): Promise<void> {
  const { cut, broken, registry } = opts;
  const splitter = new SseSplitter();
  let events = 0;
  let breakNext = broken !== undefined;
  const crash = (text: string) => {
    registry.count(cut as HttpFault);
    body.destroy();
    const socket = res.socket;
    // Everything before the cut is flushed, then the connection ends without the last chunk.
    if (text) res.write(Buffer.from(text, 'latin1'));
    socket?.end(() => socket.destroy());
  };
  if (cut && cut.afterEvents === 0) {
    res.flushHeaders();
    return crash('');
  }
  for await (const chunk of body) {
    let text = '';
    for (const event of splitter.push(chunk as Buffer)) {
      if (cut && isDone(event)) return crash(text);
      let e = event;
      if (breakNext) {
        const b = breakEvent(event);
        if (b !== undefined) {
          e = b;
          breakNext = false;
          registry.count(broken as HttpFault);
        }
      }
      text += e;
      if (hasData(event)) events++;
      if (cut && events >= cut.afterEvents) return crash(text);
    }
    if (text && !res.write(Buffer.from(text, 'latin1'))) {
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  res.end(Buffer.from(splitter.rest(), 'latin1'));
}
