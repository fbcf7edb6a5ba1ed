/**
 * expect_column_kl_divergence_to_be_less_than, following GE's `_validate` (confirmed in the GE source):
 *
 * - categorical (`values` + `weights`): observed weights = value counts / non-null count. Values seen in
 *   the data but absent from the partition share `tail_weight_holdout` equally, and the partition's
 *   weights are scaled by (1 - tail_weight_holdout); without a holdout such a value makes the divergence
 *   infinite. `internal_weight_holdout` is an error here, as in GE.
 * - continuous (`bins` edges + `weights`): a histogram with numpy's bins ([a, b), the last [a, b]); values
 *   below the first edge and above the last are tails, expected to hold `tail_weights` if given, else
 *   tail_weight_holdout / 2 each; weights are scaled by (1 - tail - internal holdout) and zero-weight bins
 *   share internal_weight_holdout. An infinite first/last edge (YAML `.inf`, JSON `Infinity`) takes that
 *   tail inside the partition, as GE.
 *
 * The divergence is scipy's `entropy(observed, expected)` (both normalised, natural log). An infinite or
 * NaN divergence is reported as observed_value null and fails; a null threshold always passes (as GE).
 */
import type { ExpectationKwargs } from '../../../config/stages/data-expectations.js';
import { ident } from '../duckdb/index.js';
import type { Builder, PlanContext } from './plan.js';
import { count, dbl, family, isNumeric, setSql } from './sql.js';
import type { Outcome } from './types.js';

/** scipy.stats.entropy(pk, qk): relative entropy of normalised pk and qk, natural log. */
export function entropy(pk: readonly number[], qk: readonly number[]): number {
  const sp = pk.reduce((a, b) => a + b, 0);
  const sq = qk.reduce((a, b) => a + b, 0);
  let s = 0;
  for (let i = 0; i < pk.length; i++) {
    const p = (pk[i] as number) / sp;
    const q = (qk[i] as number) / sq;
    if (Number.isNaN(p) || Number.isNaN(q)) return Number.NaN;
    if (p > 0 && q > 0) s += p * Math.log(p / q);
    else if (!(p === 0 && q >= 0)) return Number.POSITIVE_INFINITY;
  }
  return s;
}

type Kwargs = ExpectationKwargs<'expect_column_kl_divergence_to_be_less_than'>;

function outcome(
  kl: number,
  k: Kwargs,
  details: Record<string, unknown>,
  c: { element: number; nonnull: number },
): Outcome {
  const observed = Number.isFinite(kl) ? kl : null;
  return {
    success: k.threshold === null ? true : kl <= k.threshold,
    result: {
      observed_value: observed,
      element_count: c.element,
      missing_count: c.element - c.nonnull,
      details: {
        ...details,
        ...(observed === null
          ? {
              observed_value_note:
                c.nonnull === 0
                  ? 'the column has no non-null values'
                  : 'the divergence is infinite: data fall where the partition expects no weight (use tail_weight_holdout or internal_weight_holdout)',
            }
          : {}),
      },
    },
  };
}

/** The continuous case, given the histogram counts, the tails and the non-null count. */
export function klContinuous(
  k: Kwargs,
  bins: readonly number[],
  hist: readonly number[],
  below: number,
  above: number,
  nonnull: number,
): { kl: number; details: Record<string, unknown> } {
  const p = k.partition_object;
  const tail = k.tail_weight_holdout;
  const observed = hist.map((h) => h / nonnull);
  let expected = p.weights.map((w) => w * (1 - tail - k.internal_weight_holdout));
  if (k.internal_weight_holdout > 0) {
    const zeros = expected.filter((w) => w === 0).length;
    if (zeros > 0) expected = expected.map((w) => (w === 0 ? k.internal_weight_holdout / zeros : w));
  }
  const lowInf = bins[0] === Number.NEGATIVE_INFINITY;
  const highInf = bins[bins.length - 1] === Number.POSITIVE_INFINITY;
  if ((lowInf || highInf) && p.tail_weights) {
    throw new Error('a partition with an infinite first or last edge cannot have tail_weights');
  }
  let combExpected: number[];
  let combObserved: number[];
  let shownBins = [...bins];
  let expectedTails: number[];
  let observedTails: number[];
  const first = <T>(a: readonly T[]) => a[0] as T;
  const last = <T>(a: readonly T[]) => a[a.length - 1] as T;
  if (lowInf && highInf) {
    if (tail > 0)
      throw new Error('tail_weight_holdout cannot be used for partitions with infinite endpoints');
    shownBins = bins.slice(1, -1);
    combExpected = expected;
    combObserved = observed;
    expectedTails = [first(expected), last(expected)];
    observedTails = [first(observed), last(observed)];
    expected = expected.slice(1, -1);
    observed.splice(0, 1);
    observed.splice(-1, 1);
  } else if (lowInf) {
    shownBins = bins.slice(1);
    combExpected = [...expected, tail];
    combObserved = [...observed, above / nonnull];
    expectedTails = [first(expected), tail];
    observedTails = [first(observed), above / nonnull];
    expected = expected.slice(1);
    observed.splice(0, 1);
  } else if (highInf) {
    shownBins = bins.slice(0, -1);
    combExpected = [tail, ...expected];
    combObserved = [below / nonnull, ...observed];
    expectedTails = [tail, last(expected)];
    observedTails = [below / nonnull, last(observed)];
    expected = expected.slice(0, -1);
    observed.splice(-1, 1);
  } else {
    expectedTails = p.tail_weights ? [...p.tail_weights] : [tail / 2, tail / 2];
    combExpected = [first(expectedTails), ...expected, last(expectedTails)];
    combObserved = [below / nonnull, ...observed, above / nonnull];
    observedTails = [below / nonnull, above / nonnull];
  }
  return {
    kl: entropy(combObserved, combExpected),
    details: {
      observed_partition: { bins: shownBins, weights: observed, tail_weights: observedTails },
      expected_partition: { bins: shownBins, weights: expected, tail_weights: expectedTails },
    },
  };
}

