import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gauntlet-model-'));

describe('gauntlet model tiny', () => {
  it('writes the tiny model and prints its path, size, sha256, parameters and vocabulary', async () => {
    const cwd = tmp();
    const run = await runCli(['model', 'tiny', '--out', 'models/tiny.gguf'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = path.join(cwd, 'models', 'tiny.gguf');
    const bytes = readFileSync(file);
    expect(run.stdout).toContain(`wrote ${file}`);
    expect(run.stdout).toContain(`${bytes.length.toLocaleString('en-US')} bytes`);
    expect(run.stdout).toContain(createHash('sha256').update(bytes).digest('hex'));
    expect(run.stdout).toMatch(/parameters\s+[\d,]+/);
    expect(run.stdout).toMatch(/vocabulary\s+1,\d{3} tokens/);
    const again = await runCli(['model', 'tiny', '--out', 'b.gguf', '--seed', '0'], { cwd });
    expect(readFileSync(path.join(cwd, 'b.gguf')).equals(bytes)).toBe(true);
    await runCli(['model', 'tiny', '--out', 'c.gguf', '--seed', '7'], { cwd });
    expect(readFileSync(path.join(cwd, 'c.gguf')).equals(bytes)).toBe(false);
    expect(again.code).toBe(0);
  });

  it('refuses a bad seed and a missing --out', async () => {
    const cwd = tmp();
    const bad = await runCli(['model', 'tiny', '--out', 'x.gguf', '--seed', '-1'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seed must be a whole number');
    const missing = await runCli(['model', 'tiny'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
  });
});

describe('gauntlet model inspect', () => {
  it('shows what a GGUF holds', async () => {
    const cwd = tmp();
    await runCli(['model', 'tiny', '--out', 'tiny.gguf'], { cwd });
    const run = await runCli(['model', 'inspect', 'tiny.gguf'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GGUF v3, complete');
    expect(run.stdout).toMatch(/architecture\s+llama/);
    expect(run.stdout).toMatch(/name\s+gauntlet-tiny/);
    expect(run.stdout).toMatch(/context length\s+2,048/);
    expect(run.stdout).toMatch(/embedding\s+64/);
    expect(run.stdout).toMatch(/blocks\s+2/);
    expect(run.stdout).toMatch(/heads\s+4\n/);
    expect(run.stdout).toMatch(/vocabulary\s+1,\d{3} tokens \(tokenizer llama\)/);
    expect(run.stdout).toMatch(/chat template\s+yes/);
    expect(run.stdout).toMatch(/tensors\s+21 \(F32 x21\)/);
    expect(run.stdout).toMatch(/file size\s+[\d,]+ bytes/);
  });

  it('prints JSON with --json', async () => {
    const cwd = tmp();
    await runCli(['model', 'tiny', '--out', 'tiny.gguf'], { cwd });
    const run = await runCli(['model', 'inspect', 'tiny.gguf', '--json'], { cwd });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      architecture: 'llama',
      blockCount: 2,
      headCount: 4,
      chatTemplate: true,
      tensorCount: 21,
    });
    expect(json.tensors[0]).toMatchObject({ name: 'token_embd.weight', typeName: 'F32' });
    expect(json.metadata['tokenizer.ggml.model']).toBe('llama');
  });

  it('explains a missing, truncated or foreign file with exit code 2', async () => {
    const cwd = tmp();
    const missing = await runCli(['model', 'inspect', 'nope.gguf'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[E_GGUF] no model file at');
    expect(missing.stderr).toContain('gauntlet model tiny --out');
    await runCli(['model', 'tiny', '--out', 'tiny.gguf'], { cwd });
    writeFileSync(path.join(cwd, 'cut.gguf'), readFileSync(path.join(cwd, 'tiny.gguf')).subarray(0, 600_000));
    const cut = await runCli(['model', 'inspect', 'cut.gguf'], { cwd });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cut\.gguf is truncated: the tensor output\.weight needs bytes/);
    writeFileSync(path.join(cwd, 'elf.gguf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    const elf = await runCli(['model', 'inspect', 'elf.gguf'], { cwd });
    expect(elf.code).toBe(2);
    expect(elf.stderr).toContain('is not a GGUF file');
  });
});
