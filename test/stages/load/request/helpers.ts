/** Shared helpers for the sender tests: reference servers closed after the file, bodies, one-shot sends. */
import { afterAll } from 'vitest';
import { type RequestRecord, type ServeOptions, startServer } from '../../../../src/serve/index.js';
import type { LoadRequest, RequestOutcome, Sender } from '../../../../src/stages/load/types.js';
import { OpenAIClient } from '../../../../src/target/index.js';

export const MODEL = 'gauntlet-sim';

/** A reference server (fast, seeded) and a client on it; both closed after the file's tests. */
export async function serveWithClient(
  opts: ServeOptions = {},
): Promise<{ url: string; client: OpenAIClient; close(): Promise<void> }> {
  const server = await startServer({
    seed: 7,
    latency: { ttft: { dist: 'fixed', ms: 5 }, perToken: { dist: 'fixed', ms: 1 } },
    ...opts,
  });
  const client = new OpenAIClient({ baseUrl: `${server.url}/v1` });
  afterAll(async () => {
    await client.close();
    await server.close();
  });
  return { url: server.url, client, close: server.close };
}

/** A chat (or completions) request as a workload builds it. */
export function chatRequest(index: number, extra: Record<string, unknown> = {}, stream = true): LoadRequest {
  return {
    index,
    body: {
      model: MODEL,
      messages: [{ role: 'user', content: 'Write a story about a river.' }],
      max_tokens: 12,
      temperature: 0,
      stream,
      ...(stream && { stream_options: { include_usage: true } }),
      ...extra,
    },
  };
}

/** Sends one request with a fresh signal. */
export function sendOne(sender: Sender, req: LoadRequest = chatRequest(0)): Promise<RequestOutcome> {
  return sender(req, new AbortController().signal);
}

/** The server's own records, by request id. */
export async function serverRecords(url: string): Promise<Map<string, RequestRecord>> {
  const res = await fetch(`${url}/debug/requests`);
  const { data } = (await res.json()) as { data: RequestRecord[] };
  return new Map(data.map((r) => [r.id, r]));
}

/** The q-quantile (nearest rank) of `values`. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
