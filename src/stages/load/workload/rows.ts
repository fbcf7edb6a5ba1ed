/**
 * What one JSONL row means: a plain prompt, a chat message list, a ShareGPT conversation, or (anything
 * else) variables for an http request template. Problems are returned as words; the reader adds file:line.
 */
import type { WorkloadMessage } from './body.js';

/** A row understood: the messages to send (absent for template-only rows) and its own max_tokens. */
export interface Row {
  messages?: WorkloadMessage[];
  maxTokens?: number;
  /** The whole row, for `{{var}}` in http templates (a prompt row gives `{{prompt}}` too). */
  vars: Record<string, unknown>;
}

/** Thrown for a row that cannot be used; the message says what is wrong, without the location. */
export class RowProblem extends Error {}

// ShareGPT dumps name the speakers in several ways; anything else is a mistake worth reporting.
const SHAREGPT_ROLES: Record<string, string> = {
  human: 'user',
  user: 'user',
  gpt: 'assistant',
  assistant: 'assistant',
  chatgpt: 'assistant',
  bard: 'assistant',
  bing: 'assistant',
  system: 'system',
};

/** Interprets a parsed row; throws RowProblem. */
export function parseRow(row: unknown): Row {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    throw new RowProblem(`expected a JSON object, got ${kindOf(row)}`);
  }
  const r = row as Record<string, unknown>;
  const out: Row = { vars: r };
  const maxTokens = r.max_tokens;
  if (maxTokens !== undefined) {
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
      throw new RowProblem(`"max_tokens" must be a positive integer, got ${JSON.stringify(maxTokens)}`);
    }
    out.maxTokens = maxTokens;
  }
  if ('prompt' in r) out.messages = promptMessages(r.prompt);
  else if ('messages' in r) out.messages = chatMessages(r.messages, 'messages');
  else if ('conversations' in r) out.messages = shareGpt(r.conversations);
  return out;
}

function promptMessages(prompt: unknown): WorkloadMessage[] {
  if (typeof prompt !== 'string' || prompt === '') {
    throw new RowProblem(`"prompt" must be a non-empty string, got ${kindOf(prompt)}`);
  }
  return [{ role: 'user', content: prompt }];
}

function chatMessages(messages: unknown, field: string): WorkloadMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new RowProblem(`"${field}" must be a non-empty array of {role, content}, got ${kindOf(messages)}`);
  }
  return messages.map((m, i) => {
    const msg = m as Record<string, unknown> | null;
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
      throw new RowProblem(`${field}[${i}] must be an object {role, content}, got ${kindOf(m)}`);
    }
    if (typeof msg.role !== 'string' || msg.role === '') {
      throw new RowProblem(`${field}[${i}].role must be a non-empty string, got ${kindOf(msg.role)}`);
    }
    if (typeof msg.content !== 'string' && !Array.isArray(msg.content)) {
      throw new RowProblem(
        `${field}[${i}].content must be a string or a list of parts, got ${kindOf(msg.content)}`,
      );
    }
    return { role: msg.role, content: msg.content };
  });
}

// The request is the conversation up to the last human turn: what the model would be asked to answer next.
function shareGpt(conversations: unknown): WorkloadMessage[] {
  if (!Array.isArray(conversations) || conversations.length === 0) {
    throw new RowProblem(
      `"conversations" must be a non-empty array of {from, value}, got ${kindOf(conversations)}`,
    );
  }
  const messages = conversations.map((turn, i) => {
    const t = turn as Record<string, unknown> | null;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) {
      throw new RowProblem(`conversations[${i}] must be an object {from, value}, got ${kindOf(turn)}`);
    }
    const role = typeof t.from === 'string' ? SHAREGPT_ROLES[t.from.toLowerCase()] : undefined;
    if (role === undefined) {
      const known = Object.keys(SHAREGPT_ROLES).join(', ');
      throw new RowProblem(`conversations[${i}].from must be one of ${known}, got ${JSON.stringify(t.from)}`);
    }
    if (typeof t.value !== 'string') {
      throw new RowProblem(`conversations[${i}].value must be a string, got ${kindOf(t.value)}`);
    }
    return { role, content: t.value };
  });
  let last = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') {
      last = i;
      break;
    }
  }
  if (last < 0) throw new RowProblem('"conversations" has no human turn to send');
  return messages.slice(0, last + 1);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return `a ${typeof value}`;
}
