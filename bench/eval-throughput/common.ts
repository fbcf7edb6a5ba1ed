/**
 * What run.ts and memory.ts share: the reference server in its own process with no latency, the generated
 * cases, and the Gauntlet suite that runs them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { track } from '../lib/children.js';
import { root } from '../lib/cli.js';

export const MODEL = 'gauntlet-sim';
/** The prompt both tools render (Nunjucks in both): the simulated model repeats what follows the colon. */
export const PROMPT =
  'Repeat exactly: Order {{ id }} for {{ name }}: {{ qty }} {{ item }}, status {{ status }}.';

const NAMES = [
  'Alice',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Emeka',
  'Farah',
  'Goran',
  'Hana',
  'Ivan',
  'Jun',
  'Keiko',
];
const ITEMS = ['apples', 'bolts', 'cables', 'drums', 'eggs', 'files', 'gears', 'hats', 'inks'];
const STATUSES = ['shipped', 'pending', 'delivered', 'packed'];

/** The vars of case `i`: every tenth order is refunded, which the `not-contains: refund` assertion fails. */
export function caseVars(i: number): { id: number; name: string; qty: number; item: string; status: string } {
  return {
    id: i,
    name: NAMES[i % NAMES.length] as string,
    qty: 1 + ((i * 13) % 97),
    item: ITEMS[(i * 7) % ITEMS.length] as string,
    status: i % 10 === 9 ? 'refunded' : (STATUSES[i % STATUSES.length] as string),
  };
}

/** Assertions every tool in this bench understands the same way (type names and meaning). */
export type Assertion = {
  type: 'starts-with' | 'contains' | 'icontains' | 'regex' | 'not-contains';
  value: string;
};

/** The five deterministic assertions of run.ts. */
export function fiveAssertions(i: number): Assertion[] {
  const v = caseVars(i);
  return [
    { type: 'starts-with', value: `Order ${v.id} ` },
    { type: 'contains', value: `${v.qty} ${v.item}` },
    { type: 'icontains', value: v.name.toLowerCase() },
    { type: 'regex', value: 'status [a-z]+\\.$' },
    { type: 'not-contains', value: 'refund' },
  ];
}

/** The three cheap assertions of memory.ts. */
export function threeAssertions(i: number): Assertion[] {
  const v = caseVars(i);
  return [
    { type: 'starts-with', value: `Order ${v.id} ` },
    { type: 'icontains', value: v.name.toLowerCase() },
    { type: 'not-contains', value: 'refund' },
  ];
}

/** Cases that pass by design: all but every tenth. */
export function expectedPasses(cases: number): number {
  return cases - Math.floor(cases / 10);
}

/**
 * Writes `{"vars": {...}, "assert": [...]}` per line: Gauntlet's JSONL case format and promptfoo's JSONL
 * test format are the same shape, so both tools read the one file.
 */
export async function writeCases(
  file: string,
  cases: number,
  assertions: (i: number) => Assertion[],
): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < cases; i++) {
    const line = `${JSON.stringify({ vars: caseVars(i), assert: assertions(i) })}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

/** A suite with one eval stage over a case file, against an already running server (no launch). */
export function writeSuite(
  file: string,
  opts: { baseUrl: string; casesFile: string; concurrency: number; maxTokens: number },
): void {
  writeFileSync(
    file,
    [
      'name: eval-throughput',
      'target:',
      '  type: openai',
      `  baseUrl: ${opts.baseUrl}`,
      `  model: ${MODEL}`,
      'stages:',
      '  - kind: eval',
      '    name: throughput',
      '    timeout: 60m',
      `    prompt: ${JSON.stringify(PROMPT)}`,
      `    cases: { file: ${JSON.stringify(opts.casesFile)} }`,
      `    concurrency: ${opts.concurrency}`,
      `    maxTokens: ${opts.maxTokens}`,
      '    temperature: 0',
      '    cache: false',
      // The designed 10% failures must not fail the stage (the default pass rate is 0.8 already).
      '    passRate: 0.5',
      '',
    ].join('\n'),
  );
}

/** The reference server's options: no latency at all and room for every request at once. */
export function writeServeConfig(file: string): void {
  writeFileSync(
    file,
    [
      'latency:',
      '  ttft: { dist: fixed, ms: 0 }',
      '  perToken: { dist: fixed, ms: 0 }',
      'capacity:',
      '  maxConcurrent: 1024',
      '  maxQueue: 4096',
      '  perSequenceSlowdown: 0',
      '',
    ].join('\n'),
  );
}

/** Starts `gauntlet serve --port 0 --config FILE` in its own process; resolves with its origin. */
export async function startServer(
  cli: string[],
  config: string,
): Promise<{ server: ChildProcess; origin: string }> {
  const server = track(
    spawn(process.execPath, [...cli, 'serve', '--port', '0', '--config', config], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  server.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });
  const origin = await new Promise<string>((resolveOrigin, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in 30 s: ${out}${stderr}`)),
      30_000,
    );
    server.stdout?.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (\S+)\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveOrigin(m[1] as string);
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}): ${out}${stderr}`));
    });
  });
  // Its output is no longer read: keep the pipes drained.
  server.stdout?.resume();
  return { server, origin };
}
