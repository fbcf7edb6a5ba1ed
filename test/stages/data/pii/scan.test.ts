import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTableError, TableDb } from '../../../../src/stages/data/duckdb/index.js';
import { type PiiReport, scanPii, writeMasked } from '../../../../src/stages/data/pii/index.js';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/data/pii');
const raw = [
  'ada@example.com',
  '4242 4242 4242 4242',
  '7946 0958',
  '192.168.1.20',
  'sk-4fGh7Kl2Mn9Pq3Rs8Tv1Wx6Yz0AbCdEfGh',
  'DE89 3704 0044 0532 0130 00',
  '078-05-1120',
  '2001:db8::1',
  'AKIAIOSFODNN7EXAMPLE',
  'eyJhbGciOiJIUzI1NiJ9',
  '5555555555554444',
  '4111-1111-1111-1111',
];

let db: TableDb;
let dir: string;

beforeAll(async () => {
  db = await TableDb.open();
  dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-pii-'));
  writeFileSync(path.join(dir, 'corrupt.parquet'), 'these are not parquet bytes at all');
});

afterAll(() => db.close());

const by = (r: PiiReport) => Object.fromEntries(r.findings.map((f) => [`${f.column}/${f.kind}`, f]));

describe('scanPii on people.csv (see the fixture README)', () => {
  it('counts matches and rows per column and kind, with masked samples and their row numbers', async () => {
    const r = await scanPii(await db.table('people.csv', fixtures));
    // 14 candidates: the 13 cells with PII and row 10's notes, whose 13-digit timestamp passes the card
    // prefilter and fails the card check in JS.
    expect(r).toMatchObject({ rows: 10, columns: ['name', 'contact', 'notes'], candidates: 14 });
    expect(r.skipped.map((c) => c.name)).toEqual(['id', 'amount']);
    const f = by(r);
    expect(Object.keys(f)).toEqual([
      'contact/email',
      'contact/phone',
      'notes/credit_card',
      'notes/iban',
      'notes/ssn',
      'notes/ipv4',
      'notes/ipv6',
      'notes/api_key',
    ]);
    expect(f['contact/email']).toMatchObject({ count: 4, rows: 4 });
    expect(f['contact/email']?.samples).toEqual([
      { row: 1, masked: 'a***@e***.com' },
      { row: 4, masked: 'd***@e***.org' },
      { row: 7, masked: 'g***@e***.com' },
      { row: 9, masked: 'i***@e***.com' },
    ]);
    expect(f['contact/phone']?.samples).toEqual([
      { row: 2, masked: '+** ** **** **58' },
      { row: 5, masked: '(***) ***-**71' },
    ]);
    // Row 3's card fails Luhn: only rows 1 and 9 (two cards) count.
    expect(f['notes/credit_card']).toMatchObject({ count: 3, rows: 2 });
    expect(f['notes/credit_card']?.samples.map((s) => s.row)).toEqual([1, 9, 9]);
    expect(f['notes/credit_card']?.samples[0]?.masked).toBe('**** **** **** 4242');
    expect(f['notes/api_key']?.samples).toEqual([
      { row: 4, masked: 'sk-…EfGh' },
      { row: 7, masked: 'AKIA…MPLE' },
      { row: 8, masked: 'Bearer …MTIz' },
    ]);
    expect(f['notes/ipv4']?.samples).toEqual([{ row: 3, masked: '192.*.*.*' }]);
    expect(r.totals.credit_card).toEqual({ count: 3, rows: 2 });
    expect(r.total).toEqual({ count: 16, rows: 8, columns: 2 });
    const json = JSON.stringify(r);
    for (const value of raw) expect(json).not.toContain(value);
  });

  it('looks only for the kinds asked, in the columns listed (any type, read as text)', async () => {
    const t = await db.table('people.csv', fixtures);
    const r = await scanPii(t, {
      kinds: ['email', 'ipv4'],
      columns: ['contact', 'notes', 'amount'],
      samples: 1,
    });
    expect(r.columns).toEqual(['contact', 'notes', 'amount']);
    expect(r.findings.map((f) => [f.column, f.kind, f.count, f.samples.length])).toEqual([
      ['contact', 'email', 4, 1],
      ['notes', 'ipv4', 1, 1],
    ]);
    expect(r.total.count).toBe(5);
  });

  it('writes a masked copy (CSV, Parquet, JSONL) with typed placeholders and nothing left to find', async () => {
    const t = await db.table('people.csv', fixtures);
    const before = await scanPii(t);
    for (const out of ['masked.csv', 'masked.parquet', 'masked.jsonl']) {
      const m = await writeMasked(t, path.join(dir, out));
      expect(m).toMatchObject({ rows: 10, total: 16, cells: 13, columns: ['name', 'contact', 'notes'] });
      for (const [kind, n] of Object.entries(before.totals))
        expect(m.masked[kind as keyof typeof m.masked]).toBe(n.count);
      const copy = await db.table(out, dir);
      expect(copy.columns.map((c) => c.name)).toEqual(t.columns.map((c) => c.name));
      expect((await scanPii(copy)).total.count).toBe(0);
      const [notes] = await copy.query(`SELECT notes FROM ${copy.view}`);
      expect(notes?.[0]).toBe('card [CREDIT_CARD] on file');
      // A Luhn-invalid number is not a card and stays.
      expect(notes?.[2]).toBe('bad card 4242 4242 4242 4241 and ip [IPV4]');
      expect(notes?.[4]).toBe('iban [IBAN] ssn [SSN]');
      expect(notes?.[7]).toBe('Authorization: [API_KEY]');
    }
    const text = readFileSync(path.join(dir, 'masked.csv'), 'utf8');
    for (const value of raw) expect(text).not.toContain(value);
  });

  it('masks only the kinds and columns asked', async () => {
    const t = await db.table('people.csv', fixtures);
    const m = await writeMasked(t, path.join(dir, 'emails.csv'), { kinds: ['email'], columns: ['contact'] });
    expect(m.total).toBe(4);
    const copy = await db.table('emails.csv', dir);
    const [contact, notes] = await copy.query(`SELECT contact, notes FROM ${copy.view}`);
    expect(contact?.[0]).toBe('[EMAIL]');
    expect(contact?.[1]).toBe('+44 20 7946 0958');
    expect(notes?.[0]).toBe('card 4242 4242 4242 4242 on file');
  });
});

