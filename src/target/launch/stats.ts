import type { TreeUsage } from './probe.js';
import type { ExitInfo, LaunchStats } from './types.js';

const MB = 1024 * 1024;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Running totals of resource samples; cheap to add to, cheap to read. */
export class StatsAccumulator {
  private samples = 0;
  private rssSum = 0;
  private rssPeak = 0;
  private rssLast = 0;
  private cpuSamples = 0;
  private cpuSum = 0;
  private cpuPeak = 0;
  private readyPending = false;
  private rssAtReady: number | undefined;

  /** The server is ready: the next sample is the baseline that memory growth is measured from. */
  markReady(): void {
    this.readyPending = true;
  }

  /** Adds one sample; an empty tree (nothing running) is not a sample. */
  add(usage: TreeUsage): void {
    if (usage.processes === 0) return;
    this.samples++;
    this.rssSum += usage.rssBytes;
    this.rssPeak = Math.max(this.rssPeak, usage.rssBytes);
    this.rssLast = usage.rssBytes;
    if (this.readyPending) {
      this.rssAtReady = usage.rssBytes;
      this.readyPending = false;
    }
    if (usage.cpuPct !== undefined) {
      this.cpuSamples++;
      this.cpuSum += usage.cpuPct;
      this.cpuPeak = Math.max(this.cpuPeak, usage.cpuPct);
    }
  }

  /** The stats so far, in MiB and percent of one core, rounded to one decimal. */
  snapshot(startupMs: number, exitedEarly?: ExitInfo): LaunchStats {
    return {
      startupMs,
      samples: this.samples,
      rssPeakMb: round1(this.rssPeak / MB),
      rssLastMb: round1(this.rssLast / MB),
      rssMeanMb: this.samples === 0 ? 0 : round1(this.rssSum / this.samples / MB),
      ...(this.rssAtReady !== undefined && { rssGrowthMb: round1((this.rssLast - this.rssAtReady) / MB) }),
      cpuMeanPct: this.cpuSamples === 0 ? 0 : round1(this.cpuSum / this.cpuSamples),
      cpuPeakPct: round1(this.cpuPeak),
      ...(exitedEarly && { exitedEarly }),
    };
  }
}
