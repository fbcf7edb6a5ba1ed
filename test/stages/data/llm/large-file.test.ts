import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { validateLlmDataset, writeLlmDataset } from '../../../../src/stages/data/llm/index.js';
import { tempDir } from './helpers.js';

const N = 100_000;

describe('a 100k-line dataset', () => {
  it('validates streaming, in bounded memory', async () => {
    const dir = tempDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'large-chat.jsonl');
    await writeLlmDataset(file, { format: 'chat', n: N, seed: 11 });
    const bytes = statSync(file).size;

    // Sample the heap while validating: a reader that loaded the whole file would hold it (plus its
    // lines and parsed objects) at once; a streaming one holds a chunk, counters and 64-bit hashes.
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 2);
    const started = performance.now();
    const report = await validateLlmDataset(file, 'chat');
    const ms = performance.now() - started;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed);

    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `validated ${N} lines (${mb(bytes)} MB) in ${ms.toFixed(0)} ms; heap grew at most ${mb(peak - base)} MB`,
    );
    expect(report.validSamples).toBe(N);
    expect(report.problemCount).toBe(0);
    expect(report.stats.input.tokens.count).toBe(N);
    // The file as one string alone would take its size in heap; streaming measured ~11 MB here.
    expect(peak - base).toBeLessThan(bytes / 2);
  });
});