describe('scanPii on volume', () => {
  it('scans 200k generated rows in one pass with exact row numbers in file order', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const q = `SELECT i + 1 AS id,
        CASE WHEN i % 7 = 3 THEN 'user' || i || '@example.com' ELSE 'nobody' END AS contact,
        CASE WHEN i % 11 = 5 THEN 'paid with 4242-4242-4242-4242'
             WHEN i % 13 = 0 THEN 'typo 4242-4242-4242-4241'
             WHEN i IN (150000, 199999) THEN 'iban GB82 WEST 1234 5698 7654 32'
             ELSE 'the quick brown fox ' || i END AS notes
      FROM range(200000) t(i)`;
    await c.run(`COPY (${q}) TO '${path.join(dir, 'big.csv')}' (HEADER)`);
    await c.run(`COPY (${q}) TO '${path.join(dir, 'big.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`);
    c.closeSync();
    instance.closeSync();
    const emails = Math.ceil((200000 - 3) / 7);
    const cards = Math.ceil((200000 - 5) / 11);
    for (const file of ['big.csv', 'big.parquet']) {
      const r = await scanPii(await db.table(file, dir), { samples: 3 });
      expect(r.rows).toBe(200000);
      const f = by(r);
      expect(f['contact/email']).toMatchObject({ count: emails, rows: emails });
      expect(f['contact/email']?.samples.map((s) => s.row)).toEqual([4, 11, 18]);
      expect(f['notes/credit_card']).toMatchObject({ count: cards, rows: cards });
      // Deep in the file, past many chunks and row groups: the rows are still exact.
      expect(f['notes/iban']?.samples.map((s) => s.row)).toEqual([150001, 200000]);
      expect(r.total.count).toBe(emails + cards + 2);
    }
  });
});

describe('errors name the file or the column', () => {
  it('a missing file', async () => {
    await expect(db.table('nope.csv', fixtures)).rejects.toThrow(/nope\.csv: no such file/);
  });

  it('a corrupt Parquet file', async () => {
    const err = await db.table('corrupt.parquet', dir).then(
      (t) => scanPii(t),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataTableError);
    expect(String((err as Error).message)).toContain('corrupt.parquet');
  });

  it('a missing column', async () => {
    const t = await db.table('people.csv', fixtures);
    await expect(scanPii(t, { columns: ['contact', 'ssn'] })).rejects.toThrow(
      /column "ssn" is not in people\.csv; its columns: id, name, contact, notes, amount/,
    );
    await expect(writeMasked(t, path.join(dir, 'x.csv'), { columns: ['ssn'] })).rejects.toThrow(
      /column "ssn"/,
    );
  });

  it('an output type it cannot write', async () => {
    const t = await db.table('people.csv', fixtures);
    await expect(writeMasked(t, path.join(dir, 'x.xlsx'))).rejects.toThrow(/x\.xlsx: unknown output type/);
  });
});
