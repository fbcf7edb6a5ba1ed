/**
 * Generated tokens become text to send one piece at a time, as a real server streams them, with two
 * things held back until they are settled: a trailing U+FFFD (a byte-fallback token that is the first half
 * of a UTF-8 character decodes to it until the rest arrives), and any tail that could still grow into a
 * stop string (vLLM and llama.cpp's server hold it back the same way, so no stop text ever leaks).
 */

/** What one step produced: text that may be sent now, and whether a stop string ended the answer. */
export interface StreamStep {
  emit: string;
  stopped: boolean;
}

export class TextStream {
  #sent = 0;

  constructor(private readonly stops: readonly string[]) {}

  /** Takes the whole text decoded so far; returns the new piece that is safe to send. */
  update(fullText: string): StreamStep {
    let safe = fullText;
    while (safe.endsWith('\uFFFD')) safe = safe.slice(0, -1);
    const cut = this.firstStop(safe);
    if (cut !== undefined) return { emit: this.take(safe, cut), stopped: true };
    return { emit: this.take(safe, safe.length - this.heldTail(safe)), stopped: false };
  }

  /** The rest once generation ended (by length or end of sequence): nothing is held any more. */
  finish(fullText: string): string {
    return this.take(fullText, this.firstStop(fullText) ?? fullText.length);
  }

  /** The text sent so far is `text.slice(0, sent)`: sends up to `end`. */
  private take(text: string, end: number): string {
    if (end <= this.#sent) return '';
    const piece = text.slice(this.#sent, end);
    this.#sent = end;
    return piece;
  }

  private firstStop(text: string): number | undefined {
    let cut: number | undefined;
    for (const s of this.stops) {
      if (s === '') continue;
      // A stop string cannot begin inside text already sent: that text was held back while it could.
      const at = text.indexOf(s, Math.max(0, this.#sent - s.length + 1));
      if (at !== -1 && (cut === undefined || at < cut)) cut = at;
    }
    return cut;
  }

  /** Length of the longest tail of `text` that is a proper prefix of some stop string. */
  private heldTail(text: string): number {
    let hold = 0;
    for (const s of this.stops) {
      for (let k = Math.min(s.length - 1, text.length); k > hold; k--) {
        if (text.endsWith(s.slice(0, k))) {
          hold = k;
          break;
        }
      }
    }
    return hold;
  }
}
