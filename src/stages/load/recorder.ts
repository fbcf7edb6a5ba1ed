/**
 * Records a level's metrics twice over: into the run (gates, summary) through the stage context, and into a
 * registry of the level's own, on which the stage's thresholds are judged (during the run for abortOnFail).
 */
import { MetricRegistry } from '../../metrics/registry.js';
import type { MetricKind } from '../../metrics/types.js';
import type { StageContext } from '../types.js';
import type { RequestFigures } from './aggregate.js';

export class LevelRecorder {
  readonly local = new MetricRegistry();

  constructor(
    private readonly ctx: StageContext<'load'>,
    private readonly tags: Record<string, string>,
  ) {}

  /** One metric value or batch, to both the run and the level. */
  record(name: string, kind: MetricKind, value: number | number[]): void {
    const values = typeof value === 'number' ? [value] : value;
    if (values.length === 0) return;
    this.ctx.metric(name, kind, values, this.tags);
    const tags = { ...this.tags, stage: this.ctx.stage.name, target: this.ctx.target.name };
    this.local.add({
      name,
      kind,
      value: values[0] as number,
      tags,
      ...(values.length > 1 ? { batch: values.slice(1) } : {}),
    });
  }

  /** The per-request metrics of one measured outcome. */
  request(f: RequestFigures): void {
    this.record('error_rate', 'rate', f.ok ? 0 : 1);
    this.record('success_rate', 'rate', f.ok ? 1 : 0);
    for (const [name, v] of Object.entries(f.latencies)) this.record(name, 'trend', v);
    if (f.itl.length) this.record('itl', 'trend', f.itl);
  }
}
