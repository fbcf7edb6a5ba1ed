/**
 * Prompt templates: Nunjucks (promptfoo's choice, so users' templates carry over) with `{{ var }}`.
 * Compiled once per distinct template; an undefined variable is an error naming it, not an empty string.
 */
import nunjucks from 'nunjucks';
import { GauntletError } from '../../errors.js';

export type PromptSpec = string | { role: string; content: string }[];
export interface RenderedPrompt {
  messages: { role: string; content: string }[];
  /** The messages as one text (for completions endpoints, judges and reports). */
  text: string;
}

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
const compiled = new Map<string, nunjucks.Template>();

function template(source: string): nunjucks.Template {
  let t = compiled.get(source);
  if (!t) {
    t = nunjucks.compile(source, env);
    compiled.set(source, t);
  }
  return t;
}

/** Renders one template string with the case's vars. */
export function renderTemplate(source: string, vars: Record<string, unknown>, where: string): string {
  try {
    return template(source).render(vars);
  } catch (cause) {
    const detail = (cause as Error).message.replace(/^\(unknown path\)\s*/, '').replace(/\s+/g, ' ');
    throw new GauntletError(
      'E_EVAL_TEMPLATE',
      `${where}: the prompt template failed: ${detail}. Known vars: ${Object.keys(vars).join(', ') || 'none'}`,
      { exitCode: 2, cause },
    );
  }
}

/** Renders a prompt (a string is one user message) with the case's vars. */
export function renderPrompt(
  prompt: PromptSpec,
  vars: Record<string, unknown>,
  where: string,
): RenderedPrompt {
  const messages =
    typeof prompt === 'string'
      ? [{ role: 'user', content: renderTemplate(prompt, vars, where) }]
      : prompt.map((m) => ({ role: m.role, content: renderTemplate(m.content, vars, where) }));
  return {
    messages,
    text: messages.map((m) => (messages.length > 1 ? `${m.role}: ${m.content}` : m.content)).join('\n'),
  };
}
