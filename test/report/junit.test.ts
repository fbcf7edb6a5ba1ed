import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { junitReporter, renderJunit } from '../../src/report/junit.js';
import { CURL, HOSTILE, HOSTILE_CLEAN, makeResults, makeSummary, memoryStream, tempDir } from './fixture.js';

const XSD = join(import.meta.dirname, '../fixtures/report/junit.xsd');

/** Evaluates an XPath expression with libxml2 (xmllint --xpath): a real parser reads our XML back. */
async function xpath(xml: string, expr: string): Promise<string> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    normalization: 'format',
    modifyArguments: (args) => ['--xpath', expr, ...args.filter((a) => a !== '--format')],
  });
  expect(result.errors).toEqual([]);
  return result.normalized.replace(/\n$/, '');
}

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [await readFile(XSD, 'utf8')],
  });
}

describe('junit reporter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  const ctx = (extra: { outputPath?: string } = {}) => ({
    runDir: dir,
    stdout: memoryStream(),
    color: false,
    verbosity: 1,
    ...extra,
  });

  it('writes junit.xml into the run directory and it validates against the JUnit schema', async () => {
    const files = await junitReporter(ctx()).onRunEnd?.(makeSummary(), makeResults());
    expect(files).toEqual([join(dir, 'junit.xml')]);
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    const result = await validate(xml);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('writes to the path the user gave, creating its directory', async () => {
    const out = join(dir, 'ci', 'results.xml');
    const files = await junitReporter(ctx({ outputPath: out })).onRunEnd?.(makeSummary(), makeResults());
    expect(files).toEqual([out]);
    expect(await readFile(out, 'utf8')).toContain('<testsuites');
  });

  it('counts match the run: root totals, one suite per stage and target, and the gates suite', async () => {
    const summary = makeSummary();
    const xml = renderJunit(summary, makeResults());
    const root = async (attr: string) => Number(await xpath(xml, `string(/testsuites/@${attr})`));
    // 6 checks + 3 gates; failures: 1 check + 1 gate; skipped: 1 check + 1 gate.
    expect(await root('tests')).toBe(9);
    expect(await root('failures')).toBe(2);
    expect(await root('errors')).toBe(1);
    expect(await root('skipped')).toBe(2);
    expect(await root('time')).toBeCloseTo(32.877, 3);
    expect(await xpath(xml, 'string(/testsuites/@name)')).toBe('chat api | smoke');
    expect(await xpath(xml, 'count(//testcase)')).toBe('9');
    expect(await xpath(xml, 'count(//testcase/failure)')).toBe('2');
    expect(await xpath(xml, 'count(//testcase/error)')).toBe('1');
    expect(await xpath(xml, 'count(//testcase/skipped)')).toBe('2');

    const names = [1, 2, 3].map((i) => xpath(xml, `string(/testsuites/testsuite[${i}]/@name)`));
    expect(await Promise.all(names)).toEqual(['smoke › default', 'smoke › canary', 'gates']);
    for (const [i, stage] of summary.stages.entries()) {
      const suite = `/testsuites/testsuite[${i + 1}]`;
      expect(Number(await xpath(xml, `string(${suite}/@tests)`))).toBe(stage.counts.total);
      expect(Number(await xpath(xml, `string(${suite}/@failures)`))).toBe(stage.counts.fail);
      expect(Number(await xpath(xml, `string(${suite}/@errors)`))).toBe(stage.counts.error);
      expect(Number(await xpath(xml, `string(${suite}/@skipped)`))).toBe(stage.counts.skip);
      expect(await xpath(xml, `string(${suite}/testcase[1]/@classname)`)).toBe(
        `gauntlet.smoke.${stage.target}`,
      );
    }
    expect(await xpath(xml, 'string(//testcase[failure][1]/@time)')).toBe('1.534');
    expect(await xpath(xml, 'string(/testsuites/testsuite[3]/testcase[failure]/@name)')).toBe(
      'checks{stage:smoke} rate>0.99 [default]',
    );
  });

  it('names suites by stage alone when the run has one target', async () => {
    const summary = makeSummary();
    summary.targets = summary.targets.slice(0, 1);
    summary.stages = summary.stages.slice(0, 1);
    const results = makeResults().filter((r) => r.target === 'default');
    const xml = renderJunit(summary, results);
    expect(await xpath(xml, 'string(/testsuites/testsuite[1]/@name)')).toBe('smoke');
    expect((await validate(xml)).valid).toBe(true);
  });

  it('escapes hostile model output: a parser reads back exactly the text, minus what XML cannot hold', async () => {
    const xml = renderJunit(makeSummary(), makeResults());
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toMatch(/[\u0000\u001b\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);

    const failure = '//testcase/failure[@type="smoke.streaming"]';
    expect(await xpath(xml, `string(${failure}/@message)`)).toBe(
      `stream ended without [DONE]; last chunk: ${HOSTILE_CLEAN}`,
    );
    expect(await xpath(xml, `string(${failure}/../@name)`)).toBe('streaming | <b>ends</b> with [DONE]');
    const body = await xpath(xml, `string(${failure})`);
    expect(body).toContain(`excerpt:\n${HOSTILE_CLEAN}\nlorem ipsum`);
    // Details are JSON, which escapes control characters itself: the evidence stays exact.
    expect(body).toContain(`"got": ${JSON.stringify(HOSTILE)}`);
    expect(body).toContain(`curl: ${CURL}`);
    expect(body).toContain('request: POST http://127.0.0.1:8000/v1/chat/completions');

    // The lone surrogate and U+FFFF are dropped; the rest of the message survives.
    expect(await xpath(xml, 'string(//testcase/error/@message)')).toBe('request timed out after 30s ');
  });

  it('still validates when a stage crashed and gates are absent', async () => {
    const summary = makeSummary();
    summary.gates = [];
    summary.stages[0] = {
      ...summary.stages[0]!,
      status: 'error',
      error: 'target crashed: \u0000 exit 139 <core>',
    };
    const xml = renderJunit(summary, makeResults());
    expect((await validate(xml)).valid).toBe(true);
    expect(await xpath(xml, 'string(/testsuites/testsuite[1]/system-err)')).toBe(
      'target crashed:  exit 139 <core>',
    );
    expect(await xpath(xml, 'count(/testsuites/testsuite)')).toBe('2');
  });
});
