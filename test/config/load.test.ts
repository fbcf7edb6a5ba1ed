import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { parseSuite } from '../../src/config/load.js';

const GOOD_TARGET = `target:
  type: openai
  baseUrl: http://127.0.0.1:8000/v1
  model: m
`;

function problems(text: string, env: NodeJS.ProcessEnv = {}) {
  try {
    parseSuite(text, 'gauntlet.yaml', env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
  }
  throw new Error('expected the suite to be rejected');
}

describe('suite loading: bad configs point at line:column with a message that says what to do', () => {
  it('1. a duration that is not one', () => {
    expect(
      problems(
        `${GOOD_TARGET}stages:\n  - kind: smoke\n  - kind: smoke\n    name: again\n    timeout: soon\n`,
      ),
    ).toEqual(['9:14 stages[1].timeout: expected a duration like "30s", got "soon"']);
  });

  it('2. an unknown key gets a did-you-mean and the allowed keys', () => {
    const [p] = problems(`${GOOD_TARGET}  tiemouts: {}\nstages:\n  - kind: smoke\n`);
    expect(p).toMatch(
      /^5:3 target: unknown key "tiemouts"; did you mean "timeouts"\? Allowed here: type, model, name, baseUrl/,
    );
  });

  it('3. an unknown stage kind', () => {
    expect(problems(`${GOOD_TARGET}stages:\n  - kind: smok\n`)[0]).toBe(
      '6:11 stages[0].kind: unknown kind "smok"; did you mean "smoke"? Expected one of: smoke, load, eval, data, api, chaos',
    );
  });

  it('4. a missing required field points at its parent mapping', () => {
    expect(problems('target:\n  type: openai\n  baseUrl: http://x:1/v1\nstages:\n  - kind: smoke\n')).toEqual(
      ['2:3 target.model: missing required field `model` (string)'],
    );
  });

  it('5. no target at all', () => {
    expect(problems('stages:\n  - kind: smoke\n')[0]).toMatch(/^1:1 : no target: add `target:`/);
  });

  it('6. a missing environment variable is named, with how to give a default', () => {
    const [p] = problems(`${GOOD_TARGET}  apiKey: \${env:MY_KEY}\nstages:\n  - kind: smoke\n`);
    expect(p).toBe(
      '5:11 target.apiKey: environment variable MY_KEY is not set; export it, or give a default: ${env:MY_KEY:-value}',
    );
  });

  it('7. a malformed gate threshold', () => {
    expect(
      problems(`${GOOD_TARGET}stages:\n  - kind: smoke\ngates:\n  checks: ['rate>0.9', 'p95<3']\n`),
    ).toEqual([
      '8:24 gates.checks[1]: expected a threshold like "p(95)<500", "rate<0.01" or "max<=2048", got "p95<3"',
    ]);
  });

  it('8. a number out of range in a check', () => {
    expect(
      problems(`${GOOD_TARGET}stages:\n  - kind: smoke\n    checks:\n      batch: { size: 1 }\n`),
    ).toEqual(['8:22 stages[0].checks.batch.size: expected at least 2, got 1']);
  });

  it('9. an unknown check name', () => {
    expect(problems(`${GOOD_TARGET}stages:\n  - kind: smoke\n    checks: { streming: {} }\n`)[0]).toMatch(
      /^7:15 stages\[0\].checks: unknown key "streming"; did you mean "streaming"\?/,
    );
  });

  it('10. a wrong type', () => {
    expect(problems(`${GOOD_TARGET}stages:\n  - kind: smoke\n    continueOnFailure: "yes"\n`)).toEqual([
      '7:24 stages[0].continueOnFailure: expected boolean, got "yes"',
    ]);
  });

  it('11. a bad priority', () => {
    expect(problems(`${GOOD_TARGET}stages:\n  - kind: smoke\n    priority: high\n`)[0]).toBe(
      '7:15 stages[0].priority: expected a priority P0..P4 (P0 most important), got "high"',
    );
  });

  it('12. YAML syntax errors keep their position', () => {
    expect(problems('target:\n  type: openai\n   model: [\n')[0]).toMatch(/^\d+:\d+ : YAML: /);
  });

  it('13. duplicate stage names', () => {
    expect(problems(`${GOOD_TARGET}stages:\n  - kind: smoke\n  - kind: smoke\n`)[0]).toMatch(
      /^7:5 stages\[1\].name: stage name "smoke" is used twice \(also at stages\[0\]\)/,
    );
  });

  it('14. an empty stage list', () => {
    expect(problems(`${GOOD_TARGET}stages: []\n`)).toEqual([
      '5:9 stages: expected at least 1 item(s), got 0 item(s)',
    ]);
  });

  it('15. a URL that is not one', () => {
    expect(
      problems(
        'target:\n  type: openai\n  baseUrl: localhost:8000\n  model: m\nstages:\n  - kind: smoke\n',
      )[0],
    ).toBe(
      '3:12 target.baseUrl: expected an http(s) URL like "http://127.0.0.1:8000/v1", got "localhost:8000"',
    );
  });

  it('reports every problem at once', () => {
    expect(
      problems(`${GOOD_TARGET}  tiemout: 1\nstages:\n  - kind: smoke\n    timeout: soon\n`),
    ).toHaveLength(2);
  });
});

describe('suite loading: good configs', () => {
  it('applies defaults written once in the schema', () => {
    const { suite } = parseSuite(`${GOOD_TARGET}stages:\n  - kind: smoke\n`, 'g.yaml', {});
    const stage = suite.stages[0] as Extract<(typeof suite.stages)[number], { kind: 'smoke' }>;
    expect(stage?.timeout).toBe(600_000);
    expect(stage?.continueOnFailure).toBe(false);
    expect(Object.keys(stage?.checks ?? {})).toHaveLength(9);
    expect(suite.target?.timeouts.firstByte).toBe(60_000);
    expect(suite.report.reporters).toEqual(['console', 'json', 'junit', 'markdown']);
  });

  it('selects checks from a list or a map, and `false` drops one', () => {
    const list = parseSuite(
      `${GOOD_TARGET}stages:\n  - kind: smoke\n    checks: [models, batch]\n`,
      'g.yaml',
      {},
    );
    const smoke = (s: typeof list.suite) =>
      s.stages[0] as Extract<(typeof s.stages)[number], { kind: 'smoke' }>;
    expect(Object.keys(smoke(list.suite).checks)).toEqual(['models', 'batch']);
    const map = parseSuite(
      `${GOOD_TARGET}stages:\n  - kind: smoke\n    checks: { batch: { size: 4 }, models: false }\n`,
      'g.yaml',
      {},
    );
    expect(smoke(map.suite).checks).toMatchObject({ batch: { size: 4, maxTokens: 24 } });
    expect(smoke(map.suite).checks.models).toBeUndefined();
  });

  it('interpolates env with defaults and treats key-like values as secrets', () => {
    const { suite, secrets } = parseSuite(
      `target:\n  type: openai\n  baseUrl: \${env:URL:-http://127.0.0.1:9/v1}\n  model: m\n  apiKey: \${env:API_KEY}\nstages:\n  - kind: smoke\n`,
      'g.yaml',
      { API_KEY: 'sk-test-1234567890' },
    );
    expect(suite.target?.baseUrl).toBe('http://127.0.0.1:9/v1');
    expect(suite.target?.apiKey).toBe('sk-test-1234567890');
    expect(secrets).toContain('sk-test-1234567890');
  });

  it('keeps $${ as a literal', () => {
    const { suite } = parseSuite(
      `${GOOD_TARGET}  headers: { X-T: "a$\${env:B}" }\nstages:\n  - kind: smoke\n`,
      'g.yaml',
      {},
    );
    expect(suite.target?.headers['X-T']).toBe('a${env:B}');
  });
});

describe('suite loading: stages that do not fit their targets', () => {
  const HTTP_TARGET = 'target: { type: http, baseUrl: "http://127.0.0.1:8000" }\n';
  it('smoke needs an OpenAI-compatible target', () => {
    expect(problems(`${HTTP_TARGET}stages:\n  - kind: smoke\n`)[0]).toMatch(
      /stages\[0\]\.kind: smoke stages need OpenAI-compatible targets/,
    );
  });
  it('a load stage against an http target needs a request template', () => {
    expect(problems(`${HTTP_TARGET}stages:\n  - kind: load\n`)[0]).toMatch(
      /stages\[0\]: a load stage against a `type: http` target needs `request:`/,
    );
  });
});
