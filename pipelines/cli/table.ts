/**
 * A plain text table for the terminal: a header, a rule under it, columns two spaces apart, numbers
 * right-aligned. console.table added a 0-based «(index)» column, quoted every string and drew a box
 * that breaks in a pager or a file; this reads the same on a screen, in `less` and in an e-mail.
 */
export interface TableColumn<R> {
  header: string;
  value: (row: R) => string;
  /** Numbers: right-aligned, so their digits line up. */
  right?: boolean;
}

/** Width as the terminal shows it: one column per character (æ, ø, å and U+00A0 included). */
const width = (text: string) => [...text].length;

export function textTable<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i]!))));
  const line = (values: readonly string[]) => values
    .map((v, i) => {
      const pad = ' '.repeat(widths[i]! - width(v));
      return columns[i]!.right ? pad + v : v + pad;
    })
    .join('  ')
    .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
