/** streaming: chunks arrive, the stream ends with [DONE], one usage chunk, and the text equals the non-streamed text. */
import type { SmokeChecks } from '../../../config/stages/smoke.js';
import type { StreamResult } from '../../../target/index.js';
import type { CheckOutcome } from '../../types.js';
import {
  chatBody,
  completionBody,
  firstDifference,
  judge,
  type SmokeContext,
  usageProblems,
  VALID_FINISH,
} from '../common.js';

/** Streams one request at temperature 0 with a seed, then asks the same without streaming and compares. */
export async function streamingCheck(
  ctx: SmokeContext,
  opts: NonNullable<SmokeChecks['streaming']>,
): Promise<CheckOutcome> {
  const client = ctx.target.client;
  const extra = { seed: opts.seed };
  let streamed: StreamResult;
  let plainText: string;
  if (opts.endpoint === 'chat') {
    const body = chatBody(ctx, opts.prompt, opts.maxTokens, extra);
    streamed = await client.chatStream(body, { signal: ctx.signal });
    plainText = (await client.chat(body, { signal: ctx.signal })).data.choices?.[0]?.message?.content ?? '';
  } else {
    const body = completionBody(ctx, opts.prompt, opts.maxTokens, extra);
    streamed = await client.completionsStream(body, { signal: ctx.signal });
    plainText = (await client.completions(body, { signal: ctx.signal })).data.choices?.[0]?.text ?? '';
  }
  const t = streamed.timings;
  if (t.firstContentMs !== undefined)
    ctx.metric('smoke.ttft_ms', 'trend', t.firstContentMs, { check: 'streaming' });

  const problems: string[] = [];
  const contentChunks = t.contentChunkTimesMs.length;
  if (contentChunks === 0) problems.push('no content chunks arrived');
  if (!streamed.doneReceived) problems.push('the stream ended without `data: [DONE]`');
  if (streamed.eventsAfterDone > 0)
    problems.push(`${streamed.eventsAfterDone} event(s) arrived after [DONE]`);
  if (streamed.usageChunkCount !== 1) {
    problems.push(
      `expected exactly one usage chunk with stream_options.include_usage, got ${streamed.usageChunkCount}`,
    );
  }
  if (streamed.usageChunkCount > 0) problems.push(...usageProblems(streamed.usage, streamed.text.length > 0));
  if (streamed.ids.length > 1)
    problems.push(`chunks carry ${streamed.ids.length} different ids; one stream has one id`);
  if (!VALID_FINISH.has(String(streamed.finishReason))) {
    problems.push(
      `finish_reason ${JSON.stringify(streamed.finishReason)} is not one of ${[...VALID_FINISH].join(', ')}`,
    );
  }
  const diff = firstDifference(streamed.text, plainText);
  if (diff) {
    problems.push(
      `streamed text differs from the non-streamed text at temperature 0 with seed ${opts.seed}, from character ${diff.index}: stream ${JSON.stringify(diff.a)} vs plain ${JSON.stringify(diff.b)}`,
    );
  }
  const ttft = t.firstContentMs === undefined ? 'no content' : `TTFT ${Math.round(t.firstContentMs)} ms`;
  return judge(
    problems,
    `${contentChunks} content chunks, ${ttft}, [DONE] and one usage chunk; text matches the non-streamed answer`,
    {
      evidence: {
        ...streamed.evidence,
        details: {
          streamedText: streamed.text.slice(0, 500),
          plainText: plainText.slice(0, 500),
          chunks: streamed.chunks.length,
          usage: streamed.usage,
        },
      },
      metrics: {
        content_chunks: contentChunks,
        ...(t.firstContentMs === undefined ? {} : { ttft_ms: t.firstContentMs }),
        e2e_ms: t.endMs,
      },
    },
  );
}
