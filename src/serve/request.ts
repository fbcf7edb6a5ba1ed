/**
 * Validates chat and completion request bodies the way OpenAI does: the first problem found becomes a
 * 400 whose `param` names the field. Hand-written rather than zod so messages and params match OpenAI.
 */
import { type ApiError, invalidParam } from './api-error.js';
import { countTokens } from './engine/tokenizer.js';

/** Which OpenAI endpoint a request came to. */
export type Endpoint = 'chat' | 'completion';

/** One prompt the engine answers; chat requests have one, completions one per prompt string. */
export interface Prompt {
  /** Stable text of the whole input, hashed into the generator's seed. */
  canonical: string;
  /** The last user message (chat) or the prompt: what answer rules and instructions look at. */
  instructionText: string;
  tokens: number;
  /** What a real engine renders: the chat messages (chat), or the prompt text (completions). */
  input: { messages: ChatMessage[] } | { text: string };
}

/** One chat message with its content as plain text. */
export interface ChatMessage {
  role: string;
  content: string;
}

/** A validated generation request. */
export interface GenerationRequest {
  endpoint: Endpoint;
  model: string;
  prompts: Prompt[];
  stream: boolean;
  includeUsage: boolean;
  n: number;
  stop: string[];
  /** As the client asked; undefined means the endpoint's default. */
  maxTokens: number | undefined;
  temperature: number;
  topP: number;
  /** vLLM's and llama.cpp's extension: sample among the k likeliest tokens; 0 or -1 turns it off. */
  topK: number | undefined;
  seed: number | undefined;
}

/** OpenAI's legacy completions endpoint answers 16 tokens unless asked for more. */
const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

/** The answer's token limit: the client's, else what the context has left (chat) or 16 (completions). */
export function maxTokensFor(req: GenerationRequest, prompt: Prompt, contextLength: number): number {
  if (req.maxTokens !== undefined) return req.maxTokens;
  const left = contextLength - prompt.tokens;
  return req.endpoint === 'chat' ? left : Math.min(COMPLETIONS_DEFAULT_MAX_TOKENS, left);
}

type Body = Record<string, unknown>;
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const MAX_N = 128;

/** Parses a request body for `endpoint`, throwing an OpenAI-shaped 400 on the first problem. */
export function parseGenerationRequest(endpoint: Endpoint, body: unknown): GenerationRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParam(null, 'The request body must be a JSON object.');
  }
  const b = body as Body;
  const model = get(b, 'model');
  if (model === undefined)
    throw invalidParam('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
  if (typeof model !== 'string' || model === '') throw typeError('model', model, 'a non-empty string');
  const streamOptions = optionalObject(b, 'stream_options');
  const maxTokens =
    (endpoint === 'chat' ? optionalInt(b, 'max_completion_tokens', 1) : undefined) ??
    optionalInt(b, 'max_tokens', 1);
  return {
    endpoint,
    model,
    prompts: endpoint === 'chat' ? [chatPrompt(b)] : completionPrompts(b),
    stream: optionalBoolean(b, 'stream') ?? false,
    includeUsage:
      (streamOptions && optionalBoolean(streamOptions, 'include_usage', 'stream_options.')) ?? false,
    n: optionalInt(b, 'n', 1, MAX_N) ?? 1,
    stop: stopSequences(b),
    maxTokens,
    temperature: optionalNumber(b, 'temperature', 0, 2) ?? 1,
    topP: optionalTopP(b) ?? 1,
    topK: optionalInt(b, 'top_k', -1),
    seed: optionalInt(b, 'seed', Number.MIN_SAFE_INTEGER),
  };
}

// OpenAI treats an explicit null like an absent field.
function get(b: Body, key: string): unknown {
  return b[key] ?? undefined;
}

function typeError(param: string, value: unknown, expected: string): ApiError {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return invalidParam(
    param,
    `Invalid type for '${param}': expected ${expected}, but got ${got}.`,
    'invalid_type',
  );
}

function optionalBoolean(b: Body, key: string, prefix = ''): boolean | undefined {
  const v = get(b, key);
  if (v !== undefined && typeof v !== 'boolean') throw typeError(prefix + key, v, 'a boolean');
  return v as boolean | undefined;
}

