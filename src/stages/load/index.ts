/**
 * The load stage: LLM-aware load against OpenAI-compatible or generic REST targets. Levels run in order
 * (a list of concurrencies or rates, or a sweep); each gets its figures, its thresholds judged as checks,
 * and a row in the stage's table.
 */
import type { Stage, StageContext } from '../types.js';
import { judgeLevel } from './judge.js';
import { reportLevel, TABLE_COLUMNS } from './level-report.js';
import { type Level, staticLevels, sweepLevels, sweepRates } from './levels.js';
import { startMonitors } from './monitors.js';
import { createHttpSender, createOpenAISender } from './request/index.js';
import { runLevel } from './run-level.js';
import { httpHeaders, workloadOptions } from './stage-options.js';
import type { Sender } from './types.js';
import { createWorkload } from './workload/index.js';

export const loadStage: Stage<'load'> = {
  kind: 'load',
  description:
    'LLM-aware load: TTFT, ITL, TPOT, tokens/s and goodput under closed or open load, with thresholds',
  async run(ctx) {
    // A load stage has no checks to filter one by one: it runs when its own labels are selected.
    if (!ctx.selected({})) return;
    const opts = ctx.stage;
    const workload = await createWorkload(opts.workload, workloadOptions(ctx));
    const { send, close } = makeSender(ctx);
    const monitors = startMonitors(ctx);
    ctx.log('info', `load ${ctx.stage.name}: ${workload.describe}`);
    const rows: (string | number | null)[][] = [];
    const levelNotes: string[] = [];
    try {
      const levels: Level[] = staticLevels(opts.profile);
      const measuredRps: number[] = [];
      for (let i = 0; i < levels.length && !ctx.signal.aborted; i++) {
        const level = levels[i] as Level;
        const run = await runLevel(ctx, level, { next: () => workload.next(), send, monitors });
        const { row, notes, requestsPerS } = reportLevel(ctx, run);
        rows.push(row);
        levelNotes.push(...notes);
        measuredRps.push(requestsPerS);
        await judgeLevel(ctx, level.label, run.recorder, run.abortedBy);
        if (run.abortedBy) break;
        // A sweep learns its rate levels from the synchronous and throughput levels it just ran.
        if (opts.profile.type === 'sweep' && i === 1) {
          levels.push(
            ...sweepLevels(sweepRates(measuredRps[0] ?? 0, measuredRps[1] ?? 0, opts.profile.rates)),
          );
        }
      }
    } finally {
      await close();
      const m = await monitors.stop();
      for (const [name, value] of Object.entries(m.gauges))
        if (Number.isFinite(value)) ctx.metric(name, 'gauge', value);
      ctx.artifact('load.monitors', m.detail);
      if (m.saturated) ctx.log('warn', m.notes[0] as string);
      const title = `${ctx.stage.name} · ${ctx.target.name} · ${describeProfile(ctx)}`;
      if (rows.length)
        ctx.table(title, [...TABLE_COLUMNS], rows, [...m.notes, ...levelNotes, ...timingNote(ctx)]);
    }
  },
};

function makeSender(ctx: StageContext<'load'>): { send: Sender; close: () => Promise<void> } {
  const opts = ctx.stage;
  const t = ctx.target.config;
  if (t.type === 'http') {
    const request = opts.request as NonNullable<typeof opts.request>;
    const headers = httpHeaders(ctx);
    const sender = createHttpSender({
      baseUrl: ctx.target.baseUrl,
      headers,
      request,
      timeoutMs: opts.requestTimeout,
    });
    return { send: sender, close: () => sender.close() };
  }
  const send = createOpenAISender(ctx.target.client, {
    endpoint: opts.endpoint,
    stream: opts.stream,
    timeoutMs: opts.requestTimeout,
  });
  return { send, close: async () => undefined };
}

function describeProfile(ctx: StageContext<'load'>): string {
  const p = ctx.stage.profile;
  const limit = [
    ctx.stage.duration === undefined ? '' : `${ctx.stage.duration / 1000}s`,
    ctx.stage.requests ? `${ctx.stage.requests} requests` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${p.type}${limit ? ` (${limit} per level)` : ''}${ctx.stage.stream ? ', streaming' : ''}`;
}

/** Non-streaming runs have no TTFT/ITL: say so rather than show empty columns without a reason. */
function timingNote(ctx: StageContext<'load'>): string[] {
  return ctx.stage.stream || ctx.target.config.type === 'http'
    ? []
    : ['not streaming: TTFT, ITL and TPOT are not measured'];
}
