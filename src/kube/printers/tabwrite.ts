export interface TabwriteOptions {
  /** Minimal cell width, padding included (kubectl tables: 6; kubectl describe: 0). */
  minWidth: number;
  /** Spaces added to the widest cell of a column (kubectl tables: 3; kubectl describe: 2). */
  padding: number;
}

/** kubectl's `get` tables: `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)`. */
export const KUBECTL_TABLE: TabwriteOptions = { minWidth: 6, padding: 3 };
/** kubectl's `describe` (`tabbedString`): `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`. */
export const KUBECTL_DESCRIBE: TabwriteOptions = { minWidth: 0, padding: 2 };

const width = (s: string): number => [...s].length;

/**
 * Go's text/tabwriter with AlignLeft and a space pad character, as kubectl uses it: a tab ends a cell;
 * the text after a line's last tab is not part of any column and is never padded; a column is aligned
 * over the block of consecutive lines that have a tab-terminated cell in it, so a line without a tab
 * starts fresh columns. Cell width = max(minWidth, widest cell + padding).
 */
export function tabwrite(text: string, options: TabwriteOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = new Array(lines.length).fill('');
  const widths: number[] = [];

  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      out[i] = cells
        .map((cell, j) =>
          j < widths.length && j < cells.length - 1
            ? cell.padEnd(widths[j]! - width(cell) + cell.length)
            : cell,
        )
        .join('');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      emit(start, i);
      let w = options.minWidth;
      let end = i;
      for (; end < line1 && column < lines[end]!.length - 1; end++) {
        w = Math.max(w, width(lines[end]![column]!) + options.padding);
      }
      widths.push(w);
      format(i, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    emit(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells to a kubectl-aligned table (cells joined by tabs, one row per line). */
export function kubectlTable(rows: readonly (readonly string[])[]): string {
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', KUBECTL_TABLE);
}
