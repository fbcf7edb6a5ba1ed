/** A small typed event bus: stages emit, subscribers (store, reporters, metrics) listen. */
import type { RunEvent } from './events.js';
import type { Redactor } from './redact.js';

export type Listener = (event: RunEvent) => void;

export class EventBus {
  private readonly listeners: Listener[] = [];
  constructor(private readonly redact: Redactor) {}

  /** Adds a listener; returns a function that removes it. */
  on(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Sends an event to every listener, redacted first. Metric samples carry only numbers and tag names we
   * set, so they skip the redaction walk (load stages emit many). A throwing listener cannot stop the run.
   */
  emit(event: RunEvent): void {
    const safe = event.type === 'metric' ? event : this.redact(event);
    for (const l of this.listeners) {
      try {
        l(safe);
      } catch (err) {
        process.emitWarning(`gauntlet: an event listener failed on ${event.type}: ${(err as Error).message}`);
      }
    }
  }
}
