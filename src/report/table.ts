/** Plain-text tables for the terminal, aligned by display width so emoji and colour codes do not skew them. */
import { displayWidth } from './sanitize.js';

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/**
 * Lays out rows under headers with two spaces between columns. Cells must already be sanitized and may
 * carry colour codes; `style` colours the header row.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  style: (header: string) => string = (h) => h,
): string[] {
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[], styleCell: (s: string) => string) =>
    columns
      .map((c, i) => pad(styleCell(cells[i] ?? ''), widths[i] ?? 0, c.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      style,
    ),
    ...rows.map((r) => line(r, (s) => s)),
  ];
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}
