/**
 * Options of the `chaos` stage: Gauntlet starts its fault proxy in front of the target, sends a steady
 * stream of requests through it, injects faults on a schedule, and checks a steady-state hypothesis
 * before the first fault, in every window during the experiment, and after the last fault is removed,
 * measuring how long the target takes to recover.
 */
import { z } from 'zod';
import { faultSchema } from '../faults.js';
import { duration, positiveInt } from '../primitives.js';
import { apiRequest } from './api.js';

const scheduled = z.intersection(
  faultSchema,
  z.object({
    /** When the fault starts, from the start of the experiment (after the baseline). */
    at: duration,
    /** How long it stays. */
    duration,
  }),
);

export const chaosStageOptions = {
  /** Requests per second sent through the proxy for the whole experiment (an open model). */
  rate: z.number().positive().max(1000).default(5),
  /** Concurrent requests at most; arrivals beyond are counted as dropped. */
  maxInFlight: positiveInt.default(64),
  stream: z.boolean().default(true),
  maxTokens: positiveInt.default(32),
  prompt: z.string().min(1).default('Answer in one sentence: why is the sky blue?'),
  /** For `type: http` targets: the request to send. */
  request: apiRequest.optional(),
  requestTimeout: duration.prefault('10s'),
  /** Steady state before any fault: it must hold, or the experiment is not run. */
  baseline: duration.prefault('5s'),
  /** Length of the experiment after the baseline; faults are scheduled within it. */
  duration: duration.prefault('30s'),
  /** The steady state is judged on each window of this length. */
  window: duration.prefault('2s'),
  /**
   * The steady-state hypothesis: k6-style thresholds on the traffic's metrics per window: `error_rate`
   * (rate), `ttft` and `e2e` (ms trends), `requests` (count).
   */
  steadyState: z
    .record(z.string(), z.array(z.string()).min(1))
    .default({ error_rate: ['rate<0.01'], e2e: ['p(95)<2000'] }),
  faults: z.array(scheduled).min(1),
  /** After the last fault is removed, the steady state must hold again within this. */
  recoveryWithin: duration.prefault('10s'),
  /**
   * Windows during faults are judged too (graceful degradation: the tolerance must hold through the
   * faults); false only reports them and judges the baseline and the recovery.
   */
  judgeDuringFaults: z.boolean().default(true),
};
