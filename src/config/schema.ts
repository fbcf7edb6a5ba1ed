/**
 * The suite schema: the one source of truth for `gauntlet.yaml`. Types come from z.infer; every default is
 * written here once. Stage option schemas live in ./stages so `stages/` can import them (imports point one way).
 */
import { z } from 'zod';
import { duration, priority, selectable, tags } from './primitives.js';
import { apiStageOptions } from './stages/api.js';
import { chaosStageOptions } from './stages/chaos.js';
import { dataStageOptions } from './stages/data.js';
import { evalStageOptions } from './stages/eval.js';
import { loadStageOptions } from './stages/load.js';
import { smokeStageOptions } from './stages/smoke.js';
import { parseMetricSelector, parseThreshold } from './threshold.js';

export const reporterNames = ['console', 'json', 'junit', 'markdown', 'html'] as const;
export type ReporterName = (typeof reporterNames)[number];

const launch = z.strictObject({
  /** A string runs through the shell; a list is spawned directly. `{port}` is replaced by the chosen port. */
  command: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: 'expected a command: a string, or a list of arguments',
  }),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
  /** `auto` picks a free loopback port and substitutes `{port}` in command, env, baseUrl and ready.url. */
  port: z.union([z.literal('auto'), z.number().int().min(1).max(65535)]).default('auto'),
  ready: z
    .strictObject({
      /** Default: the origin of baseUrl + /health. */
      url: z.string().optional(),
      timeout: duration.prefault('30s'),
      interval: duration.prefault('200ms'),
      status: z.number().int().min(100).max(599).optional(),
    })
    .prefault({}),
  shutdown: z
    .strictObject({
      signal: z.enum(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL']).default('SIGTERM'),
      timeout: duration.prefault('10s'),
    })
    .prefault({}),
  sampleInterval: duration.prefault('500ms'),
});

const baseUrl = z.string().refine((s) => /^https?:\/\/[^\s/]+/.test(s), {
  error: (issue) =>
    `expected an http(s) URL like "http://127.0.0.1:8000/v1", got ${JSON.stringify(issue.input)}`,
});

const targetCommon = {
  name: z.string().min(1).optional(),
  /** e.g. http://127.0.0.1:8000/v1; may hold `{port}` when `launch.port` is auto. */
  baseUrl,
  apiKey: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  timeouts: z
    .strictObject({
      connect: duration.prefault('10s'),
      firstByte: duration.prefault('60s'),
      idle: duration.prefault('30s'),
      total: duration.prefault('5m'),
    })
    .prefault({}),
  retry: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(20).default(2),
      baseDelay: duration.prefault('500ms'),
      maxDelay: duration.prefault('10s'),
      honorRetryAfter: z.boolean().default(true),
    })
    .prefault({}),
  launch: launch.optional(),
};

const openaiTarget = z.strictObject({ type: z.literal('openai'), model: z.string().min(1), ...targetCommon });
/** A generic REST prediction service: load stages send `request` templates to it. */
const httpTarget = z.strictObject({
  type: z.literal('http'),
  model: z.string().min(1).optional(),
  ...targetCommon,
});

export const targetSchema = z.discriminatedUnion('type', [openaiTarget, httpTarget]);
export type TargetConfig = z.output<typeof targetSchema>;
export type LaunchConfig = z.output<typeof launch>;

const stageCommon = {
  name: z.string().min(1).optional(),
  timeout: duration.prefault('10m'),
  /** By default a failed stage stops the run (the pyramid); set true to go on to the next stage. */
  continueOnFailure: z.boolean().default(false),
  tags,
  priority: priority.default('P2'),
};

const smokeStage = z.strictObject({ kind: z.literal('smoke'), ...stageCommon, ...smokeStageOptions });
const loadStage = z.strictObject({ kind: z.literal('load'), ...stageCommon, ...loadStageOptions });
const evalStage = z.strictObject({ kind: z.literal('eval'), ...stageCommon, ...evalStageOptions });
const dataStage = z
  .strictObject({ kind: z.literal('data'), ...stageCommon, ...dataStageOptions })
  .refine(
    (s) => s.tables.length + s.datasets.length + s.leakage.length + s.drift.length + s.fairness.length > 0,
    {
      message: 'a data stage needs at least one of `tables`, `datasets`, `leakage`, `drift` or `fairness`',
    },
  );

