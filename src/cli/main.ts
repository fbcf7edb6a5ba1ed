/**
 * The `gauntlet` command line: thin on purpose. Commands parse flags and call the layers below;
 * every error becomes one message and an exit code (0 pass, 1 failed, 2 usage/config, 3 target/crash).
 */
import { Command, CommanderError, Option } from 'commander';
import { gauntletVersion } from '../version.js';
import { compareCommand } from './commands/compare.js';
import { dataGenerateCommand, dataLeakageCommand, dataValidateCommand } from './commands/data.js';
import { dataExpectCommand } from './commands/data-expect.js';
import { dataPiiCommand } from './commands/data-pii.js';
import { dataProfileCommand } from './commands/data-profile.js';
import { fairnessCommand } from './commands/data-tables.js';
import { driftCommand } from './commands/drift.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { initCommand } from './commands/init.js';
import { loadCommand } from './commands/load.js';
import { runCommand } from './commands/run.js';
import {
  runsAuditCommand,
  runsDeleteCommand,
  runsListCommand,
  runsReindexCommand,
  runsShowCommand,
} from './commands/runs.js';
import { serveCommand } from './commands/serve.js';
import { reportError } from './errors.js';
import type { CliIO } from './io.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = new Command('gauntlet')
    .description('Test LLM and ML deployments across the testing pyramid, with one verdict for CI.')
    .version(gauntletVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  program
    .command('run')
    .description('run a suite and exit with its verdict')
    .argument('[suite]', 'suite file', 'gauntlet.yaml')
    .option('-s, --stage <kind>', 'run only this stage (kind or name); repeatable', collect)
    .option('-t, --tag <tag>', 'run only stages and checks with this tag; repeatable', collect)
    .addOption(
      new Option('-p, --priority <P>', 'run only checks at least this important (P1 = P0 and P1)').choices([
        'P0',
        'P1',
        'P2',
        'P3',
        'P4',
      ]),
    )
    .option(
      '-r, --reporter <name[=path]>',
      "console, json, junit, markdown, html; repeatable; replaces the suite's list",
      collect,
    )
    .option('-o, --out <dir>', "where runs are stored (default: the suite's report.dir, .gauntlet/runs)")
    .option('--target-url <url>', "test this base URL instead of the suite's targets (no launch)")
    .option('--model <id>', "request this model instead of the suite's")
    .option('-q, --quiet', 'print only failures and the verdict')
    .option('-v, --verbose', 'print more detail')
    .option('--baseline <ref>', 'then compare with this run (an id, a path, latest or last-passing)')
    .option('--fail-on-regression', 'with --baseline: exit 1 when any metric regressed')
    .option('--db <url>', 'index the run in PostgreSQL (postgres://...), over report.history.db')
    .option(
      '--ci [provider]',
      'CI logs: no colours, line progress, annotations (github, gitlab, plain; default: detect)',
    )
    .action(async (suite: string, flags) => {
      exitCode = await runCommand(suite, flags, io);
    });

  program
    .command('load')
    .description('an ad-hoc load test of an OpenAI-compatible endpoint (no suite file needed)')
    .option('--target-url <url>', 'base URL, e.g. http://127.0.0.1:8000/v1')
    .option('--model <id>', 'model id to request')
    .option('--api-key <key>', 'bearer key (default: $OPENAI_API_KEY)')
    .option(
      '--profile <name>',
      'synchronous | concurrency | rate | poisson | throughput | sweep',
      'concurrency',
    )
    .option('--duration <d>', 'how long each level runs, e.g. 30s')
    .option('--requests <n>', 'how many requests each level sends (default 100 when no duration)')
    .option('--concurrency <n>', 'requests in flight (concurrency, throughput, sweep)')
    .option('--rate <r>', 'arrivals per second (rate, poisson)')
    .option('--stream', 'stream responses (default)', true)
    .option('--no-stream', 'do not stream (no TTFT/ITL)')
    .option('--max-tokens <n>', 'max_tokens per request (default 128)')
    .option('--prompt <text>', 'a prompt to send; repeatable', collect)
    .option('--workload <file>', 'JSONL of prompts, chat messages or ShareGPT conversations')
    .option('--warmup <d>', 'exclude the first part of the run from the figures')
    .option('--workers <n>', 'generator threads (when one event loop is the bottleneck)')
    .option('--threshold <metric:expr>', "k6-style threshold, e.g. 'ttft:p(95)<500'; repeatable", collect)
    .option('-r, --reporter <name[=path]>', 'console, json, junit, markdown, html; repeatable', collect)
    .option('-o, --out <dir>', 'where runs are stored', '.gauntlet/runs')
    .option('-q, --quiet', 'print only failures and the verdict')
    .option('-v, --verbose', 'print more detail')
    .option(
      '--ci [provider]',
      'CI logs: no colours, line progress, annotations (github, gitlab, plain; default: detect)',
    )
    .action(async (flags) => {
      exitCode = await loadCommand(flags, io);
    });

  program
    .command('eval')
    .description('run one eval file ad hoc (its cases, assertions, checklist, bias and safety tests)')
    .argument('<file>', 'eval file (YAML): prompt, cases, defaultAssert, ... and optionally target')
    .option('--target-url <url>', "the model to evaluate (replaces the file's target)")
    .option('--model <id>', 'model id')
    .option('--api-key <key>', 'bearer key')
    .option('-r, --reporter <name[=path]>', 'console, json, junit, markdown, html; repeatable', collect)
    .option('-o, --out <dir>', 'where runs are stored', '.gauntlet/runs')
    .option('-q, --quiet', 'print only failures and the verdict')
    .option('-v, --verbose', 'print more detail')
    .option(
      '--ci [provider]',
      'CI logs: no colours, line progress, annotations (github, gitlab, plain; default: detect)',
    )
    .action(async (file: string, flags) => {
      exitCode = await evalCommand(file, flags, io);
    });

  const data = program.command('data').description('check training and eval data (no target needed)');
  data
    .command('validate')
    .description(
      'validate a JSONL dataset line by line (--format), or a table against expectations (--expectations)',
    )
    .argument('<file>', 'the JSONL file, or a table (CSV, TSV, Parquet, JSON, JSONL, globs)')
    .option('--format <format>', 'chat | instruction | preference | completion | pairs')
    .option('--expectations <file>', 'a Great Expectations suite (.json) or YAML with `expectations:`')
    .option('--max-problems <n>', 'problems to keep (all are counted)', '100')
    .option('--json <file>', 'write the whole report as JSON')
    .action(async (file: string, flags) => {
      if (flags.expectations && flags.format) {
        io.stderr.write('error: give --format (a JSONL dataset) or --expectations (a table), not both\n');
        exitCode = 2;
      } else if (flags.expectations) exitCode = await dataExpectCommand(file, flags, io);
      else exitCode = await dataValidateCommand(file, flags, io);
    });
  data
    .command('generate')
    .description('write a seeded synthetic dataset in one of the formats')
    .requiredOption('--format <format>', 'chat | instruction | preference | completion | pairs')
    .requiredOption('--n <n>', 'how many samples')
    .option('--seed <s>', 'seed (the same seed writes the same file)', '42')
    .option('--out <file>', 'where to write (.jsonl)')
    .action(async (flags) => {
      exitCode = await dataGenerateCommand(flags, io);
    });
  data
    .command('leakage')
    .description('find test samples that are also in the training set: exact, normalised and near-duplicates')
    .argument('<train>', 'training JSONL')
    .argument('<test>', 'test JSONL')
    .requiredOption('--format <format>', 'chat | instruction | preference | completion | pairs')
    .option('--part <part>', 'compare inputs, outputs or both', 'input')
    .option('--threshold <j>', 'Jaccard similarity from which two texts are near-duplicates', '0.8')
    .option('--max-rate <r>', 'leaked share of the test set allowed', '0')
    .option('--json <file>', 'write the whole report as JSON')
    .action(async (train: string, test: string, flags) => {
      exitCode = await dataLeakageCommand(train, test, flags, io);
    });
  data
    .command('pii')
    .description('find personal data and secrets in a table (CSV, TSV, Parquet, JSON, JSONL, globs)')
    .argument('<file>', 'the table')
    .option('--columns <a,b>', 'scan these columns, any type, as text (default: every text column)')
    .option('--kinds <k,l>', 'email, phone, credit_card, iban, ssn, ipv4, ipv6, api_key (default: all)')
    .option('--max <n>', 'PII matches allowed', '0')
    .option('--samples <n>', 'masked samples kept per column and kind', '5')
    .option('--mask <out>', 'write a copy with every match replaced by [KIND] (.csv, .parquet, .jsonl)')
    .option('--json <file>', 'write the whole report as JSON')
    .action(async (file: string, flags) => {
      exitCode = await dataPiiCommand(file, flags, io);
    });
  data
    .command('profile')
    .description('profile each column of a table: nulls, distinct, range, quantiles, histogram, top values')
    .argument('<file>', 'the table (CSV, TSV, Parquet, JSON, JSONL, globs)')
    .option('--columns <a,b>', 'profile only these columns')
    .option('--bins <n>', 'histogram bins per numeric column', '10')
    .option('--top <n>', 'most frequent values kept per categorical column', '10')
    .option('--json <file>', 'write the whole profile as JSON')
    .action(async (file: string, flags) => {
      exitCode = await dataProfileCommand(file, flags, io);
    });

  program
    .command('drift')
    .description(
      'compare the columns of a current table with a reference (CSV, TSV, Parquet, JSON, JSONL, globs)',
    )
    .argument('<reference>', 'reference table, or a reference profile (.json) written by --save-profile')
    .argument('<current>', 'current table')
    .option('--columns <a,b>', 'compare only these columns (default: every column in both)')
    .option('--share <s>', 'share of drifted columns from which the dataset drifts', '0.5')
    .option('--correction <c>', 'none | bonferroni | bh (Benjamini-Hochberg) on test p-values', 'none')
    .option(
      '--method <m>',
      'one method for every column: ks, chisquare, z, wasserstein, jensenshannon, psi, kl, linf, anderson',
    )
    .option('--column-method <col=m>', 'a method for one column; repeatable or a comma list', collect)
    .option(
      '--threshold <method=value>',
      'p-value (tests) or distance limit of a method; repeatable or a comma list',
      collect,
    )
    .option('--bins <n>', 'reference quantile bins for binned methods on numeric columns (default 10)')
    .option(
      '--save-profile <file>',
      'also write the reference profile (JSON) to compare later batches against',
    )
    .option('--json <file>', 'write the whole report as JSON')
    .action(async (reference: string, current: string, flags) => {
      exitCode = await driftCommand(reference, current, flags, io);
    });
  program
    .command('fairness')
    .description('model quality, group fairness and calibration from a predictions table')
    .argument('<predictions>', 'predictions table (CSV, TSV, Parquet, JSON, JSONL, globs)')
    .requiredOption('--y-true <column>', 'true labels')
    .requiredOption('--y-pred <column>', 'predicted labels')
    .option('--y-score <column>', 'predicted probability of the positive label (adds ROC AUC, ECE, Brier)')
    .requiredOption('--group <column>', 'sensitive group')
    .option('--privileged <value>', 'privileged group value (adds average odds difference)')
    .option('--pos-label <value>', 'positive label', '1')
    .option('--max-dp-difference <d>', 'largest demographic parity difference allowed', '0.1')
    .option('--min-disparate-impact <r>', 'smallest disparate impact allowed (the 80% rule)', '0.8')
    .option('--json <file>', 'write the whole report as JSON')
    .action(async (predictions: string, flags) => {
      exitCode = await fairnessCommand(predictions, flags, io);
    });

  program
    .command('compare')
    .description('compare two stored runs with statistics: regressed, improved, unchanged or inconclusive')
    .argument('[runs...]', 'BASE CURRENT: run ids, run directories or latest (CURRENT defaults to latest)')
    .option('--runs-dir <dir>', 'where runs are stored', '.gauntlet/runs')
    .option('--baseline <ref>', 'base run (id, path, latest, last-passing); [runs] is then CURRENT')
    .option('--targets <base,current>', 'compare two targets of one run (canary), e.g. stable,canary')
    .option('--fail-on-regression', 'exit 1 when any metric regressed')
    .option('--markdown <file>', 'write the comparison as Markdown (for a pull-request comment)')
    .option('--json <file>', 'write the whole comparison as JSON')
    .option('--alpha <a>', 'significance level after Holm correction', '0.01')
    .action(async (runs: string[], flags) => {
      exitCode = await compareCommand(runs, flags, io);
    });

  program
    .command('serve')
    .description(
      'start the reference OpenAI-compatible server (simulated engine, or llama.cpp on a GGUF file)',
    )
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8000')
    .option('--config <file>', 'server options file (YAML or JSON)')
    .option('--answers <file>', 'JSONL of {match, response} scripted answers')
    .option('--model <id>', 'model id to serve; repeatable (with --engine llama: the GGUF file)', collect)
    .option('--api-key <key>', 'require this bearer key; repeatable', collect)
    .option('--cors <origin>', 'allow browsers at this origin (* for any); repeatable', collect)
    .option('--rate-limit <rps[:burst]>', 'per-key rate limit, e.g. 5:10 (429 with Retry-After beyond it)')
    .option('--record', 'keep per-request server timestamps at /debug/requests')
    .option('--broken <mode>', 'misbehave on purpose (see --help-broken); repeatable', collect)
    .option('--seed <n>', 'seed of the latency and fault draws')
    .option(
      '--engine <engine>',
      'sim (simulated, default) or llama (llama.cpp on the GGUF file given as --model)',
    )
    .option(
      '--served-model-name <id>',
      'with --engine llama: the model id to serve (default: the file name); repeatable',
      collect,
    )
    .option('--parallel <n>', 'with --engine llama: sequences generating at once (default 4)')
    .option('--threads <n>', 'with --engine llama: CPU threads (default 1)')
    .option('--ctx-size <n>', 'with --engine llama: context of each sequence in tokens (default 2048)')
    .option('--gpu', 'with --engine llama: offload to a GPU when there is one')
    .action(async (flags) => {
      exitCode = await serveCommand(flags, io);
    });

  program
    .command('proxy')
    .description('a fault-injection proxy (TCP and HTTP faults) in front of a server, with a control API')
    .option('--upstream <url>', 'the server to forward to, e.g. http://127.0.0.1:8000')
    .option('--listen <host:port>', 'where the proxy listens (port 0 picks a free one)', '127.0.0.1:0')
    .option('--control-port <n>', 'port of the control API on 127.0.0.1 (0 picks a free one)', '0')
    .option('--token <t>', 'bearer token of the control API (default: random, printed once)')
    .option('--fault <json>', 'a fault (JSON) applied from the start; repeatable', collect)
    .option('--seed <n>', 'seed of the toxicity, jitter and slice-size draws')
    .action(async (flags) => {
      // Loaded on use: the proxy's HTTP client is needed by no other command.
      const { proxyCommand } = await import('./commands/proxy.js');
      exitCode = await proxyCommand(flags, io);
    });

  const runs = program.command('runs').description('the run history: list, show, reindex, delete, audit');
  const runsDir = ['--runs-dir <dir>', 'where runs are stored (default .gauntlet/runs)'] as const;
  const historyDb = ['--db <url>', 'history in PostgreSQL (postgres://...; default: GAUNTLET_DB)'] as const;
  runs
    .command('list', { isDefault: true })
    .description('list indexed runs, newest first')
    .option(...runsDir)
    .option(...historyDb)
    .option('--suite <name>', 'only runs of this suite (name or file)')
    .option('--limit <n>', 'at most this many runs')
    .option('--all', 'include deleted runs')
    .option('--json', 'print the index entries as JSON')
    .action(async (flags) => {
      exitCode = await runsListCommand(flags, io);
    });
  runs
    .command('show')
    .description("print a run's headline, suite, targets, commit and who ran it")
    .argument('<run>', 'run id, run directory or latest')
    .option(...runsDir)
    .option(...historyDb)
    .option('--json', 'print the index entry and headline as JSON')
    .action(async (ref: string, flags) => {
      exitCode = await runsShowCommand(ref, flags, io);
    });
  runs
    .command('reindex')
    .description('index the run directories the history lacks (runs made before it existed)')
    .option(...runsDir)
    .option(...historyDb)
    .action(async (flags) => {
      exitCode = await runsReindexCommand(flags, io);
    });
  runs
    .command('delete')
    .description("delete a run's stored outputs; the history keeps it marked deleted and audits it")
    .argument('<run>', 'run id, run directory or latest')
    .option(...runsDir)
    .option(...historyDb)
    .option('--reason <text>', 'why, for the audit log')
    .option('-y, --yes', 'confirm the deletion')
    .action(async (ref: string, flags) => {
      exitCode = await runsDeleteCommand(ref, flags, io);
    });
  runs
    .command('audit')
    .description('print the audit log of deletions')
    .option(...runsDir)
    .option(...historyDb)
    .option('--json', 'print the records as JSON')
    .action(async (flags) => {
      exitCode = await runsAuditCommand(flags, io);
    });

  program
    .command('export')
    .description("export a stored run's summary for dashboards (Prometheus text or JSON lines)")
    .argument('<run>', 'run id, run directory or latest')
    .option('--format <format>', 'prometheus | jsonl')
    .option('--out <file>', 'write here instead of stdout')
    .option('--runs-dir <dir>', 'where runs are stored (default .gauntlet/runs)')
    .action(async (ref: string, flags) => {
      exitCode = await exportCommand(ref, flags, io);
    });

  program
    .command('view')
    .description('a local web app over the run history: runs, run detail, compare, trends and alerts')
    .option('--runs-dir <dir>', 'where runs are stored (default .gauntlet/runs)')
    .option('--db <url>', 'read the history from this database instead of the runs directory')
    .option('--port <n>', 'port on the loopback address (0 picks a free one)', '0')
    .option('--host <host>', 'loopback address to bind: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .option('--alert <rule>', 'an alert rule, e.g. "failure_rate > 10%"; repeatable', collect)
    .option('--alerts <file>', 'a YAML list of alert rules')
    .action(async (flags) => {
      // Loaded on use: the viewer's pages and server are needed by no other command.
      const { viewCommand } = await import('./commands/view.js');
      exitCode = await viewCommand(flags, io);
    });

  const model = program
    .command('model')
    .description('GGUF model files: write a tiny test model, inspect one');
  model
    .command('tiny')
    .description(
      'write a tiny random-weight Llama GGUF (about 1 MB, gibberish text) for testing the llama engine',
    )
    .requiredOption('--out <file>', 'where to write the .gguf file')
    .option('--seed <n>', 'weights seed; the same seed writes the same bytes', '0')
    .action(async (flags) => {
      // Loaded on use, like every model command: no other command needs the GGUF code.
      const { modelTinyCommand } = await import('./commands/model.js');
      exitCode = await modelTinyCommand(flags, io);
    });
  model
    .command('inspect')
    .description('check a GGUF file (whole, readable) and show its architecture, size and tokenizer')
    .argument('<file>', 'the .gguf file')
    .option('--json', 'print the summary, metadata and tensors as JSON')
    .action(async (file: string, flags) => {
      const { modelInspectCommand } = await import('./commands/model.js');
      exitCode = await modelInspectCommand(file, flags, io);
    });

  program
    .command('init')
    .description('write a commented starter suite')
    .argument('[file]', 'where to write it', 'gauntlet.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (file: string, flags) => {
      exitCode = await initCommand(file, flags, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    return reportError(err, io);
  }
  return exitCode;
}
