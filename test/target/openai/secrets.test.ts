import { afterAll, beforeAll, expect, it } from 'vitest';
import { OpenAIClient, TargetError } from '../../../src/target/index.js';
import { type Loopback, startLoopback, writeInPieces } from './loopback.js';

const KEY = 'sk-live-0123456789abcdefSECRET';
const CUSTOM = 'tok-custom-header-SECRET';
let server: Loopback;
let client: OpenAIClient;

beforeAll(async () => {
  server = await startLoopback();
});
afterAll(async () => {
  await client.close();
  await server.close();
});

it('the API key and secret headers never appear in evidence, curl lines or error messages', async () => {
  client = new OpenAIClient({
    baseUrl: server.baseUrl,
    apiKey: KEY,
    headers: { 'X-Custom-Token': CUSTOM },
    retry: { maxRetries: 0 },
  });
  // A hostile server that echoes every credential back, in headers and bodies, on every path.
  server.handle(async (req, res, body) => {
    const echo = `auth=${req.headers.authorization} custom=${req.headers['x-custom-token']} body=${body}`;
    const headers = { 'x-echo': echo, 'set-cookie': `s=${KEY}`, 'content-type': 'application/json' };
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, headers).end(JSON.stringify({ object: 'list', data: [{ id: echo }] }));
    } else if (req.url?.endsWith('/completions') && body.includes('"stream":true')) {
      const chunk = {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: { content: echo }, finish_reason: null }],
      };
      await writeInPieces(
        res,
        Buffer.from(`data: ${JSON.stringify(chunk)}\n\ndata: {"error":{"message":"${KEY}"}}\n\n`),
      );
    } else {
      res.writeHead(400, headers).end(JSON.stringify({ error: { message: `bad key ${echo}` } }));
    }
  });

  const leaks: string[] = [];
  const collect = (value: unknown) => leaks.push(JSON.stringify(value, replacer));
  const models = await client.listModels();
  collect(models.evidence);
  collect(await client.request('GET', '/models').then((r) => r.evidence));
  for (const call of [
    () => client.chat({ model: 'm', messages: [{ role: 'user', content: `my key is ${KEY}` }] }),
    () => client.chatStream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  ]) {
    const err = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TargetError);
    const e = err as TargetError;
    collect({ message: e.message, evidence: e.evidence, received: e.received, stack: e.stack });
  }

  // The secrets were really sent and really echoed, so the check below is not vacuous.
  expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  expect(models.data.data[0]?.id).toContain(KEY);
  const everything = leaks.join('\n');
  expect(everything).toContain('$OPENAI_API_KEY');
  expect(everything).toContain('***');
  expect(everything).not.toContain(KEY);
  expect(everything).not.toContain(CUSTOM);
});

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { message: value.message } : value;
}
