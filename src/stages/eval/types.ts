/**
 * The contracts inside the eval engine: a case is rendered to a request, the model's output is judged by
 * assertions, each giving a score in [0, 1] and a pass, and case results stream out as events.
 */
import type { Assertion, AssertionType } from '../../config/stages/eval-assertions.js';
import type { Usage } from '../../target/index.js';

export type { Assertion, AssertionType };

/** What the model answered to one request (or why it did not). */
export interface ModelOutput {
  text: string;
  latencyMs: number;
  usage?: Usage;
  finishReason?: string | null;
  /** The request failed (after the retry budget): assertions are not run, the case fails with this. */
  error?: { code: string; message: string; status?: number };
  cached: boolean;
}

/** Calls a judge model; `null` when the stage has no judge and the target cannot serve as one. */
export interface JudgeClient {
  /** One judge vote on `output` against `rubric`; the judge must answer `{pass, score, reason}` (JSON schema). */
  grade(
    input: { rubric: string; output: string; prompt: string; vars: Record<string, unknown> },
    provider?: unknown,
  ): Promise<{
    pass: boolean;
    score: number;
    reason: string;
  }>;
}

/** What an assertion may look at besides the output text. */
export interface AssertionContext {
  vars: Record<string, unknown>;
  /** The rendered prompt as text (messages joined), for judges and messages. */
  prompt: string;
  output: ModelOutput;
  /** Folder of the suite file: `javascript` assertion files resolve against it. */
  baseDir: string;
  judge?: JudgeClient;
  signal?: AbortSignal;
}

export interface AssertionResult {
  /** As written, `not-` included. */
  type: string;
  pass: boolean;
  /** In [0, 1]; for negated assertions 1 - the inner score. */
  score: number;
  /** One line a person reads: what was expected, what was found, the number against its limit. */
  reason: string;
  weight: number;
  /** Name to aggregate under (the assertion's `metric`, else its type). */
  metric: string;
  /** For judges: the votes and whether they disagreed. */
  details?: Record<string, unknown>;
}

/** Evaluates one assertion of one type against an output. Never throws for a bad output; throws only for bad config. */
export type AssertionHandler<A> = (
  assertion: A,
  output: string,
  ctx: AssertionContext,
) => AssertionResult | Promise<AssertionResult>;

/** One judged case (one repeat of it), as streamed to the run store. */
export interface CaseResult {
  /** Stable across runs: the suite part and the case's position or id, e.g. `cases#12`, `checklist:negation#3`. */
  id: string;
  /** Which part of the stage produced it: `cases`, `golden`, `checklist:<name>`, `bias:<name>:<group>`, `safety:<category>`. */
  suite: string;
  description?: string;
  tags: string[];
  repeat: number;
  vars: Record<string, unknown>;
  prompt: string;
  output: string;
  pass: boolean;
  score: number;
  latencyMs: number;
  cached: boolean;
  error?: string;
  assertions: AssertionResult[];
}
