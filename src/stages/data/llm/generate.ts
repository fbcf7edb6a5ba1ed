/**
 * Synthetic LLM datasets for tests: plausible samples in each format, the same shapes the requirement
 * documents' TestDataGenerator writes (instruction with "input": "", DPO strings, input/output pairs),
 * seeded so a seed always gives the same lines.
 */
import { z } from 'zod';
import { mulberry32 } from '../../../metrics/random.js';
import { hash32 } from '../leakage/hash.js';
import { DatasetError } from './errors.js';
import { type LlmFormat, llmFormats } from './formats.js';
import { smallTalk, systemPrompts, type Topic, topics } from './generate-topics.js';

export const llmGenerateOptionsSchema = z.strictObject({
  format: z.enum(llmFormats),
  n: z.int().min(0).max(100_000_000),
  /** 42, as in the requirement documents' generator. */
  seed: z.int().default(42),
});

/** What to generate: a format, a number of samples, a seed. */
export type LlmGenerateOptions = z.input<typeof llmGenerateOptionsSchema>;

type Rng = () => number;

/** The dataset's JSONL lines (without newlines), one at a time. */
export function* llmDatasetLines(opts: LlmGenerateOptions): Generator<string> {
  const { format, n, seed } = resolveOptions(opts);
  // Each format draws from its own stream, so one seed gives unrelated sets per format.
  const rng = mulberry32(hash32(format, seed));
  for (let i = 0; i < n; i++) yield JSON.stringify(samplers[format](rng));
}

/** The dataset's JSONL lines (without newlines) as an array. */
export function generateLlmDataset(opts: LlmGenerateOptions): string[] {
  return [...llmDatasetLines(opts)];
}

function resolveOptions(opts: LlmGenerateOptions): z.output<typeof llmGenerateOptionsSchema> {
  const r = llmGenerateOptionsSchema.safeParse(opts);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new DatasetError(`dataset generation options: ${where}${issue?.message ?? 'invalid'}`, {
    code: 'E_DATASET_OPTIONS',
    cause: r.error,
  });
}

const samplers = {
  chat(rng) {
    const topic = pick(rng, topics);
    const messages: { role: string; content: string }[] = [];
    if (rng() < 0.5) messages.push({ role: 'system', content: pick(rng, systemPrompts) });
    messages.push({ role: 'user', content: question(rng, topic) });
    messages.push({ role: 'assistant', content: answer(rng, topic) });
    const followUps = Math.floor(rng() * 3);
    for (let i = 0; i < followUps; i++) {
      messages.push({ role: 'user', content: pick(rng, FOLLOW_UPS) });
      messages.push({ role: 'assistant', content: topic.facts[(i + 1) % 3] as string });
    }
    return { messages };
  },
  instruction(rng) {
    const topic = pick(rng, topics);
    if (rng() < 0.7) {
      const task = pick(rng, TASKS);
      return { instruction: task.instruction(topic), input: '', output: task.output(topic) };
    }
    const text = paragraph(topic);
    return rng() < 0.5
      ? {
          instruction: 'Summarise the following text in one sentence.',
          input: text,
          output: definition(topic),
        }
      : {
          instruction: 'Answer the question using only the text.',
          input: `${text}\n\nQuestion: ${question(rng, topic)}`,
          output: `${definition(topic)} ${pick(rng, topic.facts)}`,
        };
  },
  preference(rng) {
    const topic = pick(rng, topics);
    const other = pick(
      rng,
      topics.filter((t) => t !== topic),
    );
    const rejected = pick(rng, [
      "I'm not sure. You could look it up online.",
      `${capitalise(topic.name)} is complicated, so I can't really explain it.`,
      // Fluent but wrong: the pairs a preference model most needs to learn from.
      `${capitalise(topic.name)} is ${other.gist}.`,
      `It's ${topic.name}.`,
    ]);
    return { prompt: question(rng, topic), chosen: answer(rng, topic), rejected };
  },
  completion(rng) {
    const topic = pick(rng, topics);
    return rng() < 0.5
      ? { prompt: `Q: ${question(rng, topic)}\nA:`, completion: ` ${answer(rng, topic)}` }
      : { prompt: `${capitalise(topic.name)} is`, completion: ` ${topic.gist}.` };
  },
  pairs(rng) {
    if (rng() < 0.4) {
      const talk = pick(rng, smallTalk);
      return { input: pick(rng, talk.inputs), output: talk.output };
    }
    const topic = pick(rng, topics);
    return { input: question(rng, topic), output: answer(rng, topic) };
  },
} satisfies Record<LlmFormat, (rng: Rng) => object>;

const QUESTIONS = [
  (t: Topic) => `What is ${t.name}?`,
  (t: Topic) => `Can you explain ${t.name}?`,
  (t: Topic) => `Explain ${t.name} in simple terms.`,
  (t: Topic) => `Why does ${t.name} matter?`,
  (t: Topic) => `Tell me something interesting about ${t.name}.`,
  (t: Topic) => `I keep hearing about ${t.name}. What is it?`,
];

const FOLLOW_UPS = [
  'Can you give me one more fact?',
  'Tell me more.',
  'Interesting! What else should I know?',
];

const TASKS = [
  { instruction: (t: Topic) => `Explain ${t.name} in simple terms.`, output: definition },
  { instruction: (t: Topic) => `Write a short paragraph about ${t.name}.`, output: paragraph },
  {
    instruction: (t: Topic) => `List three facts about ${t.name}.`,
    output: (t: Topic) => t.facts.map((f, i) => `${i + 1}. ${f}`).join('\n'),
  },
  {
    instruction: (t: Topic) => `Describe ${t.name} to a ten-year-old.`,
    output: (t: Topic) => `Imagine this: ${t.gist}. ${t.facts[0]}`,
  },
];

function question(rng: Rng, topic: Topic): string {
  return pick(rng, QUESTIONS)(topic);
}

function answer(rng: Rng, topic: Topic): string {
  return `${definition(topic)} ${pick(rng, topic.facts)}`;
}

function definition(topic: Topic): string {
  return `${capitalise(topic.name)} is ${topic.gist}.`;
}

function paragraph(topic: Topic): string {
  return [definition(topic), ...topic.facts].join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}