const apiStage = z.strictObject({ kind: z.literal('api'), ...stageCommon, ...apiStageOptions });
const chaosStage = z.strictObject({ kind: z.literal('chaos'), ...stageCommon, ...chaosStageOptions });

export const stageSchema = z.discriminatedUnion('kind', [
  smokeStage,
  loadStage,
  evalStage,
  dataStage,
  apiStage,
  chaosStage,
]);
export type StageConfig = z.output<typeof stageSchema>;

const thresholdEntry = z.union([
  z.string(),
  z.strictObject({ threshold: z.string(), abortOnFail: z.boolean().default(false) }),
]);

const gates = z
  .record(z.string(), z.array(thresholdEntry).min(1))
  .default({})
  .superRefine((record, ctx) => {
    for (const [metric, entries] of Object.entries(record)) {
      const sel = parseMetricSelector(metric);
      if (typeof sel === 'string') ctx.addIssue({ code: 'custom', path: [metric], message: sel });
      entries.forEach((entry, i) => {
        const parsed = parseThreshold(typeof entry === 'string' ? entry : entry.threshold);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', path: [metric, i], message: parsed });
      });
    }
  });

export const suiteSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    target: targetSchema.optional(),
    targets: z.array(targetSchema).min(1).optional(),
    stages: z.array(stageSchema).min(1),
    gates,
    report: z
      .strictObject({
        reporters: z.array(z.enum(reporterNames)).default(['console', 'json', 'junit', 'markdown']),
        dir: z.string().default('.gauntlet/runs'),
        /** Where runs are indexed: postgres://... for a shared history; absent: the JSONL file in `dir`. */
        history: z.strictObject({ db: z.string().min(1).optional() }).prefault({}),
      })
      .prefault({}),
    ...selectable,
  })
  .superRefine((suite, ctx) => {
    if (suite.target && suite.targets) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets'],
        message: 'set either `target` or `targets`, not both',
      });
    }
    // Data stages read files; every other stage needs something to test.
    const needsTarget = suite.stages.find((s) => s.kind !== 'data');
    if (!suite.target && !suite.targets && needsTarget) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `no target: add \`target:\` (one endpoint) or \`targets:\` (a list of named endpoints); ${needsTarget.kind} stages test a target (only data stages run without one)`,
      });
    }
    suite.targets?.forEach((t, i) => {
      if (!t.name)
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'name'],
          message: 'each of `targets` needs a `name`',
        });
    });
    reportDuplicates(suite.targets?.map((t) => t.name) ?? [], ['targets'], 'name', 'target', ctx);
    reportDuplicates(
      suite.stages.map((s) => s.name ?? s.kind),
      ['stages'],
      'name',
      'stage',
      ctx,
    );
    const targets = suite.targets ?? (suite.target ? [suite.target] : []);
    suite.stages.forEach((stage, i) => {
      if ((stage.kind === 'smoke' || stage.kind === 'eval') && targets.some((t) => t.type !== 'openai')) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', i, 'kind'],
          message: `${stage.kind} stages need OpenAI-compatible targets (type: openai)`,
        });
      }
      if (stage.kind === 'chaos' && targets.some((t) => t.type === 'http') && !stage.request) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', i],
          message: 'a chaos stage against a `type: http` target needs `request:` (method, path, body)',
        });
      }
      if (stage.kind === 'load' && targets.some((t) => t.type === 'http') && !stage.request) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', i],
          message:
            'a load stage against a `type: http` target needs `request:` (method, path, body template)',
        });
      }
    });
  });

function reportDuplicates(
  names: (string | undefined)[],
  base: (string | number)[],
  field: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === undefined) return;
    const first = seen.get(n);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...base, i, field],
        message: `${what} name "${n}" is used twice (also at ${base.join('.')}[${first}]); give each a distinct \`name\``,
      });
    } else seen.set(n, i);
  });
}

/** A suite as written (defaults not yet applied): what `defineSuite` accepts. */
export type SuiteInput = z.input<typeof suiteSchema>;
/** A validated suite with every default applied. */
export type Suite = z.output<typeof suiteSchema>;

/** Identity function so TypeScript users of a suite file get types and completion. */
export function defineSuite(suite: SuiteInput): SuiteInput {
  return suite;
}
