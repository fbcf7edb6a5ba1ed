/**
 * `gauntlet load`: an ad-hoc load test without a suite file. Flags become a one-stage suite that is
 * validated by the same schema (so a bad flag gets the same message a bad suite would) and run the same way.
 */
import { createHash } from 'node:crypto';
import type { LoadedSuite } from '../../config/load.js';
import { type SuiteInput, suiteSchema } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { reportError } from '../errors.js';
import type { CliIO } from '../io.js';
import { executeSuite, type RunFlags } from './run.js';

export interface LoadFlags extends Pick<RunFlags, 'reporter' | 'out' | 'quiet' | 'verbose' | 'ci'> {
  targetUrl?: string;
  model?: string;
  apiKey?: string;
  profile: string;
  duration?: string;
  requests?: string;
  concurrency?: string;
  rate?: string;
  stream: boolean;
  maxTokens?: string;
  prompt?: string[];
  workload?: string;
  threshold?: string[];
  warmup?: string;
  workers?: string;
}

const num = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(v)}`);
  return n;
};

/** Builds the one-stage suite the flags describe. */
export function suiteFromFlags(flags: LoadFlags, env: NodeJS.ProcessEnv): SuiteInput {
  if (!flags.targetUrl)
    throw new UsageError('gauntlet load needs --target-url URL (e.g. http://127.0.0.1:8000/v1)');
  if (!flags.model)
    throw new UsageError(
      'gauntlet load needs --model NAME (the model id the server serves; see GET /v1/models)',
    );
  const concurrency = num('--concurrency', flags.concurrency);
  const rate = num('--rate', flags.rate);
  const profile = (() => {
    switch (flags.profile) {
      case 'synchronous':
        return { type: 'synchronous' as const };
      case 'concurrency':
        return { type: 'concurrency' as const, concurrency: concurrency ?? 1 };
      case 'throughput':
        return { type: 'throughput' as const, ...(concurrency ? { concurrency } : {}) };
      case 'rate':
      case 'poisson':
        if (!rate) throw new UsageError(`--profile ${flags.profile} needs --rate REQUESTS_PER_SECOND`);
        return { type: flags.profile, rate };
      case 'sweep':
        return { type: 'sweep' as const, ...(concurrency ? { concurrency } : {}) };
      default:
        throw new UsageError(
          `--profile ${flags.profile} is not a profile; use synchronous, concurrency, rate, poisson, throughput or sweep (ramping profiles need a suite file)`,
        );
    }
  })();
  const thresholds: Record<string, string[]> = {};
  for (const t of flags.threshold ?? []) {
    const i = t.indexOf(':');
    if (i <= 0)
      throw new UsageError(`--threshold ${JSON.stringify(t)}: write METRIC:EXPRESSION, e.g. ttft:p(95)<500`);
    const metric = t.slice(0, i);
    thresholds[metric] = [...(thresholds[metric] ?? []), t.slice(i + 1)];
  }
  const workload = flags.workload
    ? { type: 'file' as const, path: flags.workload }
    : {
        type: 'prompts' as const,
        prompts: flags.prompt?.length ? flags.prompt : ['Write a short poem about the sea.'],
      };
  const apiKey = flags.apiKey ?? env.OPENAI_API_KEY;
  return {
    name: 'gauntlet load',
    target: { type: 'openai', baseUrl: flags.targetUrl, model: flags.model, ...(apiKey ? { apiKey } : {}) },
    stages: [
      {
        kind: 'load',
        profile,
        workload,
        stream: flags.stream,
        ...(flags.duration ? { duration: flags.duration } : {}),
        ...(flags.requests ? { requests: num('--requests', flags.requests) } : {}),
        ...(flags.maxTokens ? { maxTokens: num('--max-tokens', flags.maxTokens) } : {}),
        ...(flags.warmup ? { warmup: flags.warmup } : {}),
        ...(flags.workers ? { workers: num('--workers', flags.workers) } : {}),
        thresholds,
      },
    ],
  } as SuiteInput;
}

/** Runs an ad-hoc load test; returns the exit code. */
export async function loadCommand(flags: LoadFlags, io: CliIO): Promise<number> {
  try {
    const input = suiteFromFlags(flags, io.env);
    const parsed = suiteSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new UsageError(`bad flags: ${issues}`);
    }
    const loaded: LoadedSuite = {
      suite: parsed.data,
      file: '(gauntlet load)',
      dir: io.cwd,
      hash: createHash('sha256')
        .update(JSON.stringify({ ...input, target: { ...input.target, apiKey: undefined } }))
        .digest('hex'),
      secrets: input.target?.apiKey ? [input.target.apiKey] : [],
    };
    return await executeSuite(
      loaded,
      {
        reporter: flags.reporter ?? ['console', 'json'],
        out: flags.out ?? '.gauntlet/runs',
        quiet: flags.quiet,
        verbose: flags.verbose,
        ci: flags.ci,
      },
      io,
    );
  } catch (err) {
    return reportError(err, io);
  }
}
