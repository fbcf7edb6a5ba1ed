/**
 * bench/eval-throughput: wall time and peak RSS of an eval of 10k cases x 5 deterministic assertions,
 * Gauntlet (`gauntlet run`, compiled) side by side with promptfoo (`promptfoo eval`, installed on the fly
 * into a temp folder) on the equivalent config, both against the same reference server with no latency.
 *
 * Each tool runs as its own process tree, started by this script; its memory is the sum of the tree's
 * resident sets read from /proc every 100 ms, and each process's kernel high-water mark (VmHWM). The
 * server (its own process, not counted) counts the requests each run sent, so both are checked by the
 * same referee, and each tool's pass count is checked against the designed one (90% of the cases).
 *
 *   npx tsx bench/eval-throughput/run.ts [--cases 10000] [--reps 3] [--concurrency 8] [--warmup-cases 1000]
 *     [--max-tokens 64] [--timeout-min 15] [--promptfoo 0.121.20] [--no-promptfoo] [--no-lean]
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hasGnuTime, procTicks, scratch, stop, track } from '../lib/children.js';
import { compiledCli, runDirIn } from '../lib/cli.js';
import { runSampled, type SampledRun } from '../lib/rss.js';
import { flags, fmt, mb, median, note, numberFlag, ratio, say, table } from '../lib/stats.js';
import {
  expectedPasses,
  fiveAssertions,
  MODEL,
  PROMPT,
  startServer,
  writeCases,
  writeServeConfig,
  writeSuite,
} from './common.js';

const args = flags(process.argv.slice(2));
const CASES = numberFlag(args, 'cases', 10_000);
const REPS = numberFlag(args, 'reps', 3);
const C = numberFlag(args, 'concurrency', 8);
const MAX_TOKENS = numberFlag(args, 'max-tokens', 64);
const WARMUP_CASES = numberFlag(args, 'warmup-cases', 1000);
const RUN_TIMEOUT_MS = numberFlag(args, 'timeout-min', 15) * 60_000;
/** The newest promptfoo whose `engines` still admits Node 20 (0.122.0 and later need Node >= 22.22). */
const PF_VERSION = args.get('promptfoo') ?? '0.121.20';
const WITH_PROMPTFOO = !args.has('no-promptfoo');
/** Also run promptfoo at its quickest (`--no-write`, no debug log), a configuration that does less than Gauntlet. */
const WITH_LEAN = !args.has('no-lean');
const CLK_TCK = 100;

/** One measured run of one tool. */
interface Run {
  tool: string;
  /** The tool's exit code (promptfoo exits 100 when any test fails, as 10% do here by design). */
  code: number | null;
  wallS: number;
  /** User + system CPU of the tool's process tree. */
  cpuS: number;
  peakRssKB: number;
  treeRssKB: number;
  hwmKB: number;
  processes: number;
  served: number;
  serverCpuS: number;
  passes: number;
  failures: number;
  errors: number;
}

interface Tool {
  name: string;
  /** Runs the eval over `casesFile`; `tag` names its output folder. */
  run(casesFile: string, cases: number, tag: string): Promise<Run>;
}