const edge = (b: number) =>
  b === Number.NEGATIVE_INFINITY
    ? `CAST('-inf' AS DOUBLE)`
    : b === Number.POSITIVE_INFINITY
      ? `CAST('inf' AS DOUBLE)`
      : dbl(b);

function continuous(k: Kwargs, ctx: PlanContext, bins: readonly number[]) {
  const col = ctx.column(k.column);
  if (!isNumeric(col) && family(col.type) !== 'boolean') {
    ctx.fail(`column "${col.name}" is ${col.type}; a partition with bins needs a numeric column`);
  }
  if (k.partition_object.tail_weights && k.tail_weight_holdout !== 0) {
    ctx.fail('tail_weight_holdout must be 0 when the partition object has tail_weights');
  }
  const x = `CAST(${ident(col.name)} AS DOUBLE)`;
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${ident(col.name)})`);
  const hist = bins.slice(0, -1).map((b, i) => {
    const upper = i === bins.length - 2 ? '<=' : '<';
    return ctx.agg(
      `count(*) FILTER (WHERE ${x} >= ${edge(b)} AND ${x} ${upper} ${edge(bins[i + 1] as number)})`,
    );
  });
  const below = ctx.agg(`count(*) FILTER (WHERE ${x} < ${edge(bins[0] as number)})`);
  const above = ctx.agg(`count(*) FILTER (WHERE ${x} > ${edge(bins[bins.length - 1] as number)})`);
  return (r: Parameters<ReturnType<Builder<'expect_column_kl_divergence_to_be_less_than'>>>[0]) => {
    const c = { element: count(r.agg(rows)), nonnull: count(r.agg(nonnull)) };
    let computed: ReturnType<typeof klContinuous>;
    try {
      computed = klContinuous(
        k,
        bins,
        hist.map((h) => count(r.agg(h))),
        count(r.agg(below)),
        count(r.agg(above)),
        c.nonnull,
      );
    } catch (err) {
      return ctx.fail((err as Error).message);
    }
    return outcome(computed.kl, k, computed.details, c);
  };
}

function categorical(k: Kwargs, ctx: PlanContext, values: readonly (string | number | boolean)[]) {
  const col = ctx.column(k.column);
  if (k.internal_weight_holdout > 0)
    ctx.fail('internal_weight_holdout cannot be used with a categorical partition');
  const s = setSql(values, col);
  const real = s.items.filter((i) => i !== 'NULL');
  if (new Set(real).size !== real.length) ctx.fail('the partition lists the same value twice');
  const c = ident(col.name);
  const rows = ctx.agg('count(*)');
  const nonnull = ctx.agg(`count(${c})`);
  const cap = ctx.distinctLimit;
  const groups = ctx.branch({
    v: `to_json(${c})`,
    n: 'count(*)',
    q: `list_position(${s.list}, ${s.expr})`,
    tail: `FROM ${ctx.view} WHERE ${c} IS NOT NULL GROUP BY ${c} LIMIT ${cap + 1}`,
  });
  return (r: Parameters<ReturnType<Builder<'expect_column_kl_divergence_to_be_less_than'>>>[0]) => {
    const cnt = { element: count(r.agg(rows)), nonnull: count(r.agg(nonnull)) };
    const seen = r.rows(groups);
    if (seen.length > cap) {
      ctx.fail(
        `column "${col.name}" has more than ${cap} distinct values; raise distinctLimit for a categorical partition`,
      );
    }
    const known = values.map(() => 0);
    const extra: { value: unknown; n: number }[] = [];
    for (const g of seen) {
      if (g.q !== null && g.q > 0) known[g.q - 1] = (known[g.q - 1] as number) + (g.n ?? 0);
      else extra.push({ value: g.v, n: g.n ?? 0 });
    }
    const tail = k.tail_weight_holdout;
    const pk = [...known, ...extra.map((e) => e.n)].map((n) => n / cnt.nonnull);
    const weights = k.partition_object.weights;
    const qk =
      extra.length > 0
        ? [...weights.map((w) => w * (1 - tail)), ...extra.map(() => tail / extra.length)]
        : [...weights];
    const shown = [...values, ...extra.map((e) => e.value)];
    const details = {
      observed_partition: { values: shown, weights: pk.map((x) => (Number.isFinite(x) ? x : null)) },
      expected_partition: { values: shown, weights: qk },
    };
    return outcome(entropy(pk, qk), k, details, cnt);
  };
}

export const klDivergence: Builder<'expect_column_kl_divergence_to_be_less_than'> = (k, ctx) => {
  const p = k.partition_object;
  return p.bins ? continuous(k, ctx, p.bins) : categorical(k, ctx, p.values ?? []);
};
