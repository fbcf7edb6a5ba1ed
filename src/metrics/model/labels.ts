/**
 * Class labels and the input checks every model metric shares. Errors are RangeErrors whose message names
 * the argument at fault, so a stage can pass them on to the user as they are.
 */

/** A class label or group value: numbers and strings, as they come out of a predictions file. */
export type Label = number | string;

/** Throws unless every array has the same length as the first; `names` label them in the message. */
export function checkSameLength(names: readonly string[], ...arrays: readonly (readonly unknown[])[]): void {
  const n = arrays[0]?.length ?? 0;
  arrays.forEach((a, i) => {
    if (a.length !== n) {
      throw new RangeError(
        `${names[i]} has ${a.length} values but ${names[0]} has ${n}: the arrays must be the same length`,
      );
    }
  });
}

/** Throws when `values` is empty: no metric here has a meaningful value on zero samples. */
export function checkNonEmpty(name: string, values: readonly unknown[]): void {
  if (values.length === 0) throw new RangeError(`${name} is empty: at least one sample is needed`);
}

/** Throws unless every value is a finite number (regression targets, scores, probabilities). */
export function checkFinite(name: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] is ${String(v)}: expected a finite number`);
    }
  });
}

/** Throws unless every value is a probability in [0, 1]. */
export function checkProbabilities(name: string, values: readonly number[]): void {
  checkFinite(name, values);
  values.forEach((v, i) => {
    if (v < 0 || v > 1) throw new RangeError(`${name}[${i}] is ${v}: a probability must lie in [0, 1]`);
  });
}

function checkLabel(name: string, v: unknown, i: number): asserts v is Label {
  // NaN never equals itself, so it would silently form a class of its own per sample.
  if (typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v))) return;
  throw new RangeError(`${name}[${i}] is ${String(v)}: a label must be a string or a number other than NaN`);
}

/**
 * The distinct labels of the given arrays, sorted as numpy's np.unique sorts them (numbers ascending,
 * strings by code unit), which is the order scikit-learn uses for confusion matrices and averages.
 */
export function sortedLabels(named: readonly (readonly [string, readonly Label[]])[]): Label[] {
  const seen = new Set<Label>();
  for (const [name, values] of named) {
    values.forEach((v, i) => {
      checkLabel(name, v, i);
      seen.add(v);
    });
  }
  const labels = [...seen];
  const kinds = new Set(labels.map((l) => typeof l));
  if (kinds.size > 1) {
    // numpy would coerce the numbers to strings and sort '10' before '9'; refuse rather than guess.
    throw new RangeError(`${named.map(([n]) => n).join(' and ')} mix numbers and strings as labels`);
  }
  return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Options of the metrics that treat one label as the positive class. */
export interface PosLabelOptions {
  /** The positive class. Default 1. */
  posLabel?: Label;
}

/**
 * Throws unless the given arrays hold at most two distinct labels and, when they hold two, one of them is
 * `posLabel` (scikit-learn's rule for average='binary'). Returns the sorted labels.
 */
export function checkBinary(
  named: readonly (readonly [string, readonly Label[]])[],
  posLabel: Label,
): Label[] {
  const labels = sortedLabels(named);
  const names = named.map(([n]) => n).join(' and ');
  if (labels.length > 2) {
    throw new RangeError(
      `${names} hold ${labels.length} distinct labels (${preview(labels)}): this metric needs binary labels`,
    );
  }
  if (labels.length === 2 && !labels.includes(posLabel)) {
    throw new RangeError(
      `posLabel ${JSON.stringify(posLabel)} is not one of the labels of ${names} (${preview(labels)})`,
    );
  }
  return labels;
}

function preview(labels: readonly Label[]): string {
  const shown = labels.slice(0, 5).map((l) => JSON.stringify(l));
  return labels.length > 5 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
