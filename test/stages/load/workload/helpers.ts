/** Shared helpers for the workload tests: options with defaults, and specs parsed by the real schema. */
import { fileURLToPath } from 'node:url';
import { workloadSchema } from '../../../../src/config/stages/load.js';
import type { LoadRequest } from '../../../../src/stages/load/types.js';
import {
  createWorkload,
  type Workload,
  type WorkloadOptions,
} from '../../../../src/stages/load/workload/index.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/load/', import.meta.url));

export const OPTS: WorkloadOptions = {
  baseDir: FIXTURES,
  endpoint: 'chat',
  model: 'm',
  maxTokens: 32,
  temperature: 0,
  stream: true,
  extraBody: {},
  seed: 1,
};

/** A workload from a spec as a user would write it (the schema fills the defaults). */
export function workload(spec: unknown, opts: Partial<WorkloadOptions> = {}): Promise<Workload> {
  return createWorkload(workloadSchema.parse(spec), { ...OPTS, ...opts });
}

/** The next `n` requests. */
export function take(w: Workload, n: number): LoadRequest[] {
  return Array.from({ length: n }, () => w.next());
}
