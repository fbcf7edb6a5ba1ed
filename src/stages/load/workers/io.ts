/**
 * Inside a worker: the live workload and sender rebuilt from a WorkerSpec. The worker in slot k of n takes
 * the workload's requests k, k + n, k + 2n, ...: the workers together send the very sequence (same seed,
 * same bodies, unique indexes) one thread would, and never the same body in lockstep.
 */
import { OpenAIClient } from '../../../target/index.js';
import { createHttpSender, createOpenAISender } from '../request/index.js';
import type { LoadRequest, Sender } from '../types.js';
import { createWorkload } from '../workload/index.js';
import type { WorkerSpec } from './spec.js';

/** A worker's request source and sender; `close` frees its connections. */
export interface WorkerIo {
  next: () => LoadRequest;
  send: Sender;
  close: () => Promise<void>;
}

/** Builds the workload and sender of the worker in `slot` of `slots`. */
export async function openWorkerIo(spec: WorkerSpec, slot: number, slots: number): Promise<WorkerIo> {
  const workload = await createWorkload(spec.workload.spec, spec.workload.options);
  const next = strided(() => workload.next(), slot, slots);
  const t = spec.target;
  if (t.type === 'http') {
    const sender = createHttpSender({
      baseUrl: t.baseUrl,
      headers: t.headers,
      request: t.request,
      timeoutMs: t.timeoutMs,
    });
    return { next, send: sender, close: () => sender.close() };
  }
  const client = new OpenAIClient(t.client);
  return { next, send: createOpenAISender(client, t.sender), close: () => client.close() };
}

/**
 * Every `slots`-th item of `next`, from the `slot`-th. Skipped items are still drawn (a synthetic workload
 * samples an output length per request), which costs a body build each: cheap next to a request.
 */
export function strided(next: () => LoadRequest, slot: number, slots: number): () => LoadRequest {
  if (slots === 1) return next;
  let first = true;
  return () => {
    const skip = first ? slot : slots - 1;
    first = false;
    for (let i = 0; i < skip; i++) next();
    return next();
  };
}
