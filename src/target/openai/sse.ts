/**
 * An incremental Server-Sent-Events parser following the WHATWG EventSource processing model
 * (html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Network reads split frames anywhere, even inside a UTF-8 character or between the CR and LF of one
 * line ending, so every piece of state survives between chunks and any split gives the same events.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** One dispatched event. `event` is absent for the default type ("message"); `id` is the last event id seen. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

const LF = 0x0a;
const COLON = 0x3a;
const SPACE = 0x20;

/** Feed byte chunks with `push`, get the events they complete; call `end` when the body ends. */
export class SseParser {
  // A streaming decoder keeps a multi-byte character split across chunks; it also drops a leading BOM.
  // Created on the first chunk that needs it: an all-ASCII chunk (nearly every chunk of a JSON stream)
  // is the same text in UTF-8 and Latin-1, and Buffer's Latin-1 read is much cheaper than decode().
  private decoder: TextDecoder | undefined;
  // Bytes were read before the decoder existed: a BOM it sees is then not at the stream's start.
  private started = false;
  // The decoder may hold the first bytes of a character split across chunks.
  private decoderPending = false;
  private line = '';
  // The previous chunk ended in CR: an LF at the start of the next one is the same line ending.
  private skipLf = false;
  // The data buffer of the spec without its trailing LF; `hasData` tells "no data line" from "empty data".
  private data = '';
  private hasData = false;
  private eventType = '';
  private lastEventId = '';
  /** The reconnection time from the last valid `retry:` field, if any. */
  retryMs: number | undefined;

  /** Parses the next chunk of the body and returns the events it completed, in order. */
  push(chunk: Uint8Array): SseEvent[] {
    const out: SseEvent[] = [];
    this.feed(this.decode(chunk), (event) => out.push(event));
    return out;
  }

  /** Like `push`, but hands each completed event to `onEvent` as it is found (no array per chunk). */
  pushEach(chunk: Uint8Array, onEvent: (event: SseEvent) => void): void {
    this.feed(this.decode(chunk), onEvent);
  }

  /** Ends the body. Per the spec an event not closed by a blank line is discarded; see `pending`. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    this.feed(this.decoder?.decode() ?? '', (event) => out.push(event));
    this.skipLf = false;
    return out;
  }

  private decode(chunk: Uint8Array): string {
    if (!this.decoderPending && Buffer.isBuffer(chunk) && isAscii(chunk)) {
      if (chunk.length > 0) this.started = true;
      return chunk.toString('latin1');
    }
    // Once bytes have gone by, a BOM is a character (U+FEFF) to keep, not a mark to drop.
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: this.started });
    this.started ||= chunk.length > 0;
    const text = this.decoder.decode(chunk, { stream: true });
    // A chunk ending in an ASCII byte cannot leave a character unfinished.
    if (chunk.length > 0) this.decoderPending = (chunk[chunk.length - 1] as number) >= 0x80;
    return text;
  }

  /** True when bytes of an unfinished line or event are waiting (after `end`: they were discarded). */
  get pending(): boolean {
    return this.line !== '' || this.hasData || this.eventType !== '';
  }

  private feed(text: string, emit: (event: SseEvent) => void): void {
    const n = text.length;
    let start = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    // indexOf is native; most streams have no CR at all, so only LFs are looked for then.
    let cr = text.indexOf('\r', start);
    let lf = text.indexOf('\n', start);
    while (lf !== -1 || cr !== -1) {
      const i = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      const piece = text.slice(start, i);
      const line = this.line === '' ? piece : this.line + piece;
      this.line = '';
      this.processLine(line, emit);
      start = i + 1;
      if (i === cr) {
        if (start === n) this.skipLf = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    }
    if (start < n) this.line += start === 0 ? text : text.slice(start);
  }

  private processLine(line: string, emit: (event: SseEvent) => void): void {
    if (line === '') {
      this.dispatch(emit);
      return;
    }
    const first = line.charCodeAt(0);
    // A comment: servers send ": keep-alive" to hold idle connections open.
    if (first === COLON) return;
    // The common case, `data: ...`, without slicing out the field name.
    if (first === 0x64 && line.length > 4 && line.charCodeAt(4) === COLON && line.startsWith('data')) {
      this.addData(line.slice(line.charCodeAt(5) === SPACE ? 6 : 5));
      return;
    }
    const colon = line.indexOf(':');
    let field = line;
    let value = '';
    if (colon !== -1) {
      field = line.slice(0, colon);
      value = line.slice(colon + (line.charCodeAt(colon + 1) === SPACE ? 2 : 1));
    }
    switch (field) {
      case 'data':
        this.addData(value);
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

  private addData(value: string): void {
    if (this.hasData) this.data += `\n${value}`;
    else {
      this.data = value;
      this.hasData = true;
    }
  }

  private dispatch(emit: (event: SseEvent) => void): void {
    // A blank line with no data (e.g. after a lone `event:`) dispatches nothing but resets the type.
    if (!this.hasData) {
      this.eventType = '';
      return;
    }
    const event: SseEvent = { data: this.data };
    if (this.eventType !== '') event.event = this.eventType;
    if (this.lastEventId !== '') event.id = this.lastEventId;
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    emit(event);
  }
}

/** Parses a whole byte stream into events (convenience over `SseParser`). */
export async function* parseSse(source: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}
