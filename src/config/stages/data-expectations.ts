/**
 * Great Expectations-style expectations for the `data` stage: GE's names and kwargs, in two spellings.
 *
 *   - expect_column_values_to_not_be_null: { column: age, mostly: 0.99 }      # a single-key map
 *   - expectation_type: expect_column_values_to_not_be_null                   # GE's suite JSON form
 *     kwargs: { column: age }                                                 # (`type:` works too)
 *
 * Both normalise to `{ type, kwargs, meta? }` with kwargs typed per expectation. Kwargs objects are
 * strict, so a misspelt kwarg is an error at its path; GE's presentation-only kwargs (`result_format`,
 * `catch_exceptions`, `include_config`) are accepted and dropped. `parseGeSuiteJson` reads a GE suite file.
 */
import { z } from 'zod';
import { ConfigError, formatPath } from '../errors.js';
import { nodeAt, parsePositioned } from '../positioned.js';
import { closeNames, closest } from '../suggest.js';

const column = z.string().min(1);
/**
 * GE's `mostly`: the share of non-null values (of all rows for the null expectations, of the rows not
 * ignored for pairs and compounds) that must meet the expectation; default 1: all.
 */
const mostly = z.number().min(0).max(1).default(1);
const finite = z.number().refine(Number.isFinite, { error: 'expected a finite number' });
/** A bound: a number, or a string for date/timestamp/text columns; null or absent = unbounded. */
const anyBound = z.union([finite, z.string()]).nullable().optional();
const numBound = finite.nullable().optional();
const strict = { strict_min: z.boolean().default(false), strict_max: z.boolean().default(false) };
const scalar = z.union([z.string(), finite, z.boolean()]);
const valueSet = z.array(scalar);

type Bounded = { min_value?: unknown; max_value?: unknown };
const oneBound = <T extends z.ZodType<Bounded>>(schema: T): T =>
  schema
    .refine((k) => (k.min_value ?? null) !== null || (k.max_value ?? null) !== null, {
      error: 'set min_value, max_value or both (GE: they cannot both be null)',
      path: ['min_value'],
    })
    .refine(
      (k) =>
        !(
          typeof k.min_value === typeof k.max_value &&
          k.min_value != null &&
          (k.min_value as number) > (k.max_value as number)
        ),
      { error: 'min_value cannot be greater than max_value', path: ['max_value'] },
    );

const numBetween = { min_value: numBound, max_value: numBound, ...strict };
const aggregate = () => oneBound(z.strictObject({ column, ...numBetween }));
const countBound = z.number().int().min(0).nullable().optional();

const quantileRanges = z
  .strictObject({
    quantiles: z.array(z.number().min(0).max(1)).min(1),
    value_ranges: z.array(
      z.tuple([numBound.transform((v) => v ?? null), numBound.transform((v) => v ?? null)]),
    ),
  })
  .refine((q) => q.quantiles.length === q.value_ranges.length, {
    error: 'quantile_ranges needs one [min, max] in value_ranges per entry of quantiles',
    path: ['value_ranges'],
  });

/** A bin edge: a number; infinite first/last edges as YAML `.inf` or GE JSON's `Infinity` / `-Infinity`. */
const edge = z.union([
  // z.number() rejects ±Infinity, which YAML's .inf gives.
  z.custom<number>((n) => typeof n === 'number' && !Number.isNaN(n), { error: 'expected a number' }),
  z
    .enum(['Infinity', '-Infinity', 'inf', '-inf'])
    .transform((t) => (t.startsWith('-') ? -Infinity : Infinity)),
]);

