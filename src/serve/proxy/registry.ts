/**
 * The faults in force, in the order they were added, and how often each applied. A fault's `toxicity` is
 * drawn from its own seeded stream: once per connection for TCP faults, once per request for HTTP faults.
 */
import { type Fault, faultSchema, tcpFaultTypes } from '../../config/faults.js';
import { FaultProxyError } from './errors.js';
import { type Draw, seededStream } from './random.js';

/** A fault as the proxy holds it: with the name it is removed by. */
export type NamedFault = Fault & { name: string };
type TcpType = (typeof tcpFaultTypes)[number];
/** Faults acting on the bytes of a connection. */
export type TcpFault = Extract<NamedFault, { type: TcpType }>;
/** Faults acting on HTTP requests and responses. */
export type HttpFault = Exclude<NamedFault, { type: TcpType }>;

/** True for faults that act on the byte streams of a connection. */
export function isTcpFault(fault: NamedFault): fault is TcpFault {
  return (tcpFaultTypes as readonly string[]).includes(fault.type);
}

// Only the fault's own fields: callers may pass richer objects (the chaos stage's have `at`, `duration`).
function ownFields(fault: Fault): Fault {
  const shape = faultSchema.options.find((o) => o.shape.type.value === fault.type)?.shape ?? {};
  return Object.fromEntries(Object.entries(fault).filter(([key]) => key in shape)) as Fault;
}

interface Entry {
  fault: NamedFault;
  toxicity: Draw;
}

/** Names, toxicity draws and counts of the active faults. */
export class FaultRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Times each fault (by name) applied; kept after the fault is removed, so a run can be reported. */
  readonly faulted: Record<string, number> = {};

  constructor(readonly seed: number) {}

  /** Adds a fault under its name (default: its type, numbered when taken); throws when the name is taken. */
  add(fault: Fault): NamedFault {
    const name = fault.name ?? this.freeName(fault.type);
    if (this.entries.has(name)) {
      throw new FaultProxyError(
        'E_PROXY_FAULT_EXISTS',
        `a fault named "${name}" is already active; remove it first, or give the new one another name`,
      );
    }
    const named = { ...ownFields(fault), name } as NamedFault;
    this.entries.set(name, { fault: named, toxicity: seededStream(this.seed, name, 'toxicity') });
    return named;
  }

  remove(name: string): NamedFault | undefined {
    const entry = this.entries.get(name);
    this.entries.delete(name);
    return entry?.fault;
  }

  /** Copies of the active faults in the order they were added. */
  list(): NamedFault[] {
    return [...this.entries.values()].map((e) => ({ ...e.fault }));
  }

  tcp(): TcpFault[] {
    return [...this.entries.values()].map((e) => e.fault).filter(isTcpFault);
  }

  http(): HttpFault[] {
    return [...this.entries.values()].map((e) => e.fault).filter((f): f is HttpFault => !isTcpFault(f));
  }

  /** Draws whether the fault applies this time (to a connection or a request). */
  rolls(fault: NamedFault): boolean {
    const entry = this.entries.get(fault.name);
    return entry !== undefined && entry.toxicity() < fault.toxicity;
  }

  /** Counts one application of the fault. */
  count(fault: NamedFault): void {
    this.faulted[fault.name] = (this.faulted[fault.name] ?? 0) + 1;
  }

  /** The stream of a fault's value draws (jitter, slice sizes) on one connection. */
  values(fault: NamedFault, connection: number): Draw {
    return seededStream(this.seed, fault.name, 'values', connection);
  }

  private freeName(type: string): string {
    if (!this.entries.has(type)) return type;
    let n = 2;
    while (this.entries.has(`${type}-${n}`)) n++;
    return `${type}-${n}`;
  }
}
