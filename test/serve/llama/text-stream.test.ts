/** TextStream: pieces are whole characters, stop strings never leak, and nothing is lost at the end. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextStream } from '../../../src/serve/llama/text-stream.js';

/** Feeds growing prefixes of `full` (as a decoder would) and collects what is sent. */
function play(stops: string[], steps: string[]) {
  const s = new TextStream(stops);
  const sent: string[] = [];
  let stopped = false;
  for (const text of steps) {
    const r = s.update(text);
    if (r.emit) sent.push(r.emit);
    if (r.stopped) {
      stopped = true;
      break;
    }
  }
  if (!stopped) {
    const rest = s.finish(steps.at(-1) ?? '');
    if (rest) sent.push(rest);
  }
  return { sent, stopped };
}

const prefixes = (text: string, step = 1) => {
  const out: string[] = [];
  for (let i = step; i < text.length; i += step) out.push(text.slice(0, i));
  out.push(text);
  return out;
};

describe('TextStream', () => {
  it('sends text as it grows when there are no stop strings', () => {
    expect(play([], ['He', 'Hello', 'Hello wor', 'Hello world']).sent).toEqual(['He', 'llo', ' wor', 'ld']);
  });

  it('holds a trailing U+FFFD (half a UTF-8 character) until the character completes', () => {
    const r = play([], ['caf', 'caf\uFFFD', 'café', 'café!']);
    expect(r.sent).toEqual(['caf', 'é', '!']);
  });

  it('cuts at a stop string and never sends any of it, even when it arrives in pieces', () => {
    const r = play(['</end>'], ['Hello <', 'Hello </e', 'Hello </end', 'Hello </end> more']);
    expect(r.stopped).toBe(true);
    expect(r.sent.join('')).toBe('Hello ');
  });

  it('releases a held tail that turned out not to be a stop string', () => {
    const r = play(['STOP'], ['a ST', 'a STO', 'a STOre']);
    expect(r.sent).toEqual(['a ', 'STOre']);
  });

  it('cuts at the earliest of several stop strings', () => {
    const r = play(['\n\n', 'User:'], ['Sure. User: hi\n\nmore']);
    expect(r.sent.join('')).toBe('Sure. ');
  });

  it('for any text, stops and step sizes: what is sent is the text up to where generation stopped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 40 }),
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 }), {
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: 5 }),
        (text, stops, step) => {
          const steps = prefixes(text, step);
          const r = play(stops, steps);
          // Generation stops at the first step whose text holds a stop string (a longer one that would only
          // complete later was never generated), cut at the earliest stop string in that text.
          let expected = text;
          let stopped = false;
          for (const seen of steps) {
            const cuts = stops.map((s) => seen.indexOf(s)).filter((i) => i >= 0);
            if (cuts.length === 0) continue;
            expected = seen.slice(0, Math.min(...cuts));
            stopped = true;
            break;
          }
          expect(r.sent.join('')).toBe(expected);
          expect(r.stopped).toBe(stopped);
        },
      ),
    );
  });
});
