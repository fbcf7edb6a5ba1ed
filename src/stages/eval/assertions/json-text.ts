/** Finding JSON in model text: the whole answer, a ```json fence, or (loosely, for judges) the outermost braces. */

export type JsonFound =
  | { ok: true; value: unknown; where: 'whole' | 'fence' | 'braces' }
  | { ok: false; error: string };

const FENCE = /```[ \t]*(?:json|JSON|jsonc)?[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```/;

/**
 * Parses the JSON in `text`: all of it, else the first fenced block. `loose` also tries the span from the
 * first `{` to the last `}`, for judges that wrap their verdict in prose.
 */
export function extractJson(text: string, loose = false): JsonFound {
  const whole = tryParse(text.trim());
  if (whole.ok) return { ...whole, where: 'whole' };
  const fence = FENCE.exec(text);
  if (fence) {
    const inner = tryParse((fence[1] ?? '').trim());
    if (inner.ok) return { ...inner, where: 'fence' };
    if (!loose) return { ok: false, error: `the \`\`\`json fence does not hold valid JSON: ${inner.error}` };
  }
  if (loose) {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start !== -1 && end > start) {
      const braces = tryParse(text.slice(start, end + 1));
      if (braces.ok) return { ...braces, where: 'braces' };
    }
  }
  return { ok: false, error: text.trim() === '' ? 'the output is empty' : whole.error };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
