/**
 * The last line of defence for secrets: every event is passed through this before any subscriber (run store,
 * reporters) sees it, so a key that slipped into an error message or a header still never reaches a file.
 */
import { redactDeep } from '../target/index.js';

export type Redactor = <T>(value: T) => T;

/** Builds a deep redactor for these secret values and their URL-encoded forms (keys in query strings). */
export function makeRedactor(secrets: readonly string[]): Redactor {
  const needles = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s)]))];
  return <T>(value: T) => redactDeep(value, needles);
}
