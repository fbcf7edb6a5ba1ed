/** The assertion registry, typed by type: a type without a handler fails to compile. */
import type { Assertion, AssertionHandler, AssertionType } from '../types.js';
import { latency, tokens } from './cost.js';
import { javascript } from './javascript.js';
import { isJson } from './json.js';
import { judge } from './judge.js';
import { coherence, length, readability } from './length.js';
import { pii } from './pii.js';
import { quality } from './quality.js';
import { harmful, refusal } from './safety.js';
import { bleu, chrf, levenshtein, rouge } from './similarity.js';
import { contains, containsAll, containsAny, equals, icontains, regex, startsWith } from './text-match.js';

export const handlers = {
  equals,
  contains,
  icontains,
  'contains-any': containsAny,
  'contains-all': containsAll,
  regex,
  'starts-with': startsWith,
  'is-json': isJson,
  length,
  readability,
  coherence,
  bleu,
  rouge,
  chrf,
  levenshtein,
  refusal,
  harmful,
  pii,
  latency,
  tokens,
  javascript,
  judge,
  quality,
} satisfies { [K in AssertionType]: AssertionHandler<Extract<Assertion, { type: K }>> };
