/**
 * Dataset statistics in one pass and bounded memory: length distributions of inputs and outputs, and
 * distinct and duplicate counts from 64-bit hashes (the texts themselves are never kept).
 */
import { estimateTokens, wordCount } from '../../../metrics/text/index.js';
import { fmix32, hash64 } from '../leakage/hash.js';
import { Hash64Table } from '../leakage/hash-table.js';
import type { SampleParts } from './formats.js';

/** One histogram bin: lengths in [from, to); `to` is null for the last, open bin. */
export interface LengthBin {
  from: number;
  to: number | null;
  count: number;
}

/** Lengths of one text part over the valid samples (mean, min and max null when there are none). */
export interface LengthDistribution {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  histogram: LengthBin[];
}

/** A later sample identical (input and output) to an earlier one. */
export interface DuplicateSample {
  line: number;
  firstLine: number;
}

/**
 * Statistics over the valid samples. Words are whitespace-separated pieces holding a letter or digit;
 * tokens are `estimateTokens` (metrics/text): a tokenizer-free estimate within ~10% of cl100k/o200k on
 * English. Distinct counts compare 64-bit hashes: a false match among a million distinct texts has odds
 * of about 3e-8. Past `maxDistinct` distinct texts per kind, new ones stop being stored (so memory
 * stays at ~12-24 bytes × maxDistinct per kind): the counts become lower bounds and `exact` is false.
 */
export interface LlmDatasetStats {
  input: { words: LengthDistribution; tokens: LengthDistribution };
  output: { words: LengthDistribution; tokens: LengthDistribution };
  uniqueInputs: number;
  uniqueOutputs: number;
  /** Samples whose input and output both repeat an earlier sample's. */
  duplicates: number;
  duplicateExamples: DuplicateSample[];
  exact: boolean;
}

/** Histogram lower edges in words or tokens: doubling bins, which is how context limits are drawn. */
export const defaultLengthBins = [0, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

/** Collects LlmDatasetStats one valid sample at a time. */
export class LlmStatsBuilder {
  private readonly lengths;
  private readonly inputs = new Hash64Table();
  private readonly outputs = new Hash64Table();
  private readonly samples = new Hash64Table();
  private duplicates = 0;
  private readonly duplicateExamples: DuplicateSample[] = [];
  private exact = true;

  constructor(private readonly opts: { bins: number[]; maxDistinct: number; maxDuplicateExamples: number }) {
    const make = () => ({
      words: new LengthAccumulator(opts.bins),
      tokens: new LengthAccumulator(opts.bins),
    });
    this.lengths = { input: make(), output: make() };
  }

  /** Adds the valid sample on `line`. */
  add(line: number, parts: SampleParts): void {
    for (const part of ['input', 'output'] as const) {
      this.lengths[part].words.add(wordCount(parts[part]));
      this.lengths[part].tokens.add(estimateTokens(parts[part]));
    }
    const [ih, il] = hash64(parts.input);
    const [oh, ol] = hash64(parts.output);
    this.remember(this.inputs, ih, il, line);
    this.remember(this.outputs, oh, ol, line);
    // The pair's key mixes both hashes (asymmetrically, so swapping input and output changes it) rather
    // than hashing input + separator + output, which a separator inside a text could make ambiguous.
    const first = this.remember(
      this.samples,
      fmix32(ih ^ Math.imul(ol, 0x9e3779b1)),
      fmix32(il ^ Math.imul(oh, 0x85ebca6b)),
      line,
    );
    if (first !== -1) {
      this.duplicates++;
      if (this.duplicateExamples.length < this.opts.maxDuplicateExamples) {
        this.duplicateExamples.push({ line, firstLine: first });
      }
    }
  }

  /** The statistics so far. */
  result(): LlmDatasetStats {
    const part = (p: 'input' | 'output') => ({
      words: this.lengths[p].words.result(),
      tokens: this.lengths[p].tokens.result(),
    });
    return {
      input: part('input'),
      output: part('output'),
      uniqueInputs: this.inputs.size,
      uniqueOutputs: this.outputs.size,
      duplicates: this.duplicates,
      duplicateExamples: this.duplicateExamples,
      exact: this.exact,
    };
  }

  // Returns the line the text was first seen on, or -1 (and stores it, while under the cap).
  private remember(table: Hash64Table, hi: number, lo: number, line: number): number {
    const first = table.get(hi, lo);
    if (first !== -1) return first;
    if (table.size < this.opts.maxDistinct) table.set(hi, lo, line);
    else this.exact = false;
    return -1;
  }
}

/** Count, sum, min, max and a fixed-bin histogram of non-negative integers. */
class LengthAccumulator {
  private count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = 0;
  private readonly counts: number[];

  constructor(private readonly bins: number[]) {
    this.counts = bins.map(() => 0);
  }

  add(n: number): void {
    this.count++;
    this.sum += n;
    if (n < this.min) this.min = n;
    if (n > this.max) this.max = n;
    let i = this.bins.length - 1;
    while (i > 0 && n < (this.bins[i] as number)) i--;
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  result(): LengthDistribution {
    const none = this.count === 0;
    return {
      count: this.count,
      mean: none ? null : this.sum / this.count,
      min: none ? null : this.min,
      max: none ? null : this.max,
      histogram: this.bins.map((from, i) => ({
        from,
        to: this.bins[i + 1] ?? null,
        count: this.counts[i] as number,
      })),
    };
  }
}
