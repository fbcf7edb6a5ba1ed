import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  brokenModes,
  loadAnswers,
  loadServeConfig,
  ServeConfigError,
  serveOptionsSchema,
  startServer,
} from '../../src/serve/index.js';
import { ask, readJson, serve } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/serve/${name}`, import.meta.url));

async function failure(promise: Promise<unknown>): Promise<ServeConfigError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServeConfigError);
  expect((err as ServeConfigError).exitCode).toBe(2);
  return err as ServeConfigError;
}

describe('loadAnswers', () => {
  it('reads exact and regex rules, skipping blank lines', async () => {
    const rules = await loadAnswers(fixture('answers.jsonl'));
    expect(rules).toHaveLength(4);
    expect(rules[1]?.match).toEqual({ regex: '^capital of (italy|spain)', flags: 'i' });
  });

  it('names file:line for bad JSON, bad regexes and missing fields', async () => {
    const json = await failure(loadAnswers(fixture('bad-answers.jsonl')));
    expect(json.message).toMatch(/bad-answers\.jsonl:3: invalid JSON/);
    const regex = await failure(loadAnswers(fixture('bad-regex.jsonl')));
    expect(regex.message).toMatch(/bad-regex\.jsonl:2: match: invalid regular expression/);
    const missing = await failure(loadAnswers(fixture('missing-response.jsonl')));
    expect(missing.message).toMatch(/missing-response\.jsonl:1: response: /);
    expect((await failure(loadAnswers(fixture('nope.jsonl')))).message).toMatch(/cannot read/);
  });
});

describe('answers in the server', async () => {
  const server = await serve({ answers: await loadAnswers(fixture('answers.jsonl')) });
  const answer = async (content: string, extra = {}) =>
    (await server.json('/v1/chat/completions', ask(content, extra))).body.choices[0].message.content;

  it('answers exact matches (ignoring surrounding whitespace), then regexes, first match winning', async () => {
    expect(await answer('What is the capital of France?')).toBe('Paris.');
    expect(await answer('  What is the capital of France?\n')).toBe('Paris.');
    expect(await answer('Capital of Spain, please')).toBe('Rome or Madrid, it depends.');
    expect(await answer("How's the WEATHER?")).toBe('Sunny, 21 degrees.');
    expect(await answer('anything else')).toBe('never reached for the prompts above');
  });

  it('streams scripted answers token by token and cuts them at max_tokens', async () => {
    const res = await server.chat(ask('What is the capital of France?', { stream: true }));
    const text = await res.text();
    expect(text).toContain('"content":"Paris"');
    expect(text).toContain('"content":"."');
    expect(await answer('weather', { max_tokens: 1 })).toBe('Sunny');
  });
});

describe('loadServeConfig', () => {
  it('reads YAML with durations and an answers file relative to it', async () => {
    const opts = await loadServeConfig(fixture('serve.yaml'));
    expect(opts.models).toEqual(['fixture-model']);
    expect(opts.answers).toHaveLength(4);
    const resolved = serveOptionsSchema.parse(opts);
    expect(resolved.latency.ttft).toEqual({ dist: 'uniform', minMs: 1, maxMs: 3 });
    expect(resolved.faults.stallMs).toBe(500);
    expect(resolved.capacity).toEqual({ maxConcurrent: 2, maxQueue: 64, perSequenceSlowdown: 0.1 });
  });

  it('reads JSON, and the result starts a server', async () => {
    const opts = await loadServeConfig(fixture('serve.json'));
    const server = await startServer(opts);
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-json', 'content-type': 'application/json' },
        body: JSON.stringify(ask('ping')),
      });
      expect((await readJson(res)).choices[0].message.content).toBe('pong');
    } finally {
      await server.close();
    }
  });

  it('names the file, line, column and field of a bad value', async () => {
    const err = await failure(loadServeConfig(fixture('bad-field.yaml')));
    expect(err.message).toMatch(/bad-field\.yaml:3:18: capacity\.maxConcurrent: /);
    expect(err.location).toMatchObject({ line: 3, column: 18, field: 'capacity.maxConcurrent' });
  });

  it('lists the valid broken modes for an unknown one', async () => {
    const err = await failure(loadServeConfig(fixture('bad-broken.yaml')));
    expect(err.message).toMatch(/bad-broken\.yaml:3:5: broken\[1\]: /);
    for (const mode of brokenModes) expect(err.message).toContain(mode);
  });

  it('points at unknown keys and bad durations', async () => {
    const unknown = await failure(loadServeConfig(fixture('unknown-key.yaml')));
    expect(unknown.message).toMatch(/unknown-key\.yaml:4:3: latency\.perTokne: /);
    const duration = await failure(loadServeConfig(fixture('bad-duration.yaml')));
    expect(duration.message).toMatch(/bad-duration\.yaml:2:19: faults\.addedLatencyMs: .*"soon"/);
  });

  it('reports unreadable files and YAML syntax errors', async () => {
    expect((await failure(loadServeConfig(fixture('missing.yaml')))).message).toMatch(/cannot read/);
    expect((await failure(loadServeConfig(fixture('bad-answers.jsonl')))).message).toMatch(
      /not valid YAML or JSON/,
    );
  });

  it('rejects bad programmatic options with the field name', async () => {
    const err = await failure(startServer({ capacity: { maxConcurrent: -1 } }));
    expect(err.message).toMatch(/^capacity\.maxConcurrent: /);
    await failure(startServer({ broken: ['nope' as never] }));
  });
});

describe('startServer', () => {
  it('says which port is taken', async () => {
    const first = await startServer({});
    try {
      const err = await startServer({ port: first.port }).then(
        () => undefined,
        (e: unknown) => e as Error & { code: string; exitCode: number },
      );
      expect(err?.code).toBe('E_SERVE_LISTEN');
      expect(err?.exitCode).toBe(2);
      expect(err?.message).toContain(`127.0.0.1:${first.port} (EADDRINUSE)`);
    } finally {
      await first.close();
    }
  });
});
