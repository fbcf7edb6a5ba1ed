/**
 * Folds stream chunks into what checks ask about: the text, the finish reason, the usage chunk, the ids
 * and the arrival time of every chunk that carried content (inter-token latency is measured from these).
 */
import type { ChatCompletionChunk, CompletionChunk, FinishReason, Usage } from './types.js';

export type AnyChunk = ChatCompletionChunk | CompletionChunk;

/** Per-choice totals (streams with n > 1 interleave choices). */
export interface StreamChoice {
  index: number;
  text: string;
  finishReason: FinishReason | null;
}

/** What one chunk contributed. */
export interface ChunkContent {
  /** Text deltas of all choices in the chunk, concatenated. */
  content: string;
  /** True when the chunk carried tokens: text, reasoning text or tool-call fragments. */
  hasContent: boolean;
}

/** Mutable totals of one stream. */
export class StreamAccumulator<C extends AnyChunk> {
  /** Every chunk, in order; stays empty when the accumulator was told not to keep them. */
  readonly chunks: C[] = [];
  /** Chunks added, kept or not. */
  chunkCount = 0;
  readonly choices = new Map<number, StreamChoice>();
  readonly ids = new Set<string>();
  readonly contentChunkTimesMs: number[] = [];
  usage: Usage | undefined;
  usageChunkCount = 0;
  doneReceived = false;
  eventsAfterDone = 0;
  ttfbMs: number | undefined;
  firstContentMs: number | undefined;
  endMs: number | undefined;
  /** The text deltas of the chunk last folded in (all its choices, concatenated). */
  lastContent = '';

  /** `keepChunks: false` drops each chunk once folded in (a load test needs the totals, not the chunks). */
  constructor(private readonly keepChunks = true) {}

  /** Records a body read at `atMs` (relative to send). */
  bytes(atMs: number): void {
    this.ttfbMs ??= atMs;
  }

  /** Adds a parsed chunk that arrived at `atMs`. */
  add(chunk: C, atMs: number): ChunkContent {
    const hasContent = this.fold(chunk, atMs);
    return { content: this.lastContent, hasContent };
  }

  /** Adds a parsed chunk that arrived at `atMs`; returns whether it carried tokens (see `lastContent`). */
  fold(chunk: C, atMs: number): boolean {
    this.chunkCount++;
    if (this.keepChunks) this.chunks.push(chunk);
    if (typeof chunk.id === 'string') this.ids.add(chunk.id);
    if (chunk.usage != null) {
      this.usage = chunk.usage;
      this.usageChunkCount++;
    }
    let content = '';
    let hasContent = false;
    const choices = chunk.choices;
    if (Array.isArray(choices)) {
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i] as AnyChunk['choices'][number];
        const index = typeof choice.index === 'number' ? choice.index : 0;
        let slot = this.choices.get(index);
        if (slot === undefined) {
          slot = { index, text: '', finishReason: null };
          this.choices.set(index, slot);
        }
        const piece = choiceText(choice);
        slot.text += piece;
        content += piece;
        if (piece !== '' || carriesTokens(choice)) hasContent = true;
        if (choice.finish_reason != null) slot.finishReason = choice.finish_reason;
      }
    }
    this.lastContent = content;
    if (hasContent) {
      this.firstContentMs ??= atMs;
      this.contentChunkTimesMs.push(atMs);
    }
    return hasContent;
  }

  /** The text of choice 0. */
  get text(): string {
    return this.choices.get(0)?.text ?? '';
  }

  /** The finish reason of choice 0, null if none arrived. */
  get finishReason(): FinishReason | null {
    return this.choices.get(0)?.finishReason ?? null;
  }
}

function choiceText(choice: AnyChunk['choices'][number]): string {
  if ('delta' in choice) return typeof choice.delta?.content === 'string' ? choice.delta.content : '';
  return typeof choice.text === 'string' ? choice.text : '';
}

// Reasoning models stream thinking tokens and tool calls before (or instead of) content; they are tokens
// for latency purposes even though they are not part of `text`.
function carriesTokens(choice: AnyChunk['choices'][number]): boolean {
  if (!('delta' in choice) || !choice.delta) return false;
  const d = choice.delta;
  return !!d.reasoning_content || !!d.reasoning || (Array.isArray(d.tool_calls) && d.tool_calls.length > 0);
}
