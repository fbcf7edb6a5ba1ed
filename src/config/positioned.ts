/** YAML (and JSON, which is YAML) parsed with positions, so every problem can say file:line:column. */
import { type Document, LineCounter, type Node, parseDocument } from 'yaml';
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
