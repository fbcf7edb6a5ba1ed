import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createJudgeClient,
  GRADE_SCHEMA,
  JudgeError,
  parseGrade,
} from '../../../../src/stages/eval/assertions/index.js';
import { type Loopback, sendJson, startLoopback } from '../../../target/openai/loopback.js';
import { check } from './helpers.js';

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

/** A chat completion whose message content is `content`. */
function completion(content: string | null) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'judge',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

function judgeFor(baseUrl = server.baseUrl) {
  return createJudgeClient({
    baseUrl,
    model: 'judge-1',
    apiKey: 'sk-judge-secret',
    temperature: 0,
    timeoutMs: 5_000,
  });
}

const input = {
  rubric: 'Is the answer polite?',
  output: 'Certainly, here it is.',
  prompt: 'Help me',
  vars: {},
};

describe('createJudgeClient', () => {
  it('asks for a JSON-schema-constrained grade with the rubric in the system prompt', async () => {
    server.requests.length = 0;
    server.handle((_req, res) =>
      sendJson(res, 200, completion('{"pass": true, "score": 0.8, "reason": "polite"}')),
    );
    const judge = judgeFor();
    expect(await judge.grade(input)).toEqual({ pass: true, score: 0.8, reason: 'polite' });
    await judge.close();

    const sent = server.requests[0]!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-judge-secret');
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({
      model: 'judge-1',
      temperature: 0,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'grade', strict: true, schema: GRADE_SCHEMA },
      },
    });
    expect(body.messages[0]).toMatchObject({ role: 'system' });
    expect(body.messages[0].content).toContain('Is the answer polite?');
    expect(body.messages[1].content).toContain('<output>\nCertainly, here it is.\n</output>');
  });

  it('reads a grade inside a fence or wrapped in prose', async () => {
    server.handle((_req, res) =>
      sendJson(res, 200, completion('Sure.\n```json\n{"pass": false, "score": 0, "reason": "rude"}\n```')),
    );
    const judge = judgeFor();
    expect(await judge.grade(input)).toEqual({ pass: false, score: 0, reason: 'rude' });
    server.handle((_req, res) =>
      sendJson(res, 200, completion('My verdict is {"pass": true, "score": 1, "reason": "ok"} overall.')),
    );
    expect(await judge.grade(input)).toEqual({ pass: true, score: 1, reason: 'ok' });
    await judge.close();
  });

  it('throws a JudgeError for garbage, and the assertion reports it as a judge failure', async () => {
    server.handle((_req, res) => sendJson(res, 200, completion('I think it is pretty good!')));
    const judge = judgeFor();
    const err = await judge.grade(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JudgeError);
    expect((err as Error).message).toContain('judge-1 did not answer a grade: not JSON');

    const r = await check({ type: 'judge', rubric: 'Polite?' }, 'Hello', { judge });
    expect(r).toMatchObject({ pass: false, score: 0 });
    expect(r.reason).toMatch(/^judge failed: judge-1 did not answer a grade/);
    expect(r.details?.judgeError).toContain('pretty good');
    await judge.close();
  });

  it('an HTTP error or an empty answer from the judge is a JudgeError without the key', async () => {
    server.handle((_req, res) => sendJson(res, 401, { error: { message: 'bad key', type: 'auth' } }));
    const judge = createJudgeClient({
      baseUrl: server.baseUrl,
      model: 'judge-1',
      apiKey: 'sk-judge-secret',
      temperature: 0,
      timeoutMs: 5_000,
    });
    const err = (await judge.grade(input).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(JudgeError);
    expect(err.message).toContain('judge judge-1 at');
    expect(err.message).not.toContain('sk-judge-secret');
    server.handle((_req, res) => sendJson(res, 200, completion(null)));
    await expect(judge.grade(input)).rejects.toThrow(/gave no answer text/);
    await judge.close();
  });

  it('a provider passed to grade overrides the default endpoint and model', async () => {
    server.requests.length = 0;
    server.handle((_req, res) =>
      sendJson(res, 200, completion('{"pass": true, "score": 1, "reason": "fine"}')),
    );
    const judge = judgeFor('http://127.0.0.1:9/v1');
    await judge.grade(input, {
      baseUrl: server.baseUrl,
      model: 'other-judge',
      temperature: 0.5,
      timeout: '5s',
    });
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ model: 'other-judge', temperature: 0.5 });
    await judge.close();
  });

  it('uses the client factory it is given', async () => {
    const made: unknown[] = [];
    const judge = createJudgeClient(
      { baseUrl: 'http://judge.test/v1', model: 'm', temperature: 0, timeoutMs: 1_000 },
      (options) => {
        made.push(options);
        return {
          chat: async () => ({ data: completion('{"pass": true, "score": 0.5, "reason": "r"}') }) as never,
          close: async () => {},
        };
      },
    );
    expect(await judge.grade(input)).toMatchObject({ score: 0.5 });
    await judge.grade(input);
    expect(made).toEqual([
      { baseUrl: 'http://judge.test/v1', timeouts: { firstByteMs: 1_000, totalMs: 1_000 } },
    ]);
  });
});

describe('parseGrade', () => {
  it('rejects answers that do not conform, saying what is wrong', () => {
    expect(() => parseGrade('{"pass": true, "score": 5, "reason": "x"}')).toThrow(
      /"score" 5 is outside \[0, 1\]/,
    );
    expect(() => parseGrade('{"pass": true, "score": 1}')).toThrow(/"reason" is not a string/);
    expect(() => parseGrade('[true, 1, "x"]')).toThrow(/not a JSON object/);
    expect(() => parseGrade('')).toThrow(JudgeError);
  });
});
