import { describe, expect, it } from 'vitest';
import { reporterNames } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors.js';
import { createReporter, parseReporterSpec, reporters } from '../../src/report/index.js';
import { memoryStream } from './fixture.js';

describe('reporter registry', () => {
  it('has exactly the reporters the config schema allows', () => {
    expect(Object.keys(reporters).sort()).toEqual([...reporterNames].sort());
  });

  it('creates each reporter; file reporters write at run end, the console also draws progress', () => {
    const ctx = { runDir: '/nonexistent', stdout: memoryStream(), color: false, verbosity: 1 };
    for (const name of reporterNames) expect(typeof createReporter(name, ctx).onRunEnd).toBe('function');
    expect(typeof createReporter('console', ctx).onCheck).toBe('function');
  });
});

describe('parseReporterSpec', () => {
  it('reads NAME and NAME=PATH', () => {
    expect(parseReporterSpec('junit')).toEqual({ name: 'junit' });
    expect(parseReporterSpec('junit=out/junit.xml')).toEqual({ name: 'junit', outputPath: 'out/junit.xml' });
    expect(parseReporterSpec('markdown=a=b.md')).toEqual({ name: 'markdown', outputPath: 'a=b.md' });
    expect(parseReporterSpec('JUnit')).toEqual({ name: 'junit' });
  });

  it('rejects an unknown name with the valid ones and the closest', () => {
    const error = catchError(() => parseReporterSpec('junt=x.xml'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('unknown reporter "junt"');
    expect(error.message).toContain('Did you mean "junit"?');
    expect(error.message).toContain('console, json, junit, markdown');
    expect(catchError(() => parseReporterSpec('pdf')).message).not.toContain('Did you mean');
    expect(catchError(() => parseReporterSpec('=x')).message).toContain('an empty reporter name');
  });

  it('rejects an empty path and a path for the console', () => {
    expect(catchError(() => parseReporterSpec('json=')).message).toContain('the path is empty');
    expect(catchError(() => parseReporterSpec('console=out.txt'))).toBeInstanceOf(UsageError);
  });
});

function catchError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('expected an error');
}