/** GE's partition object: categorical (`values` + `weights`) or continuous (`bins` edges + `weights`). */
const partitionObject = z
  .strictObject({
    values: z.array(scalar).min(1).optional(),
    bins: z.array(edge).min(2).optional(),
    weights: z.array(z.number().min(0)).min(1),
    tail_weights: z.tuple([z.number().min(0), z.number().min(0)]).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.values === !p.bins) {
      ctx.addIssue({ code: 'custom', message: 'give either `values` (categorical) or `bins` (continuous)' });
      return;
    }
    const want = p.values ? p.values.length : (p.bins?.length ?? 1) - 1;
    if (p.weights.length !== want) {
      const what = p.values ? 'one weight per value' : 'one weight per bin (bins are edges: n+1 of them)';
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `expected ${want} weights: ${what}` });
    }
    // GE's is_valid_partition_object: weights (with tail_weights) sum to 1 within np.allclose.
    const total =
      p.weights.reduce((a, b) => a + b, 0) + (p.tail_weights ?? [0, 0]).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-8 + 1e-5)
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must sum to 1, got ${total}` });
    if (p.values && p.tail_weights)
      ctx.addIssue({
        code: 'custom',
        path: ['tail_weights'],
        message: 'tail_weights only apply to `bins` partitions',
      });
    if (p.values && new Set(p.values.map((v) => JSON.stringify(v))).size !== p.values.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must be distinct' });
    const bins = p.bins ?? [];
    if (bins.some((b, i) => i > 0 && b <= (bins[i - 1] as number)))
      ctx.addIssue({ code: 'custom', path: ['bins'], message: 'bins must be strictly increasing' });
    if (bins.slice(1, -1).some((b) => !Number.isFinite(b)))
      ctx.addIssue({
        code: 'custom',
        path: ['bins'],
        message: 'only the first and last edge may be infinite',
      });
  });

/** Kwargs of every supported expectation, by GE name. */
const kwargsSchemas = {
  expect_table_row_count_to_be_between: oneBound(
    z.strictObject({ min_value: countBound, max_value: countBound, ...strict }),
  ),
  expect_table_row_count_to_equal: z.strictObject({ value: z.number().int().min(0) }),
  expect_table_columns_to_match_ordered_list: z.strictObject({ column_list: z.array(column) }),
  expect_table_columns_to_match_set: z.strictObject({
    column_set: z.array(column),
    exact_match: z.boolean().default(true),
  }),
  expect_column_to_exist: z.strictObject({
    column,
    column_index: z.number().int().min(0).nullable().optional(),
  }),
  /**
   * `type_`: a DuckDB type name or an alias (int, float, str, bool, date, timestamp...). DuckDB columns
   * are typed, so the column's type is checked once (GE's SQL behaviour); `mostly` is accepted and moot.
   */
  expect_column_values_to_be_of_type: z.strictObject({ column, type_: z.string().min(1), mostly }),
  expect_column_values_to_be_in_type_list: z.strictObject({
    column,
    type_list: z.array(z.string().min(1)).min(1),
    mostly,
  }),
  expect_column_values_to_not_be_null: z.strictObject({ column, mostly }),
  expect_column_values_to_be_null: z.strictObject({ column, mostly }),
  expect_column_values_to_be_unique: z.strictObject({ column, mostly }),
  expect_column_values_to_be_in_set: z.strictObject({ column, value_set: valueSet, mostly }),
  expect_column_values_to_not_be_in_set: z.strictObject({ column, value_set: valueSet, mostly }),
  expect_column_values_to_be_between: oneBound(
    z.strictObject({ column, min_value: anyBound, max_value: anyBound, ...strict, mostly }),
  ),
  /** `regex`: RE2 syntax (DuckDB's engine), matched anywhere in the value like Python's re.search. */
  expect_column_values_to_match_regex: z.strictObject({ column, regex: z.string().min(1), mostly }),
  expect_column_values_to_not_match_regex: z.strictObject({ column, regex: z.string().min(1), mostly }),
  expect_column_value_lengths_to_be_between: oneBound(
    z.strictObject({ column, min_value: countBound, max_value: countBound, ...strict, mostly }),
  ),
  expect_column_value_lengths_to_equal: z.strictObject({ column, value: z.number().int().min(0), mostly }),
  expect_column_mean_to_be_between: aggregate(),
  expect_column_median_to_be_between: aggregate(),
  /** Sample standard deviation (ddof = 1), as GE. */
  expect_column_stdev_to_be_between: aggregate(),
  expect_column_min_to_be_between: oneBound(
    z.strictObject({ column, min_value: anyBound, max_value: anyBound, ...strict }),
  ),
  expect_column_max_to_be_between: oneBound(
    z.strictObject({ column, min_value: anyBound, max_value: anyBound, ...strict }),
  ),
  expect_column_sum_to_be_between: aggregate(),
  expect_column_quantile_values_to_be_between: z.strictObject({
    column,
    quantile_ranges: quantileRanges,
    /**
     * As GE's pandas engine: false (default) = pandas `interpolation="nearest"`; one of linear, lower,
     * higher, midpoint, nearest picks that interpolation. true or a number (GE's SQL approximation) =
     * nearest, since Gauntlet computes exact quantiles.
     */
    allow_relative_error: z
      .union([
        z.boolean(),
        z.number().min(0).max(1),
        z.enum(['linear', 'lower', 'higher', 'midpoint', 'nearest']),
      ])
      .default(false),
  }),
  expect_column_distinct_values_to_be_in_set: z.strictObject({ column, value_set: valueSet }),
  expect_column_distinct_values_to_contain_set: z.strictObject({ column, value_set: valueSet }),
  expect_column_distinct_values_to_equal_set: z.strictObject({ column, value_set: valueSet }),
  expect_column_proportion_of_unique_values_to_be_between: oneBound(
    z.strictObject({
      column,
      min_value: z.number().min(0).max(1).nullable().optional(),
      max_value: z.number().min(0).max(1).nullable().optional(),
      ...strict,
    }),
  ),
  expect_column_unique_value_count_to_be_between: oneBound(
    z.strictObject({ column, min_value: countBound, max_value: countBound, ...strict }),
  ),
  expect_column_kl_divergence_to_be_less_than: z.strictObject({
    column,
    partition_object: partitionObject,
    /** Passes when the divergence is at most this; null = report the divergence, always pass (as GE). */
    threshold: z.number().min(0).nullable().default(null),
    internal_weight_holdout: z.number().min(0).lt(1).default(0),
    tail_weight_holdout: z.number().min(0).lt(1).default(0),
    /** Accepted for GE compatibility: the partition object is always given, so nothing is bucketised. */
    bucketize_data: z.boolean().default(true),
  }),
  expect_compound_columns_to_be_unique: z.strictObject({
    column_list: z.array(column).min(1),
    ignore_row_if: z
      .enum(['all_values_are_missing', 'any_value_is_missing', 'never'])
      .default('all_values_are_missing'),
    mostly,
  }),
  expect_column_pair_values_a_to_be_greater_than_b: z.strictObject({
    column_A: column,
    column_B: column,
    or_equal: z.boolean().default(false),
    ignore_row_if: z
      .enum(['both_values_are_missing', 'either_value_is_missing', 'neither'])
      .default('both_values_are_missing'),
    mostly,
  }),
} satisfies Record<string, z.ZodType>;

export type ExpectationType = keyof typeof kwargsSchemas;
/** The names of every supported expectation. */
export const expectationTypes = Object.keys(kwargsSchemas) as ExpectationType[];
export type ExpectationKwargs<T extends ExpectationType = ExpectationType> = z.output<
  (typeof kwargsSchemas)[T]
>;

/** One expectation, normalised: `{ type, kwargs, meta? }`, a union discriminated on `type`. */
export type ExpectationConfig = {
  [T in ExpectationType]: { type: T; kwargs: ExpectationKwargs<T>; meta?: Record<string, unknown> };
}[ExpectationType];

/** GE kwargs that only shape GE's own output; accepted and ignored. */
const IGNORED_KWARGS = ['result_format', 'catch_exceptions', 'include_config'];
/** Keys of GE's suite form besides the type, kwargs and meta; accepted and ignored. */
const IGNORED_KEYS = ['id', 'ge_cloud_id', 'notes', 'rendered_content'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownTypeMessage(got: unknown): string {
  const name = typeof got === 'string' ? got : JSON.stringify(got);
  const near = typeof got === 'string' ? closeNames(got, expectationTypes) : [];
  if (near.length > 0) {
    return `unknown expectation "${name}"; did you mean ${near.map((x) => `"${x}"`).join(' or ')}?`;
  }
  return `unknown expectation "${name}". Supported: ${expectationTypes.join(', ')}`;
}

type Ctx = z.core.$RefinementCtx<unknown>;

/** Validates `kwargs` for `type`, reporting issues under `at` (the path of the kwargs in the input). */
function parseKwargs(type: ExpectationType, kwargs: unknown, at: PropertyKey[], ctx: Ctx): unknown {
  const raw = kwargs === null || kwargs === undefined ? {} : kwargs;
  const input = isRecord(raw)
    ? Object.fromEntries(Object.entries(raw).filter(([k]) => !IGNORED_KWARGS.includes(k)))
    : raw;
  const schema = kwargsSchemas[type] as z.ZodType;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
      for (const key of issue.keys) {
        const guess = closest(key, known);
        ctx.addIssue({
          code: 'custom',
          path: [...at, ...issue.path, key],
          message: `${type} has no kwarg "${key}"${guess ? `; did you mean "${guess}"?` : '.'} Its kwargs: ${known.join(', ')}`,
        });
      }
    } else {
      ctx.addIssue({ ...issue, path: [...at, ...issue.path] } as z.core.$ZodRawIssue);
    }
  }
  return z.NEVER;
}

function isType(name: unknown): name is ExpectationType {
  return typeof name === 'string' && Object.hasOwn(kwargsSchemas, name);
}

/** Turns either spelling into `{ type, kwargs, meta? }`, with issues at the user's own paths. */
function normalise(value: unknown, ctx: Ctx): ExpectationConfig {
  if (!isRecord(value)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'expected an expectation: a map like `expect_column_values_to_not_be_null: { column: age }` or `{ expectation_type, kwargs }`',
    });
    return z.NEVER;
  }
  const typeKey = 'expectation_type' in value ? 'expectation_type' : 'type' in value ? 'type' : undefined;
  if (typeKey) {
    const got = value[typeKey];
    let ok = true;
    for (const key of Object.keys(value)) {
      if ([typeKey, 'kwargs', 'meta', ...IGNORED_KEYS].includes(key)) continue;
      ok = false;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown key "${key}" in an expectation; its keys: ${typeKey}, kwargs, meta`,
      });
    }
    if (!isType(got)) {
      ctx.addIssue({ code: 'custom', path: [typeKey], message: unknownTypeMessage(got) });
      return z.NEVER;
    }
    if (value.meta !== undefined && !isRecord(value.meta)) {
      ok = false;
      ctx.addIssue({ code: 'custom', path: ['meta'], message: 'expected `meta` to be a mapping' });
    }
    const kwargs = parseKwargs(got, value.kwargs, ['kwargs'], ctx);
    if (!ok || kwargs === z.NEVER) return z.NEVER;
    const out = { type: got, kwargs } as ExpectationConfig;
    if (isRecord(value.meta)) out.meta = value.meta;
    return out;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `an expectation is a map with one key, its name (got ${keys.length === 0 ? 'none' : keys.join(', ')}); e.g. \`expect_column_values_to_not_be_null: { column: age }\``,
    });
    return z.NEVER;
  }
  const name = keys[0] as string;
  if (!isType(name)) {
    ctx.addIssue({ code: 'custom', path: [name], message: unknownTypeMessage(name) });
    return z.NEVER;
  }
  const kwargs = parseKwargs(name, value[name], [name], ctx);
  return kwargs === z.NEVER ? z.NEVER : ({ type: name, kwargs } as ExpectationConfig);
}

