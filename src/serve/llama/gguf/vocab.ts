/**
 * A small SentencePiece-style vocabulary (llama.cpp's "llama" tokenizer model) for the tiny test model:
 * special tokens, the 256 byte-fallback tokens, then word pieces marked with "▁" for a leading space.
 * llama.cpp's SentencePiece tokenizer builds a piece by merging adjacent pieces that are themselves in
 * the vocabulary, so every piece brings all its prefixes with it; any text still round-trips through
 * the byte tokens.
 */
import { vocabulary as simulatedWords } from '../../engine/vocabulary.js';

/** llama.cpp's token attribute types (tokenizer.ggml.token_type). */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

/** The SentencePiece space marker (U+2581 LOWER ONE EIGHTH BLOCK). */
export const SPACE = '\u2581';

export interface Vocab {
  tokens: string[];
  scores: number[];
  types: number[];
  unk: number;
  bos: number;
  eos: number;
  imStart: number;
  imEnd: number;
}

/** Common English words beyond the simulated engine's, roughly most frequent first. */
const MORE_WORDS = `
I you he she they me him her them my your his its our their what which who whom whose how why not no yes
do does did done doing have has had having am are was were been being get got go goes went gone come came
say said see saw seen know knew think thought look want give find tell ask work seem feel try leave call
one two three four five six seven eight nine ten hundred thousand million more most some any all both
few much other another such only own same so than too very just but or if because until while also
up down out off again further once people year way day thing man woman child world life hand part place
case week company number group problem fact point home water room mother father area money story month
line end member law car city community name team minute idea kid body information back parent face
student country program government question change play run move live believe bring happen write
long great little high different small large next early young important public bad able late hard
hello world thanks please sorry okay today tomorrow yesterday always never sometimes maybe really
`;

/** Pieces that occur inside words. */
const SUBWORDS = `
s es ed ing er ers ly tion tions ment ness able ible al ial ous ive ity est ful less ize ise ist ism
re un in im dis con com pro pre de ex en em an on at or ar ou th ch sh st ll ss nd ng ck qu ter ent ant
`;

const PUNCTUATION = `. , ! ? ; : ' " ( ) [ ] { } - _ / \\ @ # $ % & * + = < > | ~ \``;

const words = (text: string) => text.trim().split(/\s+/);

/** The piece list after specials and bytes, in rank order, each with its prefixes ahead of it. */
function pieces(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (piece: string) => {
    // Array.from splits by code point, so "▁" stays one symbol as the tokenizer sees it.
    const chars = Array.from(piece);
    for (let i = 1; i <= chars.length; i++) {
      const prefix = chars.slice(0, i).join('');
      if (!seen.has(prefix)) {
        seen.add(prefix);
        out.push(prefix);
      }
    }
  };
  add(SPACE);
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') add(c);
  for (const p of words(PUNCTUATION)) add(p);
  const all = [...simulatedWords, ...words(MORE_WORDS)];
  for (const w of all) add(SPACE + w);
  for (const w of ['The', 'A', 'It', 'This', 'We', 'You', 'In', 'What', 'How', 'Hello']) add(SPACE + w);
  for (const s of words(SUBWORDS)) add(s);
  return out;
}

/** Builds the vocabulary; the same every time. */
export function buildVocab(): Vocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const push = (text: string, type: number, score: number) => {
    tokens.push(text);
    types.push(type);
    scores.push(score);
    return tokens.length - 1;
  };
  const unk = push('<unk>', TokenType.UNKNOWN, 0);
  const bos = push('<s>', TokenType.CONTROL, 0);
  const eos = push('</s>', TokenType.CONTROL, 0);
  const imStart = push('<|im_start|>', TokenType.CONTROL, 0);
  const imEnd = push('<|im_end|>', TokenType.CONTROL, 0);
  for (let b = 0; b < 256; b++)
    push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.BYTE, 0);
  // Scores like log-probabilities: the merge loop prefers higher scores, so common pieces win ties.
  for (const [rank, piece] of pieces().entries()) push(piece, TokenType.NORMAL, -rank / 100);
  return { tokens, scores, types, unk, bos, eos, imStart, imEnd };
}
