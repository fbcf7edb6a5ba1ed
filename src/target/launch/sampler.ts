import type { TreeProbe } from './probe.js';
import type { StatsAccumulator } from './stats.js';

/** Measures a process tree every `intervalMs` into an accumulator until stopped. */
export class Sampler {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly probe: TreeProbe,
    private readonly into: StatsAccumulator,
    private readonly intervalMs: number,
  ) {}

  /** Takes a first sample now, then one per interval. */
  start(): void {
    this.tick();
  }

  /** Stops sampling and waits for a sample in progress, so stats do not change afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private tick(): void {
    if (this.stopped) return;
    // Chained timeouts rather than setInterval: a slow scan must not overlap the next one.
    this.inFlight = this.probe
      .measure()
      .then(
        (usage) => {
          this.into.add(usage);
        },
        // A failed sample (a process vanishing mid-read) is skipped; the next one usually works.
        () => undefined,
      )
      .then(() => {
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.intervalMs);
        // Sampling alone must not keep Gauntlet alive.
        this.timer.unref();
      });
  }
}
