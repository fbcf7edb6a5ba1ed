/** The public API of target/: the OpenAI-compatible client, its errors, and the evidence helpers. */

export { type CurlOptions, type CurlRequest, shellQuote, toCurl } from './curl.js';
export {
  parseApiError,
  type StreamReceived,
  TargetConfigError,
  TargetError,
  TargetHttpError,
  TargetMalformedError,
  TargetStreamError,
  TargetTimeoutError,
  TargetUnreachableError,
  type TimeoutPhase,
} from './errors.js';
export { buildEvidence, type OutgoingRequest, type Redaction } from './evidence.js';
export type { AnyChunk, ChunkContent, StreamChoice } from './openai/accumulate.js';
export {
  type CallOptions,
  type CallResult,
  type CallTimings,
  OpenAIClient,
  type OpenAIClientOptions,
  type RawResponse,
  type StreamEndpoint,
} from './openai/client.js';
export { parseSse, type SseEvent, SseParser } from './openai/sse.js';
export { type StreamEvent, StreamHandle, type StreamResult, type StreamTimings } from './openai/stream.js';
export type * from './openai/types.js';
export {
  collectSecrets,
  isSecretHeader,
  REDACTED,
  redactDeep,
  redactHeaders,
  redactString,
} from './redact.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, retryDelayMs } from './retry.js';
export { DEFAULT_TIMEOUTS, type Timeouts } from './transport.js';
