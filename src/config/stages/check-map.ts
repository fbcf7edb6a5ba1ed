/**
 * How a stage lists its checks: left out = the default set; a list of names = those with defaults; a
 * map = those with options (`true`/null = defaults, `false` drops one). Shared by smoke and api.
 */
import { z } from 'zod';

/** The schema of a stage's `checks`, from the shape of each check's options. */
export function checkMap<N extends string, S extends Record<N, z.ZodType>>(
  names: readonly N[],
  shape: S,
  defaults: readonly N[] = names,
) {
  const object = z.strictObject(
    Object.fromEntries(names.map((n) => [n, shape[n].optional()])) as {
      [K in N]: z.ZodOptional<S[K]>;
    },
  );
  const schema = z.preprocess((value) => {
    if (value === undefined) return Object.fromEntries(defaults.map((n) => [n, {}]));
    if (Array.isArray(value)) return Object.fromEntries(value.map((n) => [String(n), {}]));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== false)
          .map(([k, v]) => [k, v === true || v === null ? {} : v]),
      );
    }
    return value;
  }, object);
  return { object, schema };
}
