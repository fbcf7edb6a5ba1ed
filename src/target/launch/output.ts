import type { OutputStream } from './types.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
// A line longer than this is evidence enough; the cap keeps a runaway log from filling memory.
const MAX_LINE = 2000;

/** Splits a child's output into lines, hands each to a listener, and keeps the last few for error messages. */
export class OutputTail {
  private readonly kept: string[] = [];
  private readonly partial: Record<OutputStream, string> = { stdout: '', stderr: '' };

  constructor(
    private readonly max: number,
    private readonly onLine?: (stream: OutputStream, line: string) => void,
  ) {}

  /** Feeds a decoded chunk of one stream. */
  push(stream: OutputStream, chunk: string): void {
    const parts = (this.partial[stream] + chunk).split('\n');
    let rest = parts.pop() ?? '';
    for (const part of parts) this.emit(stream, part);
    if (rest.length > MAX_LINE) {
      this.emit(stream, rest);
      rest = '';
    }
    this.partial[stream] = rest;
  }

  /** Flushes the unterminated last line of a stream that has ended. */
  end(stream: OutputStream): void {
    const rest = this.partial[stream];
    this.partial[stream] = '';
    if (rest !== '') this.emit(stream, rest);
  }

  /** The last lines, oldest first, plus any line still being written (a crash often leaves one). */
  lines(): string[] {
    const pending = [this.partial.stdout, this.partial.stderr].map(clean).filter((l) => l.trim() !== '');
    return [...this.kept, ...pending].slice(-this.max);
  }

  private emit(stream: OutputStream, raw: string): void {
    const line = clean(raw);
    // Blank lines would only push useful ones out of the tail.
    if (line.trim() !== '') {
      this.kept.push(line);
      if (this.kept.length > this.max) this.kept.shift();
    }
    this.onLine?.(stream, line);
  }
}

function clean(raw: string): string {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  // Progress bars redraw with a bare \r; keep what a terminal would show.
  const shown = line.slice(line.lastIndexOf('\r') + 1).replace(ANSI, '');
  return shown.length > MAX_LINE ? `${shown.slice(0, MAX_LINE)}…` : shown;
}
