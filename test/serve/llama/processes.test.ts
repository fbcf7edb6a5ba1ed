/**
 * The real engine from the outside: two `gauntlet serve --engine llama` processes give the same greedy
 * answer; bad model files fail with a message, never a native crash; and the example suite's smoke, api,
 * load and eval stages pass against it, with latency that shows requests queueing past `--parallel`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModel } from '../../../src/serve/llama/gguf/tiny.js';
import { runCli } from '../../helpers/cli.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(repo, 'bin', 'gauntlet.js');
let dir: string;
let modelFile: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-llama-proc-'));
  modelFile = path.join(dir, 'tiny.gguf');
  writeFileSync(modelFile, tinyModel({ seed: 0 }));
});
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

/** Starts `gauntlet serve --engine llama` in its own process; resolves with its base URL. */
function serveProcess(): Promise<string> {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--engine', 'llama', '--model', modelFile, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)\/v1/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.stderr?.on('data', (d) => {
      out += String(d);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function greedy(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'tiny',
      messages: [{ role: 'user', content: 'Describe a quiet harbor at night.' }],
      max_tokens: 32,
      temperature: 0,
    }),
  });
  const body = (await res.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]?.message.content ?? '';
}

describe('the llama engine in separate processes', () => {
  it('gives the same greedy answer in two processes', async () => {
    const [a, b] = await Promise.all([serveProcess(), serveProcess()]);
    const [x, y] = await Promise.all([greedy(a), greedy(b)]);
    expect(x.length).toBeGreaterThan(10);
    expect(y).toBe(x);
  }, 60_000);
});

describe('bad model files get a clear error, not a crash', () => {
  const serve = (model: string, extra: string[] = []) =>
    runCli(['serve', '--engine', 'llama', '--model', model, '--port', '0', ...extra], { cwd: dir });

  it('a missing file', async () => {
    const r = await serve(path.join(dir, 'nope.gguf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no model file at .*nope\.gguf.*gauntlet model tiny --out/);
  });

  it('a truncated file', async () => {
    const cut = path.join(dir, 'cut.gguf');
    writeFileSync(cut, tinyModel({ seed: 0 }).subarray(0, 600_000));
    const r = await serve(cut);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.gguf is truncated: .* needs bytes .* but the file ends at 600,000/);
  });

  it('a file that is not GGUF', async () => {
    const json = path.join(dir, 'model.gguf');
    writeFileSync(json, JSON.stringify({ weights: [1, 2, 3] }));
    const r = await serve(json);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model\.gguf is not a GGUF file: it starts with/);
  });

  it('a directory', async () => {
    const sub = path.join(dir, 'models');
    mkdirSync(sub, { recursive: true });
    const r = await serve(sub);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/models is a directory/);
  });

  it('flags that do not fit the engine', async () => {
    const broken = await serve(modelFile, ['--broken', 'hang']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken modes \(hang\) belong to the simulated engine/);
    writeFileSync(path.join(dir, 'answers.jsonl'), '{"match": "hi", "response": "hello"}\n');
    const answers = await serve(modelFile, ['--answers', path.join(dir, 'answers.jsonl')]);
    expect(answers.code).toBe(2);
    expect(answers.stderr).toMatch(/scripted answers \(1\) belong to the simulated engine/);
    const sim = await runCli(['serve', '--parallel', '2', '--port', '0'], { cwd: dir });
    expect(sim.code).toBe(2);
    expect(sim.stderr).toMatch(/--parallel set the llama engine; add --engine llama --model FILE\.gguf/);
    const none = await runCli(['serve', '--engine', 'llama', '--port', '0'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--engine llama needs one --model FILE\.gguf/);
  });
});

describe('the engine in a serve config file', () => {
  /** Runs `gauntlet serve ARGS` until it has printed its listening line, then stops it. */
  async function serveUntilListening(args: string[]) {
    const ctl = new AbortController();
    const running = runCli(['serve', '--port', '0', ...args], { cwd: dir, signal: ctl.signal });
    // The command resolves only when stopped: give the model time to load, then stop it.
    await new Promise((r) => setTimeout(r, 3000));
    ctl.abort();
    return running;
  }

  it('reads the model path relative to the config file, and --engine sim overrides it', async () => {
    const sub = path.join(dir, 'conf');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'tiny.gguf'), tinyModel({ seed: 0 }));
    writeFileSync(path.join(sub, 'serve.yaml'), 'engine: { type: llama, model: tiny.gguf, parallel: 1 }\n');
    const llama = await serveUntilListening(['--config', 'conf/serve.yaml']);
    expect(llama.code, llama.stderr).toBe(0);
    expect(llama.stdout).toContain(`llama.cpp loaded ${path.join(sub, 'tiny.gguf')}`);
    const sim = await serveUntilListening(['--config', 'conf/serve.yaml', '--engine', 'sim']);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).not.toContain('llama.cpp');
    expect(sim.stdout).toMatch(/listening on .* model gauntlet-sim/);
  }, 30_000);
});

describe('examples/llama/gauntlet.yaml against the real engine', () => {
  it('passes smoke, api, load and eval; TTFT climbs once requests outnumber the 2 sequences', async () => {
    const out = path.join(dir, 'runs');
    const r = await runCli(
      ['run', path.join(repo, 'examples/llama/gauntlet.yaml'), '--out', out, '--reporter', 'json'],
      { cwd: dir, env: { GAUNTLET_MODEL_FILE: modelFile } },
    );
    const report = JSON.parse(readFileSync(path.join(out, 'latest', 'report.json'), 'utf8'));
    expect(r.code, JSON.stringify(report.summary.headline)).toBe(0);
    expect(report.summary.stages.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ['smoke', 'pass'],
      ['api', 'pass'],
      ['concurrency', 'pass'],
      ['answers', 'pass'],
    ]);
    const table = report.summary.tables.find((t: { columns: string[] }) => t.columns.includes('TTFT p50 ms'));
    const col = table.columns.indexOf('TTFT p50 ms');
    const ttft = Object.fromEntries(table.rows.map((row: (string | number)[]) => [row[0], Number(row[col])]));
    // c4 against 2 sequences: half the requests wait for a whole answer before their first token.
    expect(ttft.c4).toBeGreaterThan(2 * ttft.c1);
  }, 120_000);
});
