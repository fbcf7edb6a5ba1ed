/**
 * Rule-based negation for DIR tests ("adding not should flip the sentiment"): the first auxiliary or
 * modal gets `not` (is → is not, can → cannot, will → will not), a question's leading auxiliary its
 * contraction (Is it → Isn't it), and a pronoun's plain verb do-support (I like → I do not like,
 * she likes → she does not like). Text already negated there, or with no rule that applies, gives
 * undefined: a wrong negation would test nothing.
 */
const NOT_AFTER: Record<string, string> = { can: 'cannot', will: 'will not' };
const AUX = [
  'is',
  'are',
  'was',
  'were',
  'am',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'must',
  'may',
  'might',
];
// `have` only before a participle: "I have a dog" has no auxiliary to negate.
const PERFECT = /\b(has|have|had)(?=\s+(?:been|\p{L}{2,}ed|\p{L}{2,}en)\b)/iu;
const CONTRACTION: Record<string, string> = {
  is: "isn't",
  are: "aren't",
  was: "wasn't",
  were: "weren't",
  can: "can't",
  could: "couldn't",
  will: "won't",
  would: "wouldn't",
  should: "shouldn't",
  must: "mustn't",
  does: "doesn't",
  do: "don't",
  did: "didn't",
  has: "hasn't",
  have: "haven't",
};
const VERBS = [
  'like',
  'love',
  'hate',
  'want',
  'need',
  'enjoy',
  'recommend',
  'know',
  'think',
  'believe',
  'agree',
  'trust',
  'support',
  'prefer',
  'understand',
  'feel',
];

// Not when `not`/`n't` already follows: negating twice would flip the meaning back.
const NEGATED_AFTER = String.raw`(?!n['\u2019]t)(?!\s+not\b)`;
const AUX_RE = new RegExp(String.raw`\b(${AUX.join('|')})\b${NEGATED_AFTER}`, 'i');
const PLAIN_RE = new RegExp(String.raw`\b(I|you|we|they)\s+(${VERBS.join('|')})\b`, 'i');
const THIRD_RE = new RegExp(String.raw`\b(he|she|it)\s+(${VERBS.map((v) => `${v}s`).join('|')})\b`, 'i');
const QUESTION_RE = /^(\s*)(\p{L}+)\b(?=[^?]*\?)/u;

interface Edit {
  index: number;
  length: number;
  text: string;
}

function candidates(text: string): Edit[] {
  const edits: Edit[] = [];
  const q = QUESTION_RE.exec(text);
  const opener = q?.[2]?.toLowerCase() ?? '';
  if (q && (AUX.includes(opener) || CONTRACTION[opener])) {
    // A question opens with its auxiliary: only the contraction reads right ("Isn't it?", not
    // "Is not it?"); "May I?" has none, so it is left alone.
    const neg = CONTRACTION[opener];
    const after = text.slice((q[1] as string).length + opener.length);
    if (!neg || /^\s+not\b/i.test(after)) return [];
    edits.push({
      index: (q[1] as string).length,
      length: opener.length,
      text: matchFirst(q[2] as string, neg),
    });
    return edits;
  }
  const aux = AUX_RE.exec(text);
  if (aux) {
    const word = aux[1] as string;
    const low = word.toLowerCase();
    edits.push({
      index: aux.index,
      length: word.length,
      text: NOT_AFTER[low] ? matchFirst(word, NOT_AFTER[low]) : `${word} not`,
    });
  }
  const perfect = PERFECT.exec(text);
  if (perfect && !/^\s+not\b/i.test(text.slice(perfect.index + (perfect[1] as string).length))) {
    edits.push({ index: perfect.index, length: (perfect[1] as string).length, text: `${perfect[1]} not` });
  }
  const plain = PLAIN_RE.exec(text);
  if (plain) {
    const verb = plain[2] as string;
    edits.push({ index: plain.index, length: plain[0].length, text: `${plain[1]} do not ${verb}` });
  }
  const third = THIRD_RE.exec(text);
  if (third) {
    const verb = (third[2] as string).slice(0, -1);
    edits.push({ index: third.index, length: third[0].length, text: `${third[1]} does not ${verb}` });
  }
  return edits;
}

function matchFirst(like: string, word: string): string {
  return like[0] === like[0]?.toUpperCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** The text with its first negatable verb negated, or undefined when no rule applies. */
export function negate(text: string): string | undefined {
  const edits = candidates(text);
  if (edits.length === 0) return undefined;
  const first = edits.reduce((a, b) => (b.index < a.index ? b : a));
  return text.slice(0, first.index) + first.text + text.slice(first.index + first.length);
}
