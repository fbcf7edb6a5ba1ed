/**
 * An incremental Server-Sent-Events parser following the WHATWG EventSource processing model
 * (html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Network reads split frames anywhere, even inside a UTF-8 character or between the CR and LF of one
 * line ending, so every piece of state survives between chunks and any split gives the same events.
 */

/** One dispatched event. `event` is absent for the default type ("message"); `id` is the last event id seen. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;

/** Feed byte chunks with `push`, get the events they complete; call `end` when the body ends. */
export class SseParser {
  // A streaming decoder keeps a multi-byte character split across chunks; it also drops a leading BOM.
  private readonly decoder = new TextDecoder('utf-8');
  private line = '';
  // The previous chunk ended in CR: an LF at the start of the next one is the same line ending.
  private skipLf = false;
  private data = '';
  private eventType = '';
  private lastEventId = '';
  /** The reconnection time from the last valid `retry:` field, if any. */
  retryMs: number | undefined;

  /** Parses the next chunk of the body and returns the events it completed, in order. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** Ends the body. Per the spec an event not closed by a blank line is discarded; see `pending`. */
  end(): SseEvent[] {
    const events = this.feed(this.decoder.decode());
    this.skipLf = false;
    return events;
  }

  /** True when bytes of an unfinished line or event are waiting (after `end`: they were discarded). */
  get pending(): boolean {
    return this.line !== '' || this.data !== '' || this.eventType !== '';
  }

  private feed(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let start = 0;
    if (this.skipLf && text.length > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const line = this.line + text.slice(start, i);
      this.line = '';
      this.processLine(line, out);
      if (c === CR) {
        if (i + 1 === text.length) this.skipLf = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < text.length) this.line += text.slice(start);
    return out;
  }

  private processLine(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    // A comment: servers send ": keep-alive" to hold idle connections open.
    if (line.charCodeAt(0) === COLON) return;
    const colon = line.indexOf(':');
    let field = line;
    let value = '';
    if (colon !== -1) {
      field = line.slice(0, colon);
      value = line.slice(colon + (line.charCodeAt(colon + 1) === SPACE ? 2 : 1));
    }
    switch (field) {
      case 'data':
        this.data += `${value}\n`;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      // Unknown fields are ignored, as the spec says.
    }
  }

  private dispatch(out: SseEvent[]): void {
    // A blank line with no data (e.g. after a lone `event:`) dispatches nothing but resets the type.
    if (this.data === '') {
      this.eventType = '';
      return;
    }
    const event: SseEvent = { data: this.data.slice(0, -1) };
    if (this.eventType !== '') event.event = this.eventType;
    if (this.lastEventId !== '') event.id = this.lastEventId;
    out.push(event);
    this.data = '';
    this.eventType = '';
  }
}

/** Parses a whole byte stream into events (convenience over `SseParser`). */
export async function* parseSse(source: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}
