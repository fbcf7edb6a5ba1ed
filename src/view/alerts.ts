/**
 * Alert rules over the run history, e.g. `failure_rate > 10%` or `pass_rate drop > 5%`. Pure: parse a rule
 * once, then evaluate every rule on each run of a suite against the run before it. The defaults are the
 * requirement documents' two rules (test failure rate above 10%, a drop of more than 5 points).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { HistoryEntry } from '../run/history/types.js';

/** The quantities a rule can watch; rates are fractions, latencies milliseconds. */
export const ALERT_METRICS = {
  pass_rate: { unit: 'rate', of: (e) => share(e, 'pass') },
  failure_rate: { unit: 'rate', of: (e) => share(e, 'fail') },
  error_rate: { unit: 'rate', of: (e) => e.metrics?.errorRate },
  ttft_p95: { unit: 'ms', of: (e) => e.metrics?.ttftP95Ms },
  e2e_p95: { unit: 'ms', of: (e) => e.metrics?.e2eP95Ms },
  tokens_per_s: { unit: 'per_s', of: (e) => e.metrics?.outputTokensPerS },
} satisfies Record<string, { unit: 'rate' | 'ms' | 'per_s'; of: (e: HistoryEntry) => number | undefined }>;

export type AlertMetric = keyof typeof ALERT_METRICS;
type Op = '>' | '>=' | '<' | '<=';

/** A parsed rule. `change` compares with the previous run of the same suite; absent, the value itself. */
export interface AlertRule {
  text: string;
  metric: AlertMetric;
  change?: 'drop' | 'rise';
  op: Op;
  /** For rates a fraction (absolute) or points as a fraction (change); otherwise in the metric's unit. */
  limit: number;
  /** A change measured relative to the previous value (`ttft_p95 rise > 20%`). */
  relative: boolean;
}

/** One rule that fired on one run. */
export interface FiredAlert {
  rule: string;
  runId: string;
  suite: string;
  startedAt?: string;
  previousRunId?: string;
  value: number;
  limit: number;
  /** How value and limit read: `%`, `pts`, `ms` or `tokens/s`. */
  unit: string;
  message: string;
}

/** The requirement documents' rules, used when none are given. */
export const DEFAULT_ALERT_RULES = ['failure_rate > 10%', 'pass_rate drop > 5%'] as const;

/** A rule that cannot be read: the message names the rule, what is wrong, and shows an example. */
export class AlertRuleError extends Error {
  constructor(
    readonly rule: string,
    problem: string,
  ) {
    super(
      `alert rule ${JSON.stringify(rule)}: ${problem}. Write METRIC [drop|rise] OP VALUE, e.g. "failure_rate > 10%", "pass_rate drop > 5%" or "ttft_p95 rise > 20%"; metrics: ${Object.keys(ALERT_METRICS).join(', ')}`,
    );
    this.name = 'AlertRuleError';
  }
}

function share(e: HistoryEntry, key: 'pass' | 'fail'): number | undefined {
  const c = e.counts;
  if (!c) return undefined;
  const judged = c.pass + c.fail + c.error;
  return judged > 0 ? c[key] / judged : undefined;
}

