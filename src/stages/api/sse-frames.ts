/**
 * The framing of an OpenAI event stream, read line by line from the raw body (the client's SSE parser
 * forgives what a conformance check must see): each event one `data: <payload>` line closed by a blank
 * line, comments (`: keep-alive`) allowed between events, nothing but the final `data: [DONE]`.
 */

/** One event as framed on the wire. */
export interface SseFrame {
  /** 1-based line of the event's first line. */
  line: number;
  /** The payloads of its `data:` lines (one, in a well-formed OpenAI stream). */
  data: string[];
  /** Other fields it carried (`event`, `id`, `retry`, unknown). */
  otherFields: string[];
}

/** Every event of a body, and what is wrong with the framing itself. */
export interface SseFraming {
  frames: SseFrame[];
  comments: number;
  problems: string[];
}

/** Splits a raw SSE body into events (CRLF, CR and LF line endings alike). */
export function readFrames(text: string): SseFraming {
  const lines = text.split(/\r\n|\r|\n/);
  // What follows the last line ending is an unfinished line, not a blank one.
  if (lines.at(-1) === '') lines.pop();
  const frames: SseFrame[] = [];
  const problems: string[] = [];
  const fieldNames = new Map<string, number>();
  let comments = 0;
  let current: SseFrame | undefined;
  lines.forEach((line, i) => {
    if (line === '') {
      if (current) frames.push(current);
      current = undefined;
      return;
    }
    if (line.startsWith(':')) {
      comments++;
      return;
    }
    current ??= { line: i + 1, data: [], otherFields: [] };
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field === 'data') {
      const value = line.slice(colon + 1);
      current.data.push(value.startsWith(' ') ? value.slice(1) : value);
    } else {
      current.otherFields.push(field);
      fieldNames.set(field, (fieldNames.get(field) ?? 0) + 1);
    }
  });
  if (current) {
    problems.push(
      `the stream ends inside an event (line ${current.line}) with no blank line after it: clients drop that event`,
    );
  }
  for (const [field, n] of fieldNames) {
    problems.push(
      `${n} line${n === 1 ? ' carries' : 's carry'} the field "${field}:"; an OpenAI stream has only "data:" lines (and ":" comments)`,
    );
  }
  const multi = frames.filter((f) => f.data.length > 1);
  if (multi.length > 0) {
    problems.push(
      `${multi.length} event(s) have several "data:" lines (first at line ${multi[0]?.line}); each chunk is one "data: <json>" line`,
    );
  }
  const empty = frames.filter((f) => f.data.length === 0);
  if (empty.length > 0) {
    problems.push(`${empty.length} event(s) have no "data:" line (first at line ${empty[0]?.line})`);
  }
  return { frames, comments, problems };
}