function optionalObject(b: Body, key: string): Body | undefined {
  const v = get(b, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw typeError(key, v, 'an object');
  return v as Body;
}

function optionalNumber(b: Body, key: string, min: number, max: number): number | undefined {
  const v = get(b, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw typeError(key, v, 'a number');
  if (v < min) throw invalidParam(key, `${v} is less than the minimum of ${min} - '${key}'`, 'invalid_value');
  if (v > max)
    throw invalidParam(key, `${v} is greater than the maximum of ${max} - '${key}'`, 'invalid_value');
  return v;
}

function optionalInt(b: Body, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = get(b, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(key, v, 'an integer');
  return optionalNumber(b, key, min, max);
}

function optionalTopP(b: Body): number | undefined {
  const v = optionalNumber(b, 'top_p', 0, 1);
  if (v === 0)
    throw invalidParam('top_p', "0 is not in (0, 1] - 'top_p' must be greater than 0", 'invalid_value');
  return v;
}

function stopSequences(b: Body): string[] {
  const v = get(b, 'stop');
  if (v === undefined) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list)) throw typeError('stop', v, 'a string or an array of strings');
  for (const [i, s] of list.entries()) {
    if (typeof s !== 'string') throw typeError(`stop[${i}]`, s, 'a string');
  }
  // An empty stop string would match at position 0 and stop every answer before it starts.
  return (list as string[]).filter((s) => s !== '');
}

function chatPrompt(b: Body): Prompt {
  const messages = get(b, 'messages');
  if (messages === undefined) {
    throw invalidParam('messages', "Missing required parameter: 'messages'.", 'missing_required_parameter');
  }
  if (!Array.isArray(messages)) throw typeError('messages', messages, 'an array');
  if (messages.length === 0) {
    throw invalidParam(
      'messages',
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
      'empty_array',
    );
  }
  const parsed = messages.map((m, i) => chatMessage(m, `messages[${i}]`));
  const lastUser = parsed.findLast((m) => m.role === 'user') ?? parsed[parsed.length - 1];
  return {
    canonical: JSON.stringify(parsed.map((m) => [m.role, m.content])),
    instructionText: lastUser?.content ?? '',
    tokens: parsed.reduce((sum, m) => sum + countTokens(m.content), 0),
    input: { messages: parsed },
  };
}

function chatMessage(m: unknown, param: string): ChatMessage {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw typeError(param, m, 'an object');
  const { role, content } = m as Body;
  if (typeof role !== 'string') throw typeError(`${param}.role`, role, 'a string');
  if (!ROLES.has(role)) {
    const valid = [...ROLES].map((r) => `'${r}'`).join(', ');
    throw invalidParam(
      `${param}.role`,
      `Invalid value: '${role}'. Supported values are: ${valid}.`,
      'invalid_value',
    );
  }
  // An assistant turn that only called tools has no content.
  if ((content === undefined || content === null) && role === 'assistant') return { role, content: '' };
  // A user turn with nothing in it is a client bug; OpenAI rejects strings below their minimum length so.
  if (content === '' && role === 'user') {
    throw invalidParam(
      `${param}.content`,
      `Invalid '${param}.content': string too short. Expected a string with minimum length 1, but got an empty string instead.`,
      'string_below_min_length',
    );
  }
  if (typeof content === 'string') return { role, content };
  if (!Array.isArray(content))
    throw typeError(`${param}.content`, content, 'a string or an array of content parts');
  const texts = content.map((part, j) => {
    const p = part as Body | null;
    if (typeof p !== 'object' || p === null || p.type !== 'text' || typeof p.text !== 'string') {
      throw invalidParam(
        `${param}.content[${j}]`,
        'This server reads text only: each content part must be {"type": "text", "text": "..."}.',
        'invalid_value',
      );
    }
    return p.text;
  });
  return { role, content: texts.join('\n') };
}

function completionPrompts(b: Body): Prompt[] {
  const prompt = get(b, 'prompt');
  if (prompt === undefined) {
    throw invalidParam('prompt', "Missing required parameter: 'prompt'.", 'missing_required_parameter');
  }
  const list = typeof prompt === 'string' ? [prompt] : prompt;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) {
    throw typeError('prompt', prompt, 'a string or an array of strings (token arrays are not supported)');
  }
  if (list.length === 0 || list.some((p) => p === '')) {
    throw invalidParam('prompt', "Invalid 'prompt': the prompt must not be empty.", 'empty_prompt');
  }
  return (list as string[]).map((p) => ({
    canonical: p,
    instructionText: p,
    tokens: countTokens(p),
    input: { text: p },
  }));
}
