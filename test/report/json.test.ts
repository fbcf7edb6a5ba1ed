import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeJson } from '../../src/report/format.js';
import { jsonReporter } from '../../src/report/json.js';
import { makeResults, makeSummary, memoryStream, tempDir } from './fixture.js';

describe('json reporter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  const ctx = (outputPath?: string) => ({
    runDir: dir,
    stdout: memoryStream(),
    color: false,
    verbosity: 1,
    ...(outputPath ? { outputPath } : {}),
  });

  it('writes report.json that round-trips to the same summary and results, hostile text included', async () => {
    const summary = makeSummary();
    const results = makeResults();
    const files = await jsonReporter(ctx()).onRunEnd?.(summary, results);
    expect(files).toEqual([join(dir, 'report.json')]);
    const text = await readFile(join(dir, 'report.json'), 'utf8');
    expect(text.startsWith('{\n  "summary": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    // JSON escapes NUL, ESC and the lone surrogate, so none reaches the file raw.
    expect(text).not.toMatch(/[\u0000\u001b]|[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(JSON.parse(text)).toEqual({ summary, results });
  });

  it('writes to the path the user gave, or into a directory named with a trailing slash', async () => {
    const file = join(dir, 'out', 'gauntlet.json');
    expect(await jsonReporter(ctx(file)).onRunEnd?.(makeSummary(), [])).toEqual([file]);
    expect(JSON.parse(await readFile(file, 'utf8')).results).toEqual([]);

    const folder = `${join(dir, 'reports')}/`;
    expect(await jsonReporter(ctx(folder)).onRunEnd?.(makeSummary(), [])).toEqual([
      join(folder, 'report.json'),
    ]);
  });

  it('survives evidence with cycles and BigInts instead of losing the report', () => {
    const details: Record<string, unknown> = { n: 10n, shared: { a: 1 } };
    details.self = details;
    details.again = details.shared;
    expect(JSON.parse(safeJson(details))).toEqual({
      n: '10',
      shared: { a: 1 },
      self: '[circular]',
      again: { a: 1 },
    });
  });
});
