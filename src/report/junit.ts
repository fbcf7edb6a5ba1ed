/**
 * The junit reporter: the XML every CI system understands. One `<testsuite>` per (stage, target), one
 * `<testcase>` per check, and the gates as a last suite so a failed gate shows up in CI's test view too.
 */
import type { CheckResult } from '../run/events.js';
import type { GateResult, RunSummary } from '../run/summary.js';
import {
  countResults,
  evidenceItems,
  formatNumber,
  groupByStage,
  hasManyTargets,
  type StageGroup,
  suiteName,
} from './format.js';
import { writeReport } from './output.js';
import type { ReporterFactory } from './types.js';
import { xmlTag, xmlText } from './xml.js';

interface SuiteTotals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Where a suite sits in the document, and what every suite shares. */
interface SuitePlace {
  id: number;
  many: boolean;
  timestamp: string | undefined;
}

/** Writes `junit.xml` (or the path the user gave) at the end of the run. */
export const junitReporter: ReporterFactory = (ctx) => ({
  async onRunEnd(summary, results) {
    return [await writeReport(ctx, 'junit.xml', renderJunit(summary, results))];
  },
});

/** Renders a run as a JUnit XML document. */
export function renderJunit(summary: RunSummary, results: readonly CheckResult[]): string {
  const timestamp = junitTimestamp(summary.startedAt);
  const many = hasManyTargets(summary, results);
  const suites: string[] = [];
  const totals: SuiteTotals = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  groupByStage(summary, results).forEach((group, id) => {
    const counts = countResults(group.results);
    const suite = { tests: counts.total, failures: counts.fail, errors: counts.error, skipped: counts.skip };
    add(totals, suite);
    suites.push(stageSuite(group, suite, { id, many, timestamp }));
  });

  if (summary.gates.length > 0) {
    const gates = summary.gates;
    const suite = {
      tests: gates.length,
      failures: gates.filter((g) => g.status === 'fail').length,
      errors: 0,
      skipped: gates.filter((g) => g.status === 'skip').length,
    };
    add(totals, suite);
    suites.push(gatesSuite(gates, suite, { id: suites.length, many, timestamp }));
  }

  const root = xmlTag('testsuites', {
    name: suiteName(summary),
    tests: totals.tests,
    failures: totals.failures,
    errors: totals.errors,
    skipped: totals.skipped,
    time: seconds(summary.durationMs),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${suites.join('')}</testsuites>\n`;
}

function stageSuite(group: StageGroup, totals: SuiteTotals, at: SuitePlace): string {
  const classname = `gauntlet.${group.stage}.${group.target}`;
  const head = xmlTag('testsuite', {
    name: at.many ? `${group.stage} › ${group.target}` : group.stage,
    ...totals,
    time: seconds(group.summary?.durationMs ?? sumDurations(group.results)),
    timestamp: at.timestamp,
    id: at.id,
    package: classname,
  });
  const properties = [
    property('stage', group.stage),
    property('target', group.target),
    group.summary ? property('kind', group.summary.kind) : '',
    group.summary ? property('status', group.summary.status) : '',
  ].join('');
  const cases = group.results.map((r) => testcase(r, classname)).join('');
  // A stage that crashed may have no failing check to show for it; its error goes where CI shows stderr.
  const stageError = group.summary?.error
    ? `    <system-err>${xmlText(group.summary.error)}</system-err>\n`
    : '';
  return `  ${head}\n    <properties>\n${properties}    </properties>\n${cases}${stageError}  </testsuite>\n`;
}

function testcase(result: CheckResult, classname: string): string {
  const attrs = { classname, name: result.name, time: seconds(result.durationMs) };
  switch (result.status) {
    case 'pass':
      return `    ${xmlTag('testcase', attrs, true)}\n`;
    case 'skip':
      return wrapCase(attrs, xmlTag('skipped', { message: result.message }, true));
    case 'fail':
    case 'error': {
      // `type` is where JUnit puts an exception class; the stable check id is the closest equivalent.
      const tag = result.status === 'fail' ? 'failure' : 'error';
      const open = xmlTag(tag, { message: result.message, type: result.id });
      return wrapCase(attrs, `${open}${xmlText(failureBody(result))}</${tag}>`);
    }
  }
}

function wrapCase(attrs: Record<string, string>, inner: string): string {
  return `    ${xmlTag('testcase', attrs)}\n      ${inner}\n    </testcase>\n`;
}

/** The failure body CI shows when the test is expanded: the message, then the evidence, then the curl. */
function failureBody(result: CheckResult): string {
  const lines = [result.message];
  if (result.priority) lines.push(`priority: ${result.priority}`);
  for (const item of evidenceItems(result.evidence, { prettyDetails: true })) {
    lines.push(item.multiline ? `${item.label}:\n${item.value}` : `${item.label}: ${item.value}`);
  }
  return lines.join('\n');
}

function gatesSuite(gates: readonly GateResult[], totals: SuiteTotals, at: SuitePlace): string {
  const head = xmlTag('testsuite', {
    name: 'gates',
    ...totals,
    time: '0.000',
    timestamp: at.timestamp,
    id: at.id,
    package: 'gauntlet.gates',
  });
  const cases = gates.map((gate) => {
    const name = `${gate.metric} ${gate.threshold}${gate.target ? ` [${gate.target}]` : ''}`;
    const attrs = { classname: 'gauntlet.gates', name, time: '0.000' };
    if (gate.status === 'pass') return `    ${xmlTag('testcase', attrs, true)}\n`;
    if (gate.status === 'skip') return wrapCase(attrs, xmlTag('skipped', { message: gate.message }, true));
    const body = [gate.message, `observed: ${formatNumber(gate.observed)}`];
    if (gate.abortOnFail) body.push('abortOnFail: the run was stopped when this gate failed');
    const failure = xmlTag('failure', { message: gate.message, type: 'gate' });
    return wrapCase(attrs, `${failure}${xmlText(body.join('\n'))}</failure>`);
  });
  return `  ${head}\n    <properties/>\n${cases.join('')}  </testsuite>\n`;
}

function property(name: string, value: string): string {
  return `      ${xmlTag('property', { name, value }, true)}\n`;
}

function add(into: SuiteTotals, more: SuiteTotals): void {
  into.tests += more.tests;
  into.failures += more.failures;
  into.errors += more.errors;
  into.skipped += more.skipped;
}

function sumDurations(results: readonly CheckResult[]): number {
  return results.reduce((sum, r) => sum + r.durationMs, 0);
}

/** JUnit times are decimal seconds; millisecond precision is what we measure. */
function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

/**
 * `2024-05-01T12:00:00` in UTC: the strict JUnit schema allows neither a fraction nor a zone. Left out when
 * `startedAt` is unreadable rather than inventing a time.
 */
function junitTimestamp(iso: string): string | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 19);
}
