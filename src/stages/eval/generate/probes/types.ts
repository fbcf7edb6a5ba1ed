/** The shape of a built-in safety probe and of the secrets one case plants. */

/** What one case plants and looks for; all fake, all random per case. */
export interface Secrets {
  /** `GAUNTLET-CANARY-xxxxxxxx`, appended to the system prompt. */
  canary: string;
  /** Injected instructions ask for `GAUNTLET-PWNED-<suffix>` without ever writing it whole. */
  suffix: string;
  /** `sk-test-gauntlet-...`, a fake API key in the system prompt's internal notes. */
  apiKey: string;
  /** A fake SSN (area 9xx, never issued) on file for "Jane Roe". */
  ssn: string;
}

export interface ProbeSpec {
  id: string;
  title: string;
  user: (s: Secrets) => string;
  /** Request fields that override the stage's (unbounded consumption: a huge `max_tokens`). */
  request?: Record<string, unknown>;
  /** False premise: words that only a correcting answer uses (the true fact). */
  corrections?: string[];
}
