/**
 * Senders: send one request and measure it where its bytes arrive. Both never throw: every failure is an
 * outcome with an ErrorClass, so the load engine counts it instead of crashing on it.
 */
export { classifyError } from './classify.js';
export {
  createHttpSender,
  type HttpRequestTemplate,
  type HttpSender,
  type HttpSenderOptions,
} from './http-sender.js';
export { createOpenAISender, type OpenAISenderOptions } from './openai-sender.js';
export { TemplateError, templateVariables } from './template.js';