async function main(): Promise<void> {
  const dir = scratch();
  const cli = compiledCli(note);
  const serveConfig = join(dir, 'serve.yaml');
  writeServeConfig(serveConfig);
  const { server, origin } = await startServer(cli, serveConfig);
  const casesFile = join(dir, 'cases.jsonl');
  const warmFile = join(dir, 'warmup.jsonl');
  await writeCases(casesFile, CASES, fiveAssertions);
  await writeCases(warmFile, WARMUP_CASES, fiveAssertions);

  const served = async () => {
    const text = await (await fetch(`${origin}/metrics`)).text();
    let n = 0;
    // Chat completions only: Gauntlet's preflight (GET /v1/models and the like) is not a case.
    for (const m of text.matchAll(
      /^gauntlet_requests_total\{endpoint="\/v1\/chat\/completions"[^}]*\}\s+(\d+)/gm,
    ))
      n += Number(m[1]);
    return n;
  };
  const measure = async (tool: string, go: () => Promise<SampledRun>, counts: () => Promise<Counts>) => {
    const before = await served();
    const ticks0 = procTicks(server.pid);
    const r = await go();
    const ticks1 = procTicks(server.pid);
    const after = await served();
    if (r.timedOut) throw new Error(`${tool} did not finish in ${RUN_TIMEOUT_MS / 60_000} min`);
    const c = await counts().catch((err: Error) => {
      throw new Error(
        `${tool} exited with ${r.code}; no results (${err.message})\n${r.stderr.slice(-3000)}${r.stdout.slice(-2000)}`,
      );
    });
    return {
      tool,
      code: r.code,
      wallS: r.wallS,
      cpuS: r.cpuS,
      peakRssKB: r.peakRssKB,
      treeRssKB: r.peakTreeRssKB,
      hwmKB: r.peakProcessHwmKB,
      processes: r.processes,
      served: after - before,
      serverCpuS: ticks0 && ticks1 ? (ticks1[0] + ticks1[1] - ticks0[0] - ticks0[1]) / CLK_TCK : Number.NaN,
      ...c,
    } satisfies Run;
  };

  const tools: Tool[] = [gauntlet(cli, origin, dir, measure)];
  let pfVersion: string | undefined;
  if (WITH_PROMPTFOO) {
    const entry = await installPromptfoo();
    if (entry) {
      pfVersion = PF_VERSION;
      tools.push(promptfoo(entry, origin, dir, measure, false));
      if (WITH_LEAN) tools.push(promptfoo(entry, origin, dir, measure, true));
    }
  }

  say(
    `eval-throughput: ${CASES} cases x 5 assertions (starts-with, contains, icontains, regex, not-contains), ` +
      `concurrency ${C}, cache off, max_tokens ${MAX_TOKENS}; reference server ${origin} (no latency, own process, not counted); ` +
      `${REPS} repetition(s) after a ${WARMUP_CASES}-case warm-up per tool; node ${process.version}, ${cpus().length} CPUs` +
      (pfVersion ? `; promptfoo ${pfVersion}` : ''),
  );
  for (const t of tools) {
    const w = await t.run(warmFile, WARMUP_CASES, 'warmup');
    say(
      `  warm-up ${t.name.padEnd(14)} ${fmt(w.wallS, 1)} s, ${w.served} requests, ${w.passes} passed / ${w.failures} failed`,
    );
  }
  const results = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
  for (let rep = 0; rep < REPS; rep++) {
    // Alternate the order so neither tool always runs second.
    const order = rep % 2 === 0 ? tools : [...tools].reverse();
    for (const t of order) {
      const r = await t.run(casesFile, CASES, `rep${rep + 1}`);
      results.get(t.name)?.push(r);
      say(
        `  rep ${rep + 1} ${t.name.padEnd(14)} ${fmt(r.wallS, 2)} s (CPU ${fmt(r.cpuS, 2)} s), peak RSS ${fmt(mb(r.peakRssKB), 1)} MB ` +
          `(${r.processes} process${r.processes === 1 ? '' : 'es'}), ${r.served} requests served, ` +
          `${r.passes} passed / ${r.failures} failed / ${r.errors} errors, exit ${r.code}, server CPU ${fmt(r.serverCpuS, 1)} s`,
      );
    }
  }
  report(
    results,
    tools.map((t) => t.name),
  );
  await stop(server, 5_000);
}

interface Counts {
  passes: number;
  failures: number;
  errors: number;
}

type Measure = (tool: string, go: () => Promise<SampledRun>, counts: () => Promise<Counts>) => Promise<Run>;

/** `node bin/gauntlet.js run suite.yaml --reporter json --out DIR`: one process, the engine and the store. */
function gauntlet(cli: string[], origin: string, dir: string, measure: Measure): Tool {
  return {
    name: 'gauntlet',
    async run(casesFile, _cases, tag) {
      const suite = join(dir, `suite-${tag}.yaml`);
      const out = join(dir, `gauntlet-${tag}`);
      writeSuite(suite, { baseUrl: `${origin}/v1`, casesFile, concurrency: C, maxTokens: MAX_TOKENS });
      const r = await measure(
        'gauntlet',
        () =>
          runSampled(
            process.execPath,
            [...cli, 'run', suite, '--reporter', 'json', '--out', out, '--quiet'],
            {
              cwd: dir,
              timeoutMs: RUN_TIMEOUT_MS,
            },
          ),
        () => countGauntlet(out),
      );
      rmSync(out, { recursive: true, force: true });
      return r;
    },
  };
}

