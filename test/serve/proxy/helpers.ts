/**
 * Shared pieces of the proxy tests: a small upstream that records when each request and body byte
 * arrived, a proxy per test, and clients that time what they receive (raw sockets for byte-exact checks,
 * node:http for status and headers).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { afterEach } from 'vitest';
import type { Fault } from '../../../src/config/faults.js';
import { type FaultProxy, type FaultProxyOptions, startFaultProxy } from '../../../src/serve/proxy/index.js';

/** A fault with its defaults filled in, for `proxy.add`. */
export function fault(f: Partial<Fault> & Pick<Fault, 'type'>): Fault {
  return { toxicity: 1, direction: 'downstream', ...f } as Fault;
}

/** What the test upstream saw of one request. */
export interface Seen {
  path: string;
  at: number;
  bodyBytes: number;
  firstBodyAt?: number;
  lastBodyAt?: number;
  complete: boolean;
  body: string;
}

/** The SSE the test upstream streams at /stream: irregular chunks, multi-byte text, a split event. */
export const streamParts = [
  'data: {"n":1,"text":"héllo"}\n\n',
  'data: {"n":2,"text":"wörld 🌍"}\n\ndata: {"n":3,',
  '"text":"split"}\n\n',
  ': a comment\n\n',
  'data: {"n":4,"text":"last"}\n\n',
  'data: [DONE]\n\n',
];

/** A deterministic body of `n` bytes. */
export function pattern(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

export interface Upstream {
  url: string;
  seen: Seen[];
  connections: number;
  close(): Promise<void>;
}

/**
 * GET /bytes?n=N answers N pattern bytes with Content-Length; GET /stream the SSE above, 30 ms between
 * parts; POST /echo reads the body and answers JSON; GET /json a small JSON document.
 */
export async function startUpstream(): Promise<Upstream> {
  const up: Upstream = { url: '', seen: [], connections: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const seen: Seen = {
      path: req.url ?? '',
      at: performance.now(),
      bodyBytes: 0,
      complete: false,
      body: '',
    };
    up.seen.push(seen);
    req.on('data', (d: Buffer) => {
      seen.firstBodyAt ??= performance.now();
      seen.lastBodyAt = performance.now();
      seen.bodyBytes += d.length;
      if (seen.body.length < 10_000) seen.body += d.toString('utf8');
    });
    req.on('end', async () => {
      seen.complete = true;
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/bytes') {
        const body = pattern(Number(url.searchParams.get('n') ?? '0'));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      } else if (url.pathname === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const part of streamParts) {
          if (res.destroyed) return;
          res.write(part);
          await new Promise((r) => setTimeout(r, 30));
        }
        res.end();
      } else if (url.pathname === '/json') {
        const body = JSON.stringify({ object: 'list', data: [{ id: 'a' }, { id: 'b' }] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } else {
        const body = JSON.stringify({ received: seen.bodyBytes });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      }
    });
  });
  server.on('connection', () => up.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  up.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  up.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return up;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A test upstream closed after the test. */
export async function upstream(): Promise<Upstream> {
  const up = await startUpstream();
  open.push(up);
  return up;
}

/** A proxy in front of `up`, closed after the test. */
export async function proxyTo(
  up: { url: string },
  opts: Partial<FaultProxyOptions> = {},
): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ upstream: up.url, seed: 1, ...opts });
  open.push(proxy);
  return proxy;
}

/** What a raw client received: every chunk with its arrival time, and how the connection ended. */
export interface RawResult {
  sentAt: number;
  chunks: { at: number; size: number }[];
  data: Buffer;
  /** `end` (FIN), an error code (ECONNRESET), or `timeout` (the test gave up waiting). */
  ended: string;
  endedAt: number;
}

/** Sends `payload` on a fresh connection and collects what comes back until the connection ends. */
export function raw(
  port: number,
  payload: string | Buffer,
  opts: { waitMs?: number } = {},
): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const result: RawResult = { sentAt: 0, chunks: [], data: Buffer.alloc(0), ended: '', endedAt: 0 };
    const parts: Buffer[] = [];
    const finish = (how: string) => {
      if (result.ended) return;
      clearTimeout(timer);
      result.ended = how;
      result.endedAt = performance.now();
      result.data = Buffer.concat(parts);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish('timeout'), opts.waitMs ?? 10_000);
    socket.on('connect', () => {
      result.sentAt = performance.now();
      socket.write(payload);
    });
    socket.on('data', (d: Buffer) => {
      result.chunks.push({ at: performance.now(), size: d.length });
      parts.push(d);
    });
    socket.on('end', () => finish('end'));
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
    socket.on('close', () => finish('close'));
  });
}

/** An HTTP/1.1 GET as a client writes it; `close` asks the server to close after answering. */
export function getRequest(path: string, close = true): string {
  return `GET ${path} HTTP/1.1\r\nHost: test\r\n${close ? 'Connection: close\r\n' : ''}\r\n`;
}

/** What a timed node:http request saw. */
export interface Timed {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sentAt: number;
  /** When the status line and headers arrived (TTFB), ms after sending. */
  ttfb: number;
  /** When the body ended, ms after sending. */
  total: number;
}

/** One request on a fresh connection (no agent), timed. */
export function timed(
  url: string,
  opts: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    const req = httpRequest(
      url,
      { method: opts.method ?? 'GET', agent: false, headers: opts.headers },
      (res) => {
        const ttfb = performance.now() - sentAt;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
            sentAt,
            ttfb,
            total: performance.now() - sentAt,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
