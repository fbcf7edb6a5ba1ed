/**
 * Equal-width histograms exactly as numpy.histogram(a, bins) computes them (numpy 1.24
 * lib/histograms.py): edges by linspace, the bin index by `(x - first) * norm` truncated, then nudged by
 * one where floating point put a value across an edge; the last bin is closed.
 */
import { literal } from '../duckdb/index.js';

/** The outer edges numpy uses for data in [min, max]: widened by 0.5 each side when min = max. */
export function outerEdges(min: number, max: number): [number, number] {
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

/** `np.linspace(first, last, bins + 1)`: `i * step + first`, the last edge set to `last` exactly. */
export function histogramEdges(first: number, last: number, bins: number): number[] {
  const delta = last - first;
  const step = delta / bins;
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(step === 0 ? (i / bins) * delta + first : i * step + first);
  edges[bins] = last;
  return edges;
}

/** A DOUBLE literal that DuckDB parses to the same double as `x` (a decimal literal would be DECIMAL). */
export const doubleSql = (x: number) => `${literal(String(x))}::DOUBLE`;

/** numpy's binning of a finite DOUBLE column in SQL, as three steps that each read the previous step's alias. */
export interface BinSql {
  /** The truncated index `(f - first) * norm`. */
  index(f: string): string;
  /** A value on the last edge into the last bin, then one bin down where `f` lies below the lower edge. */
  decrement(f: string, index: string): string;
  /** One bin up where `f` reaches the next edge (never past the last bin). */
  increment(f: string, index: string): string;
}

/** The SQL steps that give each finite value its 0-based bin for these `edges`. */
export function binSql(edges: readonly number[]): BinSql {
  const bins = edges.length - 1;
  const first = edges[0] ?? 0;
  const last = edges[bins] ?? 0;
  const norm = bins / (last - first);
  const list = `[${edges.map(doubleSql).join(', ')}]`;
  return {
    // No least(): DuckDB's skips NULLs, and a NULL (non-finite) value must stay out of every bin.
    index: (f) => `CAST(floor((${f} - ${doubleSql(first)}) * ${doubleSql(norm)}) AS BIGINT)`,
    // DuckDB lists are 1-based: edge i is list[i + 1].
    decrement: (f, i) => {
      const j = `(CASE WHEN ${i} = ${bins} THEN ${bins - 1} ELSE ${i} END)`;
      return `CASE WHEN ${f} < ${list}[${j} + 1] THEN ${j} - 1 ELSE ${j} END`;
    },
    increment: (f, i) =>
      `CASE WHEN ${i} <> ${bins - 1} AND ${f} >= ${list}[${i} + 2] THEN ${i} + 1 ELSE ${i} END`,
  };
}
