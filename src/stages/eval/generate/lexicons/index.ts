/**
 * The built-in lexicons by the names templates use (`{first_name}`, `{profession}`, ...), and the merge
 * with a test's own: a user lexicon replaces the built-in of the same name, new names are added.
 */
import type { Lexicons } from '../types.js';
import { ethnicityNames, femaleNames, lastNames, maleNames, neutralNames } from './names.js';
import {
  ageGroups,
  ages,
  cities,
  countries,
  disabilities,
  nationalities,
  professions,
  religions,
  religiousAdherents,
} from './people.js';
import {
  negativeAdjectives,
  negativeVerbs,
  neutralAdjectives,
  positiveAdjectives,
  positiveVerbs,
} from './words.js';

export { builtinGroups } from './groups.js';
export {
  ethnicityNames,
  femaleNames,
  lastNames,
  maleNames,
  namesByEthnicity,
  neutralNames,
} from './names.js';
export { genderedPairs, genderedWords, synonymSets } from './words.js';

const firstNames = [...new Set([...femaleNames, ...maleNames, ...neutralNames])];

/** Every built-in lexicon, by placeholder name. */
export const builtinLexicons: Lexicons = {
  first_name: firstNames,
  name: firstNames,
  female_name: femaleNames,
  male_name: maleNames,
  neutral_name: neutralNames,
  white_name: ethnicityNames('white'),
  black_name: ethnicityNames('black'),
  hispanic_name: ethnicityNames('hispanic'),
  asian_name: ethnicityNames('asian'),
  last_name: lastNames,
  profession: professions,
  city: cities,
  country: countries,
  nationality: nationalities,
  religion: religions,
  religious_adherent: religiousAdherents,
  age: ages,
  age_group: ageGroups,
  disability: disabilities,
  pos_adj: positiveAdjectives,
  neg_adj: negativeAdjectives,
  neutral_adj: neutralAdjectives,
  pos_verb: positiveVerbs,
  neg_verb: negativeVerbs,
};

/** Built-ins overlaid with `user` (same name: the user's list wins). */
export function resolveLexicons(user: Lexicons = {}): Lexicons {
  return { ...builtinLexicons, ...user };
}

/** The lexicons that hold first names (a name swap draws the replacement from the same one). */
export function nameLexicons(lexicons: Lexicons): (readonly string[])[] {
  return Object.entries(lexicons)
    .filter(([key]) => /(^|_)name$/.test(key) && key !== 'last_name')
    .map(([, list]) => list);
}
