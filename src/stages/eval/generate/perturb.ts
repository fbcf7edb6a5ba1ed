/**
 * The perturbation registry for INV and DIR tests, typed by the config's perturbation names so a
 * missing one fails to compile. A perturbation maps a prompt and a seeded generator to a new prompt,
 * or to undefined when it does not apply (counted as skipped, never sent unchanged).
 */
import { builtinLexicons, nameLexicons, synonymSets } from './lexicons/index.js';
import { negate } from './negation.js';
import { changeCase, charSwap, confusables, punctuation, typo, whitespace } from './perturb-chars.js';
import { nameSwap, synonymSwap } from './perturb-words.js';
import type { Rng } from './random.js';
import type { Lexicons, PerturbationName } from './types.js';

export type Perturbation = (text: string, rng: Rng) => string | undefined;

/** The perturbations, with name swaps drawing on `lexicons`' name lists (built-in ones by default). */
export function perturbationsFor(
  lexicons: Lexicons = builtinLexicons,
): Record<PerturbationName, Perturbation> {
  return {
    typo,
    'char-swap': charSwap,
    case: changeCase,
    punctuation,
    whitespace,
    confusables,
    'name-swap': nameSwap(nameLexicons(lexicons)),
    negation: negate,
    synonyms: synonymSwap(synonymSets),
  };
}

/** The perturbations over the built-in lexicons. */
export const perturbations: Record<PerturbationName, Perturbation> = perturbationsFor();

/** `name` applied to `text`; undefined when it does not apply or would leave the text unchanged. */
export function perturb(
  name: PerturbationName,
  text: string,
  rng: Rng,
  lexicons?: Lexicons,
): string | undefined {
  const out = (lexicons ? perturbationsFor(lexicons) : perturbations)[name](text, rng);
  return out === undefined || out === text ? undefined : out;
}
