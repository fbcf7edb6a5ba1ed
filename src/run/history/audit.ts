/**
 * The audit log (`<runs dir>/audit.jsonl`): append-only, one line per action that removed data, saying
 * who did it, when, where, to which run and why. Nothing in Gauntlet rewrites or truncates it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditRecord } from './types.js';

export type { AuditRecord } from './types.js';

export const AUDIT_FILE = 'audit.jsonl';

/** Where the audit log of the runs under `runsRoot` lives. */
export const auditFile = (runsRoot: string) => path.join(path.resolve(runsRoot), AUDIT_FILE);

/** Appends one audit record (one synchronous write of one line). */
export function appendAudit(runsRoot: string, record: AuditRecord): void {
  const file = auditFile(runsRoot);
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** Every audit record, oldest first; a torn line is skipped. */
export function readAudit(runsRoot: string): AuditRecord[] {
  const file = auditFile(runsRoot);
  if (!existsSync(file)) return [];
  const out: AuditRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as AuditRecord);
    } catch {
      // torn by a crash mid-write
    }
  }
  return out;
}
