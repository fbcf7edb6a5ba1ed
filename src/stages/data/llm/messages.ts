/**
 * OpenAI chat messages: each message's shape (role, content as text or content parts, tool calls, the
 * fine-tuning `weight`), and the turn order of a training conversation.
 */
import type { FieldProblem } from './formats.js';
import { checkString, describe, has, isObject } from './json-values.js';

export const roles = ['system', 'user', 'assistant', 'tool'] as const;
export type Role = (typeof roles)[number];

/** A message that passed the shape checks far enough to know its role. */
export interface Message {
  role: Role;
  /** The text content (text parts joined by newlines; '' for a tool-call-only assistant turn). */
  text: string;
  toolCalls: boolean;
}

/** Checks one message; returns it when its role is known (content problems are reported, not fatal). */
export function checkMessage(value: unknown, path: string, out: FieldProblem[]): Message | undefined {
  if (!isObject(value)) {
    out.push({ field: path, message: `expected an object, got ${describe(value)}` });
    return undefined;
  }
  const role = value.role;
  const known = typeof role === 'string' && (roles as readonly string[]).includes(role);
  if (!has(value, 'role')) out.push({ field: `${path}.role`, message: 'is missing' });
  else if (!known) {
    out.push({
      field: `${path}.role`,
      message: `expected one of ${roles.join(', ')}, got ${JSON.stringify(role)}`,
    });
  }
  if (has(value, 'tool_calls') && !Array.isArray(value.tool_calls)) {
    out.push({ field: `${path}.tool_calls`, message: `expected a list, got ${describe(value.tool_calls)}` });
  }
  const toolCalls =
    (Array.isArray(value.tool_calls) && value.tool_calls.length > 0) || isObject(value.function_call);
  const content = value.content;
  let text = '';
  // OpenAI lets an assistant turn that only calls tools leave its content out, null or empty.
  const toolCallOnly = role === 'assistant' && toolCalls && (content == null || content === '');
  if (!toolCallOnly) {
    if (!has(value, 'content')) out.push({ field: `${path}.content`, message: 'is missing' });
    else text = checkContent(content, `${path}.content`, out) ?? '';
  }
  if (has(value, 'weight') && value.weight !== 0 && value.weight !== 1) {
    out.push({ field: `${path}.weight`, message: `expected 0 or 1, got ${JSON.stringify(value.weight)}` });
  }
  return known ? { role: role as Role, text, toolCalls } : undefined;
}

/** A string, or a list of content parts whose `text` parts are non-empty; returns the text. */
function checkContent(content: unknown, path: string, out: FieldProblem[]): string | undefined {
  if (typeof content === 'string') {
    if (content.trim() !== '') return content;
    out.push({ field: path, message: 'is empty' });
    return undefined;
  }
  if (!Array.isArray(content)) {
    out.push({
      field: path,
      message: `expected a string or a list of content parts, got ${describe(content)}`,
    });
    return undefined;
  }
  if (content.length === 0) {
    out.push({ field: path, message: 'is empty' });
    return undefined;
  }
  const texts: string[] = [];
  for (const [j, part] of content.entries()) {
    const at = `${path}[${j}]`;
    if (!isObject(part)) out.push({ field: at, message: `expected an object, got ${describe(part)}` });
    else if (checkString(part, 'type', out, { path: `${at}.type` }) === 'text') {
      const text = checkString(part, 'text', out, { path: `${at}.text` });
      if (text !== undefined) texts.push(text);
    }
    // Other part types (image_url, input_audio, file) carry no text to check.
  }
  return texts.join('\n');
}

/**
 * Checks a list of messages; with `conversation`, also the training turn order: an optional system
 * message first, then user and assistant alternating (an assistant turn may call tools, answered by
 * tool messages, then the assistant again), ending with the assistant. That order implies at least
 * one user and one assistant turn. Returns the messages when every role is known.
 */
export function checkMessages(
  value: unknown,
  path: string,
  out: FieldProblem[],
  opts: { conversation: boolean },
): Message[] | undefined {
  if (!Array.isArray(value)) {
    out.push({ field: path, message: `expected a list of messages, got ${describe(value)}` });
    return undefined;
  }
  if (value.length === 0) {
    out.push({ field: path, message: 'is empty' });
    return undefined;
  }
  const messages = value.map((m, i) => checkMessage(m, `${path}[${i}]`, out));
  if (!messages.every((m) => m !== undefined)) return undefined;
  if (opts.conversation) checkOrder(messages, path, out);
  return messages;
}

// Only the first misplaced turn is reported: after one, every later turn would look wrong too.
function checkOrder(messages: Message[], path: string, out: FieldProblem[]): void {
  let prev: Message | undefined;
  for (const [i, m] of messages.entries()) {
    const allowed = nextRoles(prev);
    if (!allowed.includes(m.role)) {
      const expected = allowed.map((r) => `"${r}"`).join(' or ');
      let message = prev
        ? `expected ${expected} after "${prev.role}", got "${m.role}"`
        : `expected ${expected} first, got "${m.role}"`;
      if (m.role === 'system') message = '"system" is only allowed as the first message';
      out.push({ field: `${path}[${i}].role`, message });
      return;
    }
    prev = m;
  }
  if (prev && prev.role !== 'assistant') {
    out.push({
      field: `${path}[${messages.length - 1}].role`,
      message: `expected the last message to be "assistant", got "${prev.role}"`,
    });
  }
}

function nextRoles(prev: Message | undefined): Role[] {
  if (!prev) return ['system', 'user'];
  switch (prev.role) {
    case 'system':
      return ['user'];
    case 'user':
      return ['assistant'];
    case 'assistant':
      return prev.toolCalls ? ['tool'] : ['user'];
    case 'tool':
      return ['tool', 'assistant'];
  }
}
