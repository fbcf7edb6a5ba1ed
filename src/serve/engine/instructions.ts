/**
 * The one instruction the simulated model "understands": `Repeat exactly: XYZ` or `Echo: XYZ` makes the
 * answer exactly XYZ. Smoke tests rely on it to tell whose answer is whose under concurrency.
 */
const INSTRUCTION = /(?:^|[^\p{L}\p{N}])(?:repeat[ \t]+exactly|echo)[ \t]*:[ \t]*([^\r\n]*)/iu;

/** The text an instruction asks to repeat, or undefined when the prompt holds no instruction. */
export function findInstruction(prompt: string): string | undefined {
  const match = INSTRUCTION.exec(prompt);
  return match ? (match[1] as string) : undefined;
}
