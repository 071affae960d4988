// The transcription a draft rubric quotes from: the table as markdown, row by row, every cell's words exactly as
// typed (one line per line of the cell; a merged cell once, at its top-left cell), so that every quotation in the
// rubric is a verbatim line of this file and every citation (sheet!cell) finds its words here.
import type { GridRow, TableHeader } from './table-read.js';

export interface TranscriptionInput {
  title: string;
  original: string;
  sheet: string;
  header: TableHeader;
  /** Every row, in sheet order: above the header, the header, the table. */
  rows: readonly GridRow[];
}

export function transcribe(t: TranscriptionInput): string {
  const headingOf = new Map(t.header.columns.map((c) => [c.col, c.heading]));
  const out = [
    `# ${t.title}`,
    '',
    `转录自 ${t.original}，工作表“${t.sheet}”。按行照录各单元格的文字，未作改动；单元格内换行处另起一行，合并单元格只在其左上角单元格录一次。`,
    `表头在第 ${t.header.rows.join('、')} 行；各行下的“列名”是该单元格所在列的表头。`,
    '',
  ];
  for (const row of t.rows) {
    if (row.own.length === 0) continue;
    out.push(`## ${t.sheet} 第 ${row.row} 行`, '');
    for (const cell of row.own) {
      // The column's heading names what a cell of the table is; a title or a heading across the table is none.
      const below = row.row > t.header.rows.at(-1)!;
      const heading = below && cell.span.left === cell.span.right ? headingOf.get(cell.span.left) : undefined;
      const [first, ...rest] = cell.text.split('\n');
      out.push(`- ${cell.address}${heading ? ` ${heading}` : ''}：${first}`);
      for (const line of rest) out.push(`  ${line}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
