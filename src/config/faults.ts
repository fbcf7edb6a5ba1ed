/**
 * Faults the proxy injects, Toxiproxy's TCP toxics plus HTTP faults, each with a `toxicity` (the chance
 * it applies: per connection for TCP faults, per request for HTTP faults) and a `direction` (downstream:
 * the response path, server to client; upstream: the request path). One schema serves `gauntlet proxy`,
 * its control API and the chaos stage.
 */
import { z } from 'zod';
import { duration } from './primitives.js';

const common = {
  /** A name to remove the fault by (letters, digits, `_ - . #`); default its type plus a number. */
  name: z
    .string()
    .regex(/^[\w.#-]+$/, { message: 'use letters, digits and _ - . # only (the name goes in a URL)' })
    .optional(),
  toxicity: z.number().min(0).max(1).default(1),
  direction: z.enum(['downstream', 'upstream']).default('downstream'),
};

const bytes = z.number().int().min(0);

export const faultSchema = z.discriminatedUnion('type', [
  /** Delays every chunk by `latency` ± `jitter` (uniform). */
  z.strictObject({
    type: z.literal('latency'),
    latency: duration,
    jitter: duration.prefault('0ms'),
    ...common,
  }),
  /** Limits throughput to `rate` KiB/s (1024 bytes; Toxiproxy's KB/s are 1000). */
  z.strictObject({ type: z.literal('bandwidth'), rate: z.number().positive(), ...common }),
  /** Cuts data into pieces of `averageSize` ± `sizeVariation` bytes sent `delay` apart. */
  z
    .strictObject({
      type: z.literal('slicer'),
      averageSize: z.number().int().positive(),
      sizeVariation: bytes.default(0),
      delay: duration.prefault('0ms'),
      ...common,
    })
    .refine((f) => f.sizeVariation < f.averageSize, {
      message: 'sizeVariation must be smaller than averageSize (as in Toxiproxy)',
      path: ['sizeVariation'],
    }),
  /** Resets the connection (TCP RST) `timeout` after the first data in its direction (0: at that data). */
  z.strictObject({ type: z.literal('reset_peer'), timeout: duration.prefault('0ms'), ...common }),
  /** Stops all data; closes the connection after `timeout` (0: never). */
  z.strictObject({ type: z.literal('timeout'), timeout: duration.prefault('0ms'), ...common }),
  /** Closes the connection after `bytes` bytes. */
  z.strictObject({ type: z.literal('limit_data'), bytes, ...common }),
  /** Resets every new connection and drops the open ones (`direction` does not apply). */
  z.strictObject({ type: z.literal('down'), ...common }),
  /** Answers instead of the upstream with this status, and `Retry-After` when set (`direction` does not apply). */
  z.strictObject({
    type: z.literal('http_error'),
    status: z.number().int().min(400).max(599).default(503),
    retryAfter: z.number().int().min(0).optional(),
    body: z.string().optional(),
    ...common,
  }),
  /** Passes the request on but breaks the JSON of the response body. */
  z.strictObject({ type: z.literal('malformed_json'), ...common }),
  /** Ends an SSE stream after `afterEvents` events, before `data: [DONE]`. */
  z.strictObject({ type: z.literal('sse_cut'), afterEvents: z.number().int().min(0).default(1), ...common }),
  /** Holds the response's first byte back for `delay`. */
  z.strictObject({ type: z.literal('first_byte_delay'), delay: duration, ...common }),
]);

export type Fault = z.output<typeof faultSchema>;
export type FaultType = Fault['type'];
export const tcpFaultTypes = [
  'latency',
  'bandwidth',
  'slicer',
  'reset_peer',
  'timeout',
  'limit_data',
  'down',
] as const;
export const httpFaultTypes = ['http_error', 'malformed_json', 'sse_cut', 'first_byte_delay'] as const;
