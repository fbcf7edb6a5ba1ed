/**
 * Train/test leakage: which test texts also appear in the training set, exactly, after normalisation,
 * or nearly (MinHash + LSH, verified by exact Jaccard). The training set is indexed first; the test set
 * then streams past it, so only the train index is held in memory.
 */

import { chooseBands, LshIndex } from './lsh.js';
import { createMinHasher, estimateJaccard } from './minhash.js';
import { normaliseText } from './normalise.js';
import { type LeakageOptions, resolveLeakageOptions } from './options.js';
import { preview, TrainIndex } from './train-index.js';

/** Texts one at a time: an array, a generator, or lines streamed from a file. */
export type TextSource = Iterable<string> | AsyncIterable<string>;

/** One leaked test text and the train text it matches. */
export interface LeakageExample {
  /** 1-based positions in the test and train sources. */
  testLine: number;
  trainLine: number;
  /** Previews of both texts (cut at `previewChars`). */
  test: string;
  train: string;
  /** 1 for exact and normalised duplicates; exact shingle Jaccard for near-duplicates. */
  similarity: number;
  /** The MinHash estimate of the similarity (near-duplicates only). */
  estimated?: number;
}

/** How many test texts leaked in one way, with the first examples. */
export interface LeakageKind {
  count: number;
  examples: LeakageExample[];
}

/**
 * The leakage between a train and a test set. Each leaked test text is counted once, in the strongest
 * kind that applies: exact, else normalised, else near.
 */
export interface LeakageReport {
  train: { texts: number; ignored: number };
  /** `ignored`: texts left empty by normalisation, which are not compared. */
  test: { texts: number; ignored: number };
  exact: LeakageKind;
  normalised: LeakageKind;
  near: LeakageKind;
  /** Test texts with any kind of leak, and their share of the compared test texts. */
  leaked: number;
  leakedRate: number;
  /** Pairs LSH offered as near-duplicate candidates and exact Jaccard checked (the search's cost). */
  candidates: number;
  params: {
    shingleSize: number;
    numPerm: number;
    bands: number;
    rows: number;
    /** Probability that LSH offered a pair at exactly the threshold for verification. */
    recallAtThreshold: number;
    threshold: number;
    seed: number;
    near: boolean;
  };
}

/** Finds test texts that duplicate or nearly duplicate train texts (see LeakageReport). */
export async function findLeakage(
  trainTexts: TextSource,
  testTexts: TextSource,
  opts: LeakageOptions = {},
): Promise<LeakageReport> {
  const o = resolveLeakageOptions(opts);
  const { bands, rows } =
    o.bands === undefined
      ? chooseBands(o.threshold, o.numPerm, o.minRecall)
      : { bands: o.bands, rows: Math.floor(o.numPerm / o.bands) };
  const hasher = createMinHasher({ numPerm: o.numPerm, shingleSize: o.shingleSize, seed: o.seed });
  const lsh = o.near ? new LshIndex(bands, rows) : undefined;
  const index = new TrainIndex(hasher, lsh, o.previewChars, o.maxExamples > 0);
  for await (const text of trainTexts) index.add(text);

  const kinds = { exact: emptyKind(), normalised: emptyKind(), near: emptyKind() };
  const record = (kind: LeakageKind, example: LeakageExample) => {
    kind.count++;
    if (kind.examples.length < o.maxExamples) kind.examples.push(example);
  };
  let testLine = 0;
  let ignored = 0;
  for await (const text of testTexts) {
    testLine++;
    const norm = normaliseText(text);
    if (norm === '') {
      ignored++;
      continue;
    }
    const example = (trainLine: number, similarity: number, estimated?: number): LeakageExample => ({
      testLine,
      trainLine,
      test: preview(text, o.previewChars),
      train: index.preview(trainLine),
      similarity,
      ...(estimated === undefined ? {} : { estimated }),
    });
    const exactLine = index.exactLine(text);
    if (exactLine !== -1) {
      record(kinds.exact, example(exactLine, 1));
      continue;
    }
    const normLine = index.normalisedLine(norm);
    if (normLine !== -1) {
      record(kinds.normalised, example(normLine, 1));
      continue;
    }
    if (!lsh) continue;
    const shingles = hasher.shingles(norm);
    const signature = hasher.signature(shingles);
    const match = index.nearest(shingles, signature, o.threshold);
    if (match) {
      const estimated = estimateJaccard(signature, index.signatureOf(match.line));
      record(kinds.near, example(match.line, match.similarity, estimated));
    }
  }

  const leaked = kinds.exact.count + kinds.normalised.count + kinds.near.count;
  const compared = testLine - ignored;
  return {
    train: { texts: index.texts, ignored: index.ignored },
    test: { texts: testLine, ignored },
    ...kinds,
    leaked,
    leakedRate: compared === 0 ? 0 : leaked / compared,
    candidates: index.candidates,
    params: {
      shingleSize: o.shingleSize,
      numPerm: o.numPerm,
      bands,
      rows,
      recallAtThreshold: 1 - (1 - o.threshold ** rows) ** bands,
      threshold: o.threshold,
      seed: o.seed,
      near: o.near,
    },
  };
}

function emptyKind(): LeakageKind {
  return { count: 0, examples: [] };
}
