/**
 * The slice of the OpenAI HTTP API that Gauntlet speaks. Requests keep an index signature because
 * compatible servers accept extras (vLLM `ignore_eos`, `min_tokens`, ...) and tests must be able to send them;
 * responses are typed as the spec says but are validated at runtime, never trusted.
 */

/** Why a choice stopped; servers add their own values, so any string is accepted. */
export type FinishReason =
  | 'stop'
  | 'length'
  | 'tool_calls'
  | 'content_filter'
  | 'function_call'
  | (string & {});

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | (string & {});

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: string; [field: string]: unknown };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export interface ChatMessage {
  role: ChatRole;
  content: string | ChatContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export interface StreamOptions {
  include_usage?: boolean;
  [field: string]: unknown;
}

/** Fields common to chat and completion requests. */
interface SamplingParams {
  model: string;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  n?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  logit_bias?: Record<string, number>;
  user?: string;
  stream?: boolean;
  stream_options?: StreamOptions | null;
  [extra: string]: unknown;
}

export interface ChatCompletionRequest extends SamplingParams {
  messages: ChatMessage[];
  max_completion_tokens?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  response_format?: { type: 'text' | 'json_object' | 'json_schema'; json_schema?: Record<string, unknown> };
  tools?: ToolDefinition[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
}

export interface CompletionRequest extends SamplingParams {
  prompt: string | string[] | number[] | number[][];
  echo?: boolean;
  logprobs?: number;
  suffix?: string;
  best_of?: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; [field: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number; [field: string]: unknown } | null;
}

export interface ChatCompletionMessage {
  role: ChatRole;
  content: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[];
  /** Reasoning text as DeepSeek/vLLM/llama.cpp return it. */
  reasoning_content?: string | null;
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion' | (string & {});
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: {
    role?: ChatRole;
    content?: string | null;
    refusal?: string | null;
    reasoning_content?: string | null;
    reasoning?: string | null;
    tool_calls?: ToolCallDelta[];
  };
  finish_reason: FinishReason | null;
  logprobs?: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk' | (string & {});
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  /** Present (non-null) only on the final usage chunk, whose `choices` is empty. */
  usage?: Usage | null;
  system_fingerprint?: string | null;
}

export interface CompletionChoice {
  index: number;
  text: string;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
}

export interface Completion {
  id: string;
  object: 'text_completion' | (string & {});
  created: number;
  model: string;
  choices: CompletionChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
}

/** A streamed completion chunk has the same shape as a whole completion. */
export type CompletionChunk = Completion;

export interface Model {
  id: string;
  object: 'model' | (string & {});
  created?: number;
  owned_by?: string;
  [field: string]: unknown;
}

export interface ModelList {
  object: 'list' | (string & {});
  data: Model[];
}

export interface OpenAIErrorDetail {
  message: string;
  type?: string | null;
  param?: string | null;
  code?: string | number | null;
}

/** The error body OpenAI and most compatible servers send with a non-2xx status (and some mid-stream). */
export interface OpenAIErrorBody {
  error: OpenAIErrorDetail;
}
