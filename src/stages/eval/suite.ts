/**
 * What the eval engine runs: suites of work items. Each item is one or more prompts (two for an INV/DIR
 * pair); the engine sends them and hands the outputs back to the suite that judges them, and at the end
 * each suite reports its checks and table rows. Items are produced lazily so 100k cases stream through.
 */
import type { CheckOutcome } from '../types.js';
import type { RenderedPrompt } from './template.js';
import type { CaseResult, ModelOutput } from './types.js';

export interface WorkItem {
  id: string;
  suite: string;
  description?: string;
  tags: string[];
  repeat: number;
  /** One of several samples of the same prompt (repeat > 1): each must be a fresh answer, never a cached one. */
  independent: boolean;
  vars: Record<string, unknown>;
  /** Usually one; INV/DIR tests send the original and the perturbed prompt. */
  prompts: RenderedPrompt[];
  /** Request fields that override the stage's (e.g. a huge max_tokens for an unbounded-consumption probe). */
  overrides?: Record<string, unknown>;
  /** Whatever the suite needs to judge the item later. */
  meta?: unknown;
}

export interface SuiteCheck {
  id: string;
  name: string;
  outcome: CheckOutcome;
}

export interface SuiteReport {
  checks: SuiteCheck[];
  tables: { title: string; columns: string[]; rows: (string | number | null)[][]; notes?: string[] }[];
}

export interface EvalSuite {
  /** Items to send, lazily. */
  items(): AsyncIterable<WorkItem>;
  /** Judges one item from its outputs (same order as its prompts). */
  judge(item: WorkItem, outputs: ModelOutput[]): Promise<CaseResult>;
  /** Checks and tables once every item is judged. */
  finish(): SuiteReport;
}
