/**
 * Request bodies for the OpenAI endpoints. Every workload kind goes through here so the field order, the
 * usage request on streams and the user's extra fields (`ignore_eos`, ...) are the same for all of them.
 */

/** One chat message as sent (content may be a list of parts for multimodal rows). */
export interface WorkloadMessage {
  role: string;
  content: string | unknown[];
}

/** What every workload needs to know to build a body, besides the prompt itself. */
export interface WorkloadOptions {
  /** Relative `file` paths are resolved against this (the suite file's folder). */
  baseDir: string;
  endpoint: 'chat' | 'completions';
  model: string;
  maxTokens: number;
  temperature: number;
  stream: boolean;
  /** Spread last, so a user can override any field we set. */
  extraBody: Record<string, unknown>;
  seed: number;
}

type BodyOptions = Pick<WorkloadOptions, 'endpoint' | 'model' | 'temperature' | 'stream' | 'extraBody'>;

/** The body for `messages` (chat) or their text as one prompt (completions). */
export function buildBody(
  messages: WorkloadMessage[],
  maxTokens: number,
  opts: BodyOptions,
): Record<string, unknown> {
  const input = opts.endpoint === 'chat' ? { messages } : { prompt: promptOf(messages) };
  return {
    model: opts.model,
    ...input,
    max_tokens: maxTokens,
    temperature: opts.temperature,
    stream: opts.stream,
    // Without usage on the stream, output tokens can only be guessed from the chunk count.
    ...(opts.stream && { stream_options: { include_usage: true } }),
    ...opts.extraBody,
  };
}

/** One user message holding `text`. */
export function userMessage(text: string): WorkloadMessage[] {
  return [{ role: 'user', content: text }];
}

// The completions endpoint takes a string: a conversation becomes its turns' text, one per paragraph.
function promptOf(messages: WorkloadMessage[]): string {
  if (messages.length === 1 && typeof messages[0]?.content === 'string') return messages[0].content;
  return messages
    .map((m) => (typeof m.content === 'string' ? m.content : textOfParts(m.content)))
    .join('\n\n');
}

function textOfParts(parts: unknown[]): string {
  return parts
    .map((p) =>
      p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
        ? (p as { text: string }).text
        : '',
    )
    .filter(Boolean)
    .join('\n');
}
