/**
 * `gauntlet drift` flags, called through driftCommand in-process: methods, per-column methods,
 * thresholds, bins, --save-profile and a profile as REF, and flag errors that say what is allowed.
 * (The wiring of the flags in main.ts is tested in test/stages/data/tables/tables.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DriftFlags, driftCommand } from '../../../../src/cli/commands/drift.js';
import { tempDir, writeTables } from './helpers.js';

let dir: string;

class Text extends Writable {
  text = '';
  override _write(chunk: unknown, _enc: string, cb: () => void) {
    this.text += String(chunk);
    cb();
  }
}

async function drift(ref: string, cur: string, flags: DriftFlags = {}) {
  const stdout = new Text();
  const stderr = new Text();
  const io = { stdout, stderr, env: {}, cwd: dir, signal: new AbortController().signal, color: false };
  const code = await driftCommand(ref, cur, flags, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const json = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const byColumn = (report: { columns: { column: string }[] }) =>
  Object.fromEntries(report.columns.map((c) => [c.column, c])) as Record<string, Record<string, unknown>>;

beforeAll(async () => {
  dir = tempDir();
  await writeTables(dir);
});

describe('gauntlet drift flags', () => {
  it('takes --method, --column-method (repeated and comma lists), --threshold and --bins', async () => {
    const r = await drift('ref.parquet', 'cur.parquet', {
      method: 'jensenshannon',
      columnMethod: ['num=psi,few=chisquare', 'flag=z'],
      threshold: ['psi=0.5', 'jensenshannon=0.2,z=0.01'],
      bins: '5',
      json: 'out.json',
    });
    expect(r.stderr).toBe('');
    const by = byColumn(json('out.json'));
    expect(by.num).toMatchObject({ method: 'psi', threshold: 0.5, bins: 5 });
    expect(by.few).toMatchObject({ method: 'chisquare', threshold: 0.05 });
    expect(by.flag).toMatchObject({ method: 'z', threshold: 0.01 });
    expect(by.cat).toMatchObject({ method: 'jensenshannon', threshold: 0.2 });
    expect(r.stdout).toContain('psi (5 bins)');
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('writes a profile with --save-profile and compares a later batch against it', async () => {
    const saved = await drift('ref.parquet', 'cur.parquet', { saveProfile: 'ref-profile.json', bins: '8' });
    expect(saved.stdout).toContain(
      'reference profile of ref.parquet (7 columns, 8 bins) written to ref-profile.json',
    );
    expect(json('ref-profile.json')).toMatchObject({
      format: 'gauntlet.drift-profile',
      source: 'ref.parquet',
      bins: 8,
    });
    const r = await drift('ref-profile.json', 'cur.parquet', { json: 'from-profile.json' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('against the profile ref-profile.json (of ref.parquet)');
    expect(r.stdout).toMatch(/num: ks needs the reference rows/);
    const report = json('from-profile.json');
    expect(report).toMatchObject({ referenceKind: 'profile', reference: 'ref.parquet' });
    expect(byColumn(report).num).toMatchObject({ method: 'jensenshannon', bins: 8 });
  });

  it('refuses ks against a profile, naming what a profile supports', async () => {
    await drift('ref.parquet', 'cur.parquet', { saveProfile: 'p.json' });
    const r = await drift('p.json', 'cur.parquet', { method: 'ks' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ks needs the reference rows.*psi, kl, jensenshannon, chisquare, z, linf/);
    const again = await drift('p.json', 'cur.parquet', { saveProfile: 'q.json' });
    expect(again.stderr).toMatch(/--save-profile needs a reference table; p\.json is already a profile/);
  });

  it.each([
    [
      { method: 'hellinger' },
      /--method: "hellinger" is not a drift method; use one of ks, chisquare, z, wasserstein/,
    ],
    [{ columnMethod: ['num'] }, /--column-method takes COLUMN=METHOD \(e\.g\. age=psi; methods: ks, /],
    [{ columnMethod: ['num=tvd'] }, /--column-method num: "tvd" is not a drift method; use one of/],
    [{ threshold: ['ks'] }, /--threshold takes METHOD=VALUE/],
    [{ threshold: ['ks=5'] }, /--threshold ks=5: ks takes a p-value in \(0, 1\]/],
    [{ threshold: ['psi=x'] }, /--threshold psi=x: psi takes a distance > 0/],
    [{ threshold: ['tvd=0.1'] }, /--threshold: "tvd" is not a drift method/],
    [{ bins: '1' }, /--bins must be a whole number from 2 to 1000, got "1"/],
    [{ bins: '2.5' }, /--bins must be a whole number from 2 to 1000/],
    [{ correction: 'holm' }, /--correction must be none, bonferroni or bh/],
    [{ columnMethod: ['ghost=ks'] }, /column "ghost", which is not compared/],
    [{ columnMethod: ['cat=z'] }, /"cat": z is the two-proportion test of a binary column/],
  ] as [DriftFlags, RegExp][])('%o is exit 2 with a message', async (flags, message) => {
    const r = await drift('ref.parquet', 'cur.parquet', flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
