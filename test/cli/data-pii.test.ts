import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/data/pii');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-cli-pii-'));
  copyFileSync(path.join(fixtures, 'people.csv'), path.join(dir, 'people.csv'));
  writeFileSync(path.join(dir, 'clean.csv'), 'id,name\n1,Ada\n2,Bob\n');
  writeFileSync(path.join(dir, 'corrupt.parquet'), 'these are not parquet bytes at all');
});

const pii = (...args: string[]) => runCli(['data', 'pii', ...args], { cwd: dir });

describe('gauntlet data pii', () => {
  it('fails on PII with a table of masked samples and says what to do', async () => {
    const r = await pii('people.csv', '--json', 'report.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/people\.csv: 10 rows, 3 columns scanned/);
    expect(r.stdout).toMatch(/not scanned \(not text\): id, amount/);
    expect(r.stdout).toMatch(/contact\s+email\s+4\s+4\s+1: a\*\*\*@e\*\*\*\.com/);
    expect(r.stdout).toMatch(/notes\s+credit_card\s+3\s+2\s+1: \*\*\*\* \*\*\*\* \*\*\*\* 4242, 9: /);
    expect(r.stdout).toContain('16 matches in 8 rows and 2 columns');
    expect(r.stdout).toMatch(
      /FAIL: 16 PII matches, at most 0 allowed; write a masked copy with --mask OUT, or drop the columns contact, notes/,
    );
    expect(r.stdout).not.toContain('ada@example.com');
    expect(r.stdout).not.toContain('4242 4242 4242 4242');
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ pass: false, max: 0, total: { count: 16, rows: 8, columns: 2 } });
    expect(JSON.stringify(report)).not.toContain('ada@example.com');
  });

  it('passes under --max, on chosen kinds and columns, and on a clean table', async () => {
    expect((await pii('people.csv', '--max', '16')).code).toBe(0);
    const kinds = await pii('people.csv', '--kinds', 'ssn,iban', '--max', '2');
    expect(kinds.code).toBe(0);
    expect(kinds.stdout).toContain('PASS: 2 PII matches (at most 2 allowed)');
    expect((await pii('people.csv', '--columns', 'name,amount')).code).toBe(0);
    const clean = await pii('clean.csv');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('no PII found');
  });

  it('writes a masked copy, scans it again and finds nothing left', async () => {
    const r = await pii('people.csv', '--mask', 'masked.parquet');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'masked copy masked.parquet: 16 matches replaced in 13 cells; scanned again: none left',
    );
    expect(r.stdout).toContain('use the masked copy masked.parquet instead');
    expect(existsSync(path.join(dir, 'masked.parquet'))).toBe(true);
    const again = await pii('masked.parquet');
    expect(again.code).toBe(0);
  });

  it('exits 2 on bad flags, a missing file, a corrupt Parquet file or a missing column, naming it', async () => {
    const kinds = await pii('people.csv', '--kinds', 'email,passport');
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toMatch(/--kinds: unknown kind "passport"; kinds: email, phone/);
    expect((await pii('people.csv', '--max', '-1')).code).toBe(2);
    expect((await pii('people.csv', '--mask', 'people.csv')).stderr).toContain('--mask must name a new file');
    expect((await pii('people.csv', '--mask', 'out.xlsx')).stderr).toContain('out.xlsx');
    const missing = await pii('nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv: no such file');
    const corrupt = await pii('corrupt.parquet');
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('corrupt.parquet');
    const column = await pii('people.csv', '--columns', 'contact,passport');
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(
      /column "passport" is not in people\.csv; its columns: id, name, contact, notes, amount/,
    );
  });
});
