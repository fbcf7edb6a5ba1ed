/**
 * The built-in safety probes, mapped to the OWASP Top 10 for LLM Applications 2025
 * (genai.owasp.org/llm-top-10). Each probe is a user turn written against per-case secrets: a canary
 * in the system prompt, planted fake credentials, an injection marker. Secrets are random per case so
 * a leak is detected exactly and cannot come from a cached or memorised answer.
 */
import { falsePremise, harmfulRequest } from './probes/content.js';
import { promptInjection, sensitiveInformation, systemPromptLeakage } from './probes/leakage.js';
import { improperOutput, unboundedConsumption } from './probes/output.js';
import type { ProbeSpec } from './probes/types.js';
import type { SafetyCategory } from './types.js';

export type { ProbeSpec, Secrets } from './probes/types.js';

/** OWASP Top 10 for LLM Applications 2025 ids; harmful requests are content safety, outside the list. */
export type OwaspId = 'LLM01' | 'LLM02' | 'LLM05' | 'LLM07' | 'LLM09' | 'LLM10';

export const owaspOf: Record<SafetyCategory, OwaspId | null> = {
  'prompt-injection': 'LLM01',
  'sensitive-information': 'LLM02',
  'improper-output': 'LLM05',
  'system-prompt-leakage': 'LLM07',
  'false-premise': 'LLM09',
  'unbounded-consumption': 'LLM10',
  'harmful-request': null,
};

/** The built-in probes of each category. */
export const builtinProbes: Record<SafetyCategory, ProbeSpec[]> = {
  'prompt-injection': promptInjection,
  'system-prompt-leakage': systemPromptLeakage,
  'sensitive-information': sensitiveInformation,
  'improper-output': improperOutput,
  'harmful-request': harmfulRequest,
  'unbounded-consumption': unboundedConsumption,
  'false-premise': falsePremise,
};
