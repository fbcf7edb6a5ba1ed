/**
 * The peer of bench/stream-overhead: the least a Node client can do to stream the same requests, a closed
 * loop of raw node:http requests on keep-alive sockets that stamps the first body chunk of each response
 * and discards the rest (no SSE parsing, no JSON, no histograms). Its TTFT error is the floor that the
 * shared machine and Node's event loop impose; the engine's excess over it is the engine's own cost.
 * Protocol: see common.ts (argv[2] = options JSON; IPC 'warm' -> go -> 'result').
 */
import { Agent, request } from 'node:http';
import { clientOptions, finish, measured, repeatPrompt, type Sample, warmAndWait } from './common.js';

const opts = clientOptions();
const { hostname, port } = new URL(opts.origin);
const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
// The same body the engine's workload builds, field for field.
const body = Buffer.from(
  JSON.stringify({
    model: opts.model,
    messages: [{ role: 'user', content: repeatPrompt(opts.maxTokens + 20) }],
    max_tokens: opts.maxTokens,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
  }),
);
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  accept: 'text/event-stream',
};

function one(): Promise<Sample> {
  return new Promise((resolve) => {
    const req = request(
      { hostname, port, path: '/v1/chat/completions', method: 'POST', agent, headers },
      (res) => {
        let first: number | undefined;
        const raw = res.headers['x-request-id'];
        res.on('data', () => {
          first ??= performance.timeOrigin + performance.now();
        });
        res.once('end', () =>
          resolve({ id: Array.isArray(raw) ? raw[0] : raw, firstEpochMs: first, ok: res.statusCode === 200 }),
        );
        res.once('error', () => resolve({ id: undefined, firstEpochMs: undefined, ok: false }));
      },
    );
    req.once('error', () => resolve({ id: undefined, firstEpochMs: undefined, ok: false }));
    req.end(body);
  });
}

/** `requests` requests, `concurrency` at a time, each worker sending its next as soon as one ends. */
async function run(requests: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let started = 0;
  const worker = async () => {
    while (started < requests) {
      started++;
      samples.push(await one());
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return samples;
}

await run(opts.warmupRequests);
await warmAndWait();
const m = await measured(() => run(opts.requests));
agent.destroy();
const errors = m.value.filter((s) => !s.ok).length;
finish({
  type: 'result',
  samples: m.value,
  cpuS: m.cpuS,
  sysS: m.sysS,
  wallS: m.wallS,
  // No clientTokens: it reads no usage. The parent counts tokens from the server's records for both clients.
  errors,
  ...(errors ? { firstError: `${errors} requests failed (status not 200 or socket error)` } : {}),
  loopDelayP99Ms: m.loopDelayP99Ms,
  loopDelayMaxMs: m.loopDelayMaxMs,
});
