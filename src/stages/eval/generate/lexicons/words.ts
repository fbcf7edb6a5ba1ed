/**
 * Word lists for perturbations and measures: gendered pairs (counterfactual swaps, gendered-word
 * counts), synonym sets (meaning-preserving swaps) and sentiment-bearing adjectives and verbs for
 * CheckList-style templates (`{pos_adj}`, `{neg_verb}`).
 */

/** Female ↔ male word pairs; `her` maps to `his` (possessive) since it cannot be told from `him` without parsing. */
export const genderedPairs: readonly (readonly [string, string])[] = [
  ['she', 'he'],
  ['her', 'his'],
  ['hers', 'his'],
  ['herself', 'himself'],
  ['woman', 'man'],
  ['women', 'men'],
  ['girl', 'boy'],
  ['girls', 'boys'],
  ['mother', 'father'],
  ['mothers', 'fathers'],
  ['daughter', 'son'],
  ['daughters', 'sons'],
  ['sister', 'brother'],
  ['sisters', 'brothers'],
  ['wife', 'husband'],
  ['wives', 'husbands'],
  ['aunt', 'uncle'],
  ['niece', 'nephew'],
  ['queen', 'king'],
  ['lady', 'gentleman'],
  ['ladies', 'gentlemen'],
  ['madam', 'sir'],
  ['mrs', 'mr'],
  ['ms', 'mr'],
  ['female', 'male'],
  ['girlfriend', 'boyfriend'],
  ['grandmother', 'grandfather'],
  ['actress', 'actor'],
  ['waitress', 'waiter'],
];

/** Every gendered word in the pairs, plus `him`. */
export const genderedWords: readonly string[] = [...new Set([...genderedPairs.flat(), 'him'])];

/**
 * Interchangeable words in everyday prompts; each set's members can replace one another without
 * changing what is asked. Words with a common second sense that breaks the swap (`like` the
 * preposition, `use` the noun, `make sure`) are left out on purpose.
 */
export const synonymSets: readonly (readonly string[])[] = [
  ['good', 'great', 'nice'],
  ['bad', 'poor', 'awful', 'terrible'],
  ['big', 'large', 'huge'],
  ['small', 'little', 'tiny'],
  ['fast', 'quick', 'rapid'],
  ['happy', 'glad', 'cheerful', 'pleased'],
  ['sad', 'unhappy', 'sorrowful'],
  ['smart', 'clever', 'intelligent'],
  ['easy', 'simple', 'straightforward'],
  ['difficult', 'tough', 'challenging'],
  ['important', 'significant', 'crucial'],
  ['beautiful', 'lovely', 'gorgeous'],
  ['angry', 'furious', 'irate'],
  ['strange', 'odd', 'weird', 'unusual'],
  ['buy', 'purchase'],
  ['explain', 'describe', 'clarify'],
  ['choose', 'select'],
  ['want', 'wish', 'desire'],
  ['think', 'believe'],
  ['problem', 'issue'],
  ['movie', 'film'],
  ['car', 'automobile'],
  ['job', 'occupation'],
  ['quickly', 'rapidly', 'swiftly'],
  ['often', 'frequently'],
  ['maybe', 'perhaps'],
];

/** Sentiment-bearing words for MFT templates (CheckList's `pos_adj`/`neg_adj`/`pos_verb`/`neg_verb`). */
export const positiveAdjectives = [
  'good',
  'great',
  'excellent',
  'amazing',
  'wonderful',
  'fantastic',
  'brilliant',
  'pleasant',
];
export const negativeAdjectives = [
  'bad',
  'terrible',
  'awful',
  'horrible',
  'dreadful',
  'poor',
  'disappointing',
  'unpleasant',
];
export const neutralAdjectives = [
  'American',
  'international',
  'private',
  'commercial',
  'regular',
  'blue',
  'first',
];
export const positiveVerbs = ['like', 'love', 'enjoy', 'admire', 'appreciate', 'recommend', 'value'];
export const negativeVerbs = ['hate', 'dislike', 'regret', 'despise', 'dread', 'abhor'];
