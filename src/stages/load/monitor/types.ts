/**
 * The shape every load-test monitor shares, so the load stage can start, sample and stop them alike.
 */

/** A monitor that runs beside a load test. */
export interface Monitor<Snapshot, Result> {
  /** Starts sampling. A second call, or a call after `stop()`, does nothing. */
  start(): void;
  /** Figures for the interval since the previous snapshot: one row of the per-second time series. */
  snapshot(): Snapshot;
  /** Stops sampling, waits for the sample in flight, and returns whole-run figures. Safe to call twice. */
  stop(): Promise<Result>;
}
