/**
 * Walks the zod schema along an error path to find which keys are allowed there, so an unknown key can
 * be answered with "did you mean". Unions are resolved with the data's own discriminator value.
 */
import type { z } from 'zod';

type AnySchema = z.ZodType & { def: Record<string, unknown> & { type: string } };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s.def;
    if (
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    ) {
      s = def.innerType as AnySchema;
    } else if (def.type === 'pipe') {
      const input = def.in as AnySchema;
      s = (input.def.type === 'transform' ? def.out : input) as AnySchema;
    } else return s;
  }
  return s;
}

function pickUnionOption(schema: AnySchema, data: unknown): AnySchema | undefined {
  const options = schema.def.options as AnySchema[];
  const disc = schema.def.discriminator as string | undefined;
  if (disc && data && typeof data === 'object') {
    const value = (data as Record<string, unknown>)[disc];
    for (const option of options) {
      const shape = (unwrap(option).def.shape ?? {}) as Record<string, AnySchema>;
      const lit = shape[disc]?.def.values as unknown[] | undefined;
      if (lit?.includes(value)) return unwrap(option);
    }
    return undefined;
  }
  // A plain union: the option whose shape fits the data (a list, or the mapping sharing most keys).
  const unwrapped = options.map(unwrap);
  if (Array.isArray(data)) return unwrapped.find((o) => o.def.type === 'array');
  const objects = unwrapped.filter((o) => o.def.type === 'object');
  const keys = data && typeof data === 'object' ? Object.keys(data) : [];
  const overlap = (o: AnySchema) => keys.filter((k) => k in (o.def.shape as object)).length;
  return objects.sort((a, b) => overlap(b) - overlap(a))[0];
}

/** The object keys the schema allows at `path` in `data`, or undefined when it is not an object there. */
export function knownKeysAt(
  root: z.ZodType,
  path: readonly PropertyKey[],
  data: unknown,
): string[] | undefined {
  let schema: AnySchema | undefined = unwrap(root as AnySchema);
  let value = data;
  for (let i = 0; i <= path.length && schema; i++) {
    if (schema.def.type === 'union') {
      schema = pickUnionOption(schema, value);
      if (!schema) return undefined;
    }
    if (i === path.length) break;
    const key = path[i] as PropertyKey;
    const def: AnySchema['def'] = schema.def;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(key)];
    else if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'record') schema = def.valueType as AnySchema;
    else return undefined;
    schema = schema ? unwrap(schema) : undefined;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  if (schema?.def.type !== 'object') return undefined;
  return Object.keys(schema.def.shape as object);
}