const RULE = /^([a-z_0-9]+)\s+(?:(drop|rise)\s+)?(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*(%|ms|s)?$/i;

/** Parses one rule; throws AlertRuleError. */
export function parseAlertRule(text: string): AlertRule {
  const src = String(text).trim();
  if (!src) throw new AlertRuleError(text, 'it is empty');
  const m = RULE.exec(src);
  if (!m) {
    const word = src.split(/\s+/)[0] ?? '';
    if (!(word in ALERT_METRICS)) throw new AlertRuleError(src, `unknown metric ${JSON.stringify(word)}`);
    throw new AlertRuleError(src, 'expected an operator (>, >=, <, <=) and a number after the metric');
  }
  const [, name = '', change, op = '>', num = '0', suffix] = m;
  const metric = name.toLowerCase();
  if (!(metric in ALERT_METRICS)) throw new AlertRuleError(src, `unknown metric ${JSON.stringify(name)}`);
  const unit = ALERT_METRICS[metric as AlertMetric].unit;
  const n = Number(num);
  const pct = suffix === '%';
  let limit = n;
  let relative = false;
  if (unit === 'rate') {
    if (suffix && !pct) throw new AlertRuleError(src, `${metric} is a rate: give a percentage like 10%`);
    if (pct) limit = n / 100;
    else if (Math.abs(n) > 1)
      throw new AlertRuleError(src, `${n} is not a rate: write it as a percentage, e.g. ${n}%`);
  } else if (pct) {
    if (!change)
      throw new AlertRuleError(src, `a percentage needs drop or rise (compared with the previous run)`);
    limit = n / 100;
    relative = true;
  } else if (suffix === 's' || suffix === 'ms') {
    if (unit !== 'ms') throw new AlertRuleError(src, `${metric} is not a duration: drop the "${suffix}"`);
    if (suffix === 's') limit = n * 1000;
  }
  if (change && limit < 0)
    throw new AlertRuleError(src, `a ${change} is never negative: use a positive number`);
  return {
    text: src,
    metric: metric as AlertMetric,
    ...(change ? { change: change.toLowerCase() as 'drop' | 'rise' } : {}),
    op: op as Op,
    limit,
    relative,
  };
}

/** Parses the rules of `--alert` flags and an `--alerts` YAML file (a list of rule strings). */
export function loadAlertRules(opts: { rules?: readonly string[]; file?: string }): AlertRule[] {
  const texts = [...(opts.rules ?? [])];
  if (opts.file) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(opts.file, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read the alert rules in ${opts.file}: ${(err as Error).message}`);
    }
    const list =
      doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { alerts?: unknown }).alerts : doc;
    if (!Array.isArray(list) || list.some((r) => typeof r !== 'string')) {
      throw new Error(
        `${opts.file} must be a YAML list of alert rules, e.g.\n- failure_rate > 10%\n- pass_rate drop > 5%`,
      );
    }
    texts.push(...(list as string[]));
  }
  return (texts.length > 0 ? texts : [...DEFAULT_ALERT_RULES]).map(parseAlertRule);
}

const compare = (v: number, op: Op, limit: number) =>
  op === '>' ? v > limit : op === '>=' ? v >= limit : op === '<' ? v < limit : v <= limit;

/** The value a rule watches on `run` (given the run before it), or undefined when it cannot be measured. */
export function ruleValue(rule: AlertRule, run: HistoryEntry, previous?: HistoryEntry): number | undefined {
  const of = ALERT_METRICS[rule.metric].of;
  const current = of(run);
  if (current === undefined || !Number.isFinite(current)) return undefined;
  if (!rule.change) return current;
  const before = previous ? of(previous) : undefined;
  if (before === undefined || !Number.isFinite(before)) return undefined;
  const diff = rule.change === 'drop' ? before - current : current - before;
  if (!rule.relative) return diff;
  return before === 0 ? undefined : diff / Math.abs(before);
}

function unitOf(rule: AlertRule): string {
  const unit = ALERT_METRICS[rule.metric].unit;
  if (rule.relative) return '%';
  if (unit === 'rate') return rule.change ? 'pts' : '%';
  return unit === 'ms' ? 'ms' : 'tokens/s';
}

const shown = (v: number, unit: string) =>
  unit === '%' || unit === 'pts' ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;

/**
 * Every alert that fires over `runs` (any order; grouped by suite and ordered by start time here). A change
 * rule compares a run with the previous run of the same suite.
 */
export function evaluateAlerts(rules: readonly AlertRule[], runs: readonly HistoryEntry[]): FiredAlert[] {
  const bySuite = new Map<string, HistoryEntry[]>();
  for (const r of runs) {
    const key = suiteKey(r);
    bySuite.set(key, [...(bySuite.get(key) ?? []), r]);
  }
  const fired: FiredAlert[] = [];
  for (const [suite, list] of bySuite) {
    const ordered = [...list].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    ordered.forEach((run, i) => {
      const previous = i > 0 ? ordered[i - 1] : undefined;
      for (const rule of rules) {
        const value = ruleValue(rule, run, previous);
        if (value === undefined || !compare(value, rule.op, rule.limit)) continue;
        const unit = unitOf(rule);
        const what = rule.change
          ? `${rule.metric} ${rule.change === 'drop' ? 'dropped' : 'rose'}`
          : rule.metric;
        fired.push({
          rule: rule.text,
          runId: run.id,
          suite,
          ...(run.startedAt ? { startedAt: run.startedAt } : {}),
          ...(rule.change && previous ? { previousRunId: previous.id } : {}),
          value: shown(value, unit),
          limit: shown(rule.limit, unit),
          unit,
          message: `${what} ${shown(value, unit)} ${unit} (limit ${rule.op} ${shown(rule.limit, unit)} ${unit})`,
        });
      }
    });
  }
  return fired.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}

/** The name runs of one suite share: the suite's name, else its file. */
export function suiteKey(e: Pick<HistoryEntry, 'suite'>): string {
  return e.suite.name ?? e.suite.file;
}
