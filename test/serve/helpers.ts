/** Shared helpers for the serve tests: a server per test file, JSON posts, and an SSE reader. */
import { afterAll } from 'vitest';
import { type ServeOptions, startServer } from '../../src/serve/index.js';

export const MODEL = 'gauntlet-sim';

// Response bodies are checked field by field with assertions; a static type would only repeat them.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any;

/** The JSON body of a response, untyped for assertions. */
export async function readJson(res: Response): Promise<Json> {
  return res.json();
}

/** A started server plus request helpers bound to it. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  chat(body: Record<string, unknown>): Promise<Response>;
  json(path: string, body: unknown): Promise<{ status: number; body: Json; headers: Headers }>;
}

/** Starts a server with fast defaults and closes it after the file's tests. */
export async function serve(opts: ServeOptions = {}): Promise<TestServer> {
  const server = await startServer({ seed: 7, ...opts });
  afterAll(() => server.close());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    url: server.url,
    close: server.close,
    post,
    chat: (body) => post('/v1/chat/completions', { model: MODEL, ...body }),
    async json(path, body) {
      const res = await post(path, body);
      return { status: res.status, body: await readJson(res), headers: res.headers };
    },
  };
}

/** A chat body asking `content` as the only user message. */
export function ask(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: MODEL, messages: [{ role: 'user', content }], ...extra };
}

/** Splits an SSE body into its `data:` payloads, checking the framing on the way. */
export function sseEvents(text: string): string[] {
  if (!text.endsWith('\n\n'))
    throw new Error(`stream does not end with a blank line: ${JSON.stringify(text.slice(-20))}`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n')) throw new Error(`bad SSE frame: ${frame}`);
      return frame.slice('data: '.length);
    });
}

/** The JSON chunks of a stream (everything but `[DONE]`). */
export function sseChunks(text: string): Json[] {
  return sseEvents(text)
    .filter((e) => e !== '[DONE]')
    .map((e) => JSON.parse(e));
}

/** The text a client reassembles from chat or completion chunks, per choice index. */
export function streamedText(chunks: Json[], index = 0): string {
  return chunks
    .flatMap((c) => c.choices)
    .filter((c) => c.index === index)
    .map((c) => c.delta?.content ?? c.text ?? '')
    .join('');
}
