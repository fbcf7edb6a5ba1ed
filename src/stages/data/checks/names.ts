/** Names of the things a data stage checks, as they appear in check ids, metric tags and reports. */
import path from 'node:path';

/** The configured name, else the file's base name (`data/train.csv` → `train.csv`). */
export function checkName(name: string | undefined, file: string): string {
  return name ?? path.basename(file);
}

/** A fraction as a percentage for a message: 0.01234 → "1.23%". */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** A number for a table cell or a message; never NaN or Infinity. */
export function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(2);
  return Number(v.toFixed(digits)).toString();
}
