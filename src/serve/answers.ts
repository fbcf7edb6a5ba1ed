/**
 * Scripted answers: rules that map a prompt to a fixed response, checked before the built-in
 * instruction and the text generator. A rule matches the last user message (chat) or the prompt
 * (completions) exactly, ignoring surrounding whitespace, or by regular expression.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatPath, ServeConfigError } from './errors.js';

const SLASHED = /^\/(.*)\/([a-z]*)$/s;

/** One scripted answer: `match` is exact text, `"/re/flags"`, or `{regex, flags?}`. */
export const answerRuleSchema = z
  .strictObject({
    match: z.union([
      z.string().min(1),
      z.strictObject({ regex: z.string().min(1), flags: z.string().optional() }),
    ]),
    response: z.string(),
  })
  .superRefine((rule, ctx) => {
    const problem = regexProblem(rule.match);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['match'] });
  });

/** A scripted answer as written in a config or answers file. */
export type AnswerRule = z.infer<typeof answerRuleSchema>;

/** A rule ready to test prompts. */
export interface CompiledAnswer {
  test(prompt: string): boolean;
  response: string;
}

function toRegExp(match: AnswerRule['match']): RegExp | undefined {
  if (typeof match === 'object') return new RegExp(match.regex, match.flags);
  const slashed = SLASHED.exec(match);
  return slashed ? new RegExp(slashed[1] as string, slashed[2]) : undefined;
}

function regexProblem(match: AnswerRule['match']): string | undefined {
  try {
    toRegExp(match);
    return undefined;
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
}

/** Compiles rules once at start-up; the first rule that matches wins. */
export function compileAnswers(rules: readonly AnswerRule[]): CompiledAnswer[] {
  return rules.map((rule) => {
    const re = toRegExp(rule.match);
    if (re) {
      // A /g or /y regex keeps lastIndex between calls; reset it so every prompt is tested from the start.
      const test = (p: string) => {
        re.lastIndex = 0;
        return re.test(p);
      };
      return { response: rule.response, test };
    }
    const exact = (rule.match as string).trim();
    return { response: rule.response, test: (p) => p.trim() === exact };
  });
}

/** The scripted response for `prompt`, or undefined when no rule matches. */
export function findAnswer(answers: readonly CompiledAnswer[], prompt: string): string | undefined {
  return answers.find((a) => a.test(prompt))?.response;
}

/** Reads a JSONL answers file (one `{match, response}` per line, blank lines skipped); errors give file:line. */
export async function loadAnswers(file: string): Promise<AnswerRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ServeConfigError(
      `cannot read the answers file: ${(err as Error).message}`,
      { file },
      { cause: err },
    );
  }
  const rules: AnswerRule[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const hint = 'each line must be one JSON object like {"match": "hi", "response": "hello"}';
      throw new ServeConfigError(`invalid JSON (${(err as Error).message}); ${hint}`, { file, line: i + 1 });
    }
    const parsed = answerRuleSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? formatPath(issue.path) : undefined;
      throw new ServeConfigError(issue?.message ?? 'invalid rule', { file, line: i + 1, field });
    }
    rules.push(parsed.data);
  }
  return rules;
}
