import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../../src/target/launch/output.js';

describe('OutputTail', () => {
  it('joins lines split across chunks and reports each once, with its stream', () => {
    const seen: string[] = [];
    const tail = new OutputTail(50, (stream, line) => seen.push(`${stream}:${line}`));
    tail.push('stdout', 'hel');
    tail.push('stdout', 'lo\nwor');
    tail.push('stderr', 'oops\n');
    tail.push('stdout', 'ld\r\n');
    expect(seen).toEqual(['stdout:hello', 'stderr:oops', 'stdout:world']);
    expect(tail.lines()).toEqual(['hello', 'oops', 'world']);
  });

  it('keeps only the last lines, skipping blank ones', () => {
    const tail = new OutputTail(3);
    for (let i = 1; i <= 5; i++) tail.push('stdout', `line ${i}\n\n`);
    expect(tail.lines()).toEqual(['line 3', 'line 4', 'line 5']);
  });

  it('shows an unterminated last line, and flushes it when the stream ends', () => {
    const seen: string[] = [];
    const tail = new OutputTail(50, (_s, line) => seen.push(line));
    tail.push('stderr', 'panic: no GPU');
    expect(tail.lines()).toEqual(['panic: no GPU']);
    expect(seen).toEqual([]);
    tail.end('stderr');
    expect(seen).toEqual(['panic: no GPU']);
    expect(tail.lines()).toEqual(['panic: no GPU']);
  });

  it('strips colours and keeps what a progress bar finally shows', () => {
    const tail = new OutputTail(50);
    tail.push('stdout', '\x1b[32mloading\x1b[0m 10%\rloading 50%\rloading 100%\n');
    expect(tail.lines()).toEqual(['loading 100%']);
  });

  it('cuts a runaway line instead of buffering it forever', () => {
    const tail = new OutputTail(50);
    tail.push('stdout', 'x'.repeat(5000));
    const [line] = tail.lines();
    expect(line?.length).toBeLessThanOrEqual(2001);
  });
});
