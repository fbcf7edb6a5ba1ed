/** YAML (and JSON, which is YAML) parsed with positions, so every problem can say file:line:column. */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigProblem } from './errors.js';

export interface PositionedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Line and column of a node, for a ConfigProblem. */
  where(node: Node | undefined): Pick<ConfigProblem, 'line' | 'column'>;
}

/** Parses `text` keeping positions; duplicate keys are errors. */
export function parsePositioned(text: string): PositionedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (node: Node | undefined): Pick<ConfigProblem, 'line' | 'column'> => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { doc, lineCounter, where };
}

/**
 * The YAML node for a path, stopping at the deepest one that exists; `keyOf` points at a key of the last
 * mapping (an unknown key's own position rather than its parent's).
 */
export function nodeAt(root: unknown, p: readonly PropertyKey[], keyOf?: string): Node | undefined {
  let node = root as Node | undefined;
  for (const part of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(part));
      if (!pair) return node;
      node = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      node = node.items[part] as Node;
    } else return node;
  }
  if (keyOf !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === keyOf);
    if (pair) return pair.key as Node;
  }
  return node;
}