/** One expectation in either spelling, normalised to `{ type, kwargs, meta? }`. */
export const expectationSchema = z.unknown().transform(normalise);
/** A list of expectations (GE's `expectations`). */
export const expectationListSchema = z.array(expectationSchema);

const geSuiteSchema = z.strictObject({
  expectation_suite_name: z.string().optional(),
  name: z.string().optional(),
  expectations: expectationListSchema,
  data_asset_type: z.unknown().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  ge_cloud_id: z.unknown().optional(),
  id: z.unknown().optional(),
  notes: z.unknown().optional(),
});

/** A GE expectation suite read from JSON. */
export interface GeSuite {
  name: string | undefined;
  expectations: ExpectationConfig[];
}

/**
 * Reads a GE expectation-suite JSON file (`{"expectation_suite_name", "expectations": [...]}`); every
 * problem is reported as `file:line:col expectations[i].kwargs.x: message` in one ConfigError.
 */
export function parseGeSuiteJson(text: string, file: string): GeSuite {
  // JSON is YAML: one parser for both, and it keeps positions for messages.
  const { doc, lineCounter, where } = parsePositioned(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0] as { message: string; pos: [number, number] };
    const p = lineCounter.linePos(e.pos[0]);
    throw new ConfigError([
      { file, line: p.line, column: p.col, path: '', message: `not valid JSON: ${e.message.split('\n')[0]}` },
    ]);
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data)) {
    throw new ConfigError([
      { file, path: '', message: 'a GE expectation suite is a JSON object with an `expectations` list' },
    ]);
  }
  const r = geSuiteSchema.safeParse(data);
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path),
        message: describeIssue(issue, data),
        ...where(nodeAt(doc.contents, issue.path)),
      })),
    );
  }
  return { name: r.data.expectation_suite_name ?? r.data.name, expectations: r.data.expectations };
}

/** zod's message, said the way a person editing the file needs it. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') {
    let got: unknown = data;
    for (const part of issue.path) {
      got = got && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[part] : undefined;
    }
    const name = String(issue.path.at(-1));
    if (got === undefined)
      return `missing required ${issue.path.includes('kwargs') ? 'kwarg' : 'field'} \`${name}\``;
    return `expected ${issue.expected}, got ${JSON.stringify(got)}`;
  }
  return issue.message;
}