/** Case results as the run store streamed them (`results.jsonl`, one `case` event per case). */
async function countGauntlet(out: string): Promise<Counts> {
  const run = runDirIn(out);
  if (!run) throw new Error(`no run folder in ${out}`);
  const counts = { passes: 0, failures: 0, errors: 0 };
  const lines = createInterface({ input: createReadStream(join(run, 'results.jsonl'), 'utf8') });
  for await (const line of lines) {
    if (!line.startsWith('{"type":"case"')) continue;
    const result = (JSON.parse(line) as { result: { pass: boolean; error?: string } }).result;
    if (result.error) counts.errors++;
    else if (result.pass) counts.passes++;
    else counts.failures++;
  }
  return counts;
}

/** Installs promptfoo@PF_VERSION once into a temp folder (kept for the next run); its CLI entry, or undefined. */
async function installPromptfoo(): Promise<string | undefined> {
  const dir = join(tmpdir(), `gauntlet-bench-promptfoo-${PF_VERSION}`);
  const pkg = join(dir, 'node_modules/promptfoo/package.json');
  const installed = () =>
    existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  if (installed() !== PF_VERSION) {
    note(`installing promptfoo@${PF_VERSION} into ${dir} (once; about 1.5 GB, a minute or two)...`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "gauntlet-bench-promptfoo", "private": true }\n');
    const log = join(dir, 'install.log');
    // --foreground-scripts: install scripts run (better-sqlite3 and the like need theirs) and print here.
    const child = track(
      spawn(
        'npm',
        ['install', '--no-audit', '--no-fund', '--foreground-scripts', `promptfoo@${PF_VERSION}`],
        {
          cwd: dir,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (text += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (text += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
    clearTimeout(timer);
    writeFileSync(log, text);
    if (code !== 0 || installed() !== PF_VERSION) {
      note(
        `promptfoo could not be installed: \`npm install promptfoo@${PF_VERSION}\` in ${dir} exited with ${code}; ` +
          `the last lines (full log: ${log}):\n${text.trim().split('\n').slice(-25).join('\n')}\n` +
          'Only Gauntlet is measured.',
      );
      return undefined;
    }
  }
  const entry = realpathSync(join(dir, 'node_modules/.bin/promptfoo'));
  try {
    execFileSync(process.execPath, [entry, '--version'], {
      env: promptfooEnv(join(dir, 'probe')),
      stdio: 'pipe',
      timeout: 60_000,
    });
  } catch (err) {
    note(
      `promptfoo@${PF_VERSION} is installed in ${dir} but does not start: ${(err as Error).message}\nOnly Gauntlet is measured.`,
    );
    return undefined;
  }
  return entry;
}

/**
 * promptfoo's environment: telemetry, update checks, sharing and remote generation off, its state in a
 * folder of ours. Even with telemetry off it posts one "telemetry disabled" event through its proxy-aware
 * fetch; the proxy variables point that at a closed local port, while NO_PROXY keeps 127.0.0.1 direct.
 */
function promptfooEnv(configDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PROMPTFOO_CONFIG_DIR: configDir,
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_DISABLE_REMOTE_GENERATION: '1',
    PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION: '1',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    OPENAI_API_KEY: 'x',
    NO_COLOR: '1',
  };
}

/**
 * `promptfoo eval -c promptfooconfig.yaml -j C --no-cache --no-progress-bar --no-table -o results.json`:
 * the same prompt, the same JSONL file of tests, the same model, max_tokens and temperature. `promptfoo`
 * keeps its defaults as a user gets them (every result written to its local database, like Gauntlet's
 * run store, and its debug log); each run starts from a copy of the database the warm-up created, so no
 * run pays for another's rows. `promptfoo-lean` is promptfoo at its quickest: `--no-write` (no database)
 * and PROMPTFOO_DISABLE_DEBUG_LOG=1, so it does less than Gauntlet does.
 */
function promptfoo(entry: string, origin: string, dir: string, measure: Measure, lean: boolean): Tool {
  const name = lean ? 'promptfoo-lean' : 'promptfoo';
  const base = join(dir, `${name}-state`);
  return {
    name,
    async run(casesFile, _cases, tag) {
      const work = join(dir, `${name}-${tag}`);
      mkdirSync(work, { recursive: true });
      const state = join(work, 'state');
      if (existsSync(base)) cpSync(base, state, { recursive: true });
      const config = join(work, 'promptfooconfig.yaml');
      writeFileSync(
        config,
        [
          'description: eval-throughput',
          'prompts:',
          `  - ${JSON.stringify(PROMPT)}`,
          'providers:',
          `  - id: openai:chat:${MODEL}`,
          `    config: { apiBaseUrl: ${JSON.stringify(`${origin}/v1`)}, apiKey: x, temperature: 0, max_tokens: ${MAX_TOKENS} }`,
          `tests: ${JSON.stringify(`file://${casesFile}`)}`,
          '',
        ].join('\n'),
      );
      const output = join(work, 'results.json');
      const env = promptfooEnv(state);
      if (lean) env.PROMPTFOO_DISABLE_DEBUG_LOG = '1';
      const r = await measure(
        name,
        () =>
          runSampled(
            process.execPath,
            [
              entry,
              'eval',
              '-c',
              config,
              '-j',
              String(C),
              '--no-cache',
              '--no-progress-bar',
              '--no-table',
              '--no-share',
              '-o',
              output,
              ...(lean ? ['--no-write'] : []),
            ],
            { cwd: work, env, timeoutMs: RUN_TIMEOUT_MS },
          ),
        async () => {
          const stats = (
            JSON.parse(readFileSync(output, 'utf8')) as {
              results: { stats: { successes: number; failures: number; errors: number } };
            }
          ).results.stats;
          return { passes: stats.successes, failures: stats.failures, errors: stats.errors };
        },
      );
      if (tag === 'warmup' && !existsSync(base)) cpSync(state, base, { recursive: true });
      rmSync(work, { recursive: true, force: true });
      return r;
    },
  };
}

function report(results: Map<string, Run[]>, names: string[]): void {
  const med = (name: string, key: keyof Run) =>
    median((results.get(name) ?? []).map((r) => r[key] as number));
  const rows: string[][] = [
    [
      'tool',
      'wall s',
      'cases/s',
      'CPU s',
      'peak RSS MB',
      'tree sum MB',
      'max VmHWM MB',
      'requests',
      'passed',
      'failed',
      'errors',
    ],
  ];
  for (const n of names) {
    rows.push([
      n,
      fmt(med(n, 'wallS'), 2),
      fmt(CASES / med(n, 'wallS'), 0),
      fmt(med(n, 'cpuS'), 2),
      fmt(mb(med(n, 'peakRssKB')), 1),
      fmt(mb(med(n, 'treeRssKB')), 1),
      fmt(mb(med(n, 'hwmKB')), 1),
      fmt(med(n, 'served'), 0),
      fmt(med(n, 'passes'), 0),
      fmt(med(n, 'failures'), 0),
      fmt(med(n, 'errors'), 0),
    ]);
  }
  say(
    `\n${REPS > 1 ? `median of ${REPS} runs` : '1 run'} per tool; peak RSS = max(tree sum sampled every 100 ms, largest per-process VmHWM); ` +
      `CPU = user + system of the tree (${hasGnuTime() ? 'rusage via GNU time' : 'sampled from /proc'})`,
  );
  say(table(rows));
  const expected = expectedPasses(CASES);
  for (const n of names) {
    for (const r of results.get(n) ?? []) {
      if (r.passes !== expected || r.served !== CASES) {
        say(
          `note: a ${n} run passed ${r.passes} cases (designed: ${expected}) and sent ${r.served} requests (cases: ${CASES})`,
        );
        break;
      }
    }
  }
  const peers = names.filter((n) => n !== 'gauntlet');
  if (peers.length === 0) {
    say('\npromptfoo was not measured (see the note above): no ratios.');
    return;
  }
  for (const peer of peers) {
    const timeRatio = med('gauntlet', 'wallS') / med(peer, 'wallS');
    const memRatio = med('gauntlet', 'peakRssKB') / med(peer, 'peakRssKB');
    say('');
    say(
      `ratio gauntlet/${peer}: wall time ${ratio(med('gauntlet', 'wallS'), med(peer, 'wallS'))} (${peer} takes ${fmt(1 / timeRatio, 2)}x as long)`,
    );
    say(
      `ratio gauntlet/${peer}: peak RSS  ${ratio(med('gauntlet', 'peakRssKB'), med(peer, 'peakRssKB'))} (${peer} uses ${fmt(1 / memRatio, 2)}x the memory)`,
    );
    say(
      `ratio gauntlet/${peer}: CPU time  ${ratio(med('gauntlet', 'cpuS'), med(peer, 'cpuS'))} (less sensitive than wall time to other work on the machine)`,
    );
    say(`  target 5x faster (ratio <= 0.20): ${timeRatio <= 0.2 ? 'met' : 'NOT met'}`);
    say(`  target a third of the memory (ratio <= 0.33): ${memRatio <= 1 / 3 ? 'met' : 'NOT met'}`);
  }
}

main().then(
  // Keep-alive sockets to the stopped server must not hold the script open; the exit hook ends any child.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
