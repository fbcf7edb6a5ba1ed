/**
 * `${env:NAME}` and `${env:NAME:-default}` in any string of the suite. `$${` writes a literal `${`.
 * A missing variable without a default is an error that names it, never an empty string sent to a target.
 */
const PATTERN = /\$(\$?)\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationResult {
  value: string;
  missing: string[];
  /** Names of the variables used, so their values can be treated as possibly secret. */
  used: string[];
}

/** Replaces env references in one string. */
export function interpolateEnv(text: string, env: NodeJS.ProcessEnv): InterpolationResult {
  const missing: string[] = [];
  const used: string[] = [];
  const value = text.replace(
    PATTERN,
    (whole, escaped: string, name: string, fallback: string | undefined) => {
      if (escaped) return whole.slice(1);
      used.push(name);
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      missing.push(name);
      return '';
    },
  );
  return { value, missing, used };
}

/** True when the text holds a `${...}` that is not an env reference (likely a typo such as `${ENV:X}`). */
export function hasUnknownReference(text: string): string | undefined {
  const m = /(?<!\$)\$\{(?!env:)[^}]*\}/.exec(text);
  return m?.[0];
}
