/** A loopback HTTP server for client tests: one handler per test, every request recorded. */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export interface Loopback {
  baseUrl: string;
  port: number;
  requests: Recorded[];
  /** Distinct TCP connections accepted so far. */
  connections: () => number;
  handle: (handler: Handler) => void;
  close: () => Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0. */
export async function startLoopback(): Promise<Loopback> {
  const requests: Recorded[] = [];
  let handler: Handler = (_req, res) => {
    res.writeHead(500).end('no handler');
  };
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: performance.now(),
      });
      void handler(req, res, body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    port,
    requests,
    connections: () => connections,
    handle: (h) => {
      handler = h;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A fixture's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/sse/${name}`, import.meta.url));
}

/** Writes `data` as SSE in uneven pieces with small pauses, so the client sees many reads. */
export async function writeInPieces(res: ServerResponse, data: Buffer, end = true): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const sizes = [1, 7, 64, 3, 200, 13, 97];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length] ?? 50;
    res.write(data.subarray(at, at + size));
    at += size;
    await new Promise((r) => setTimeout(r, 2));
  }
  if (end) res.end();
}

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const CHAT_COMPLETION = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1732000000,
  model: 'tiny-llama',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
};
