// Print design: the measuring and page-breaking rules, then every template and report printed on A4 through
// LibreOffice and read back with pdftotext -bbox: text size, text on its page, pages as planned, no clipped text,
// and every page of indicator rows showing their ids.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { annualWorkbook, assessmentWorkbook, countyWorkbook, quarterlyWorkbook } from '../../src/excel/report.js';
import { type Block, fitColumns, lineCount, pageCapacity, pageUnits, paginate, textHeight } from '../../src/excel/print.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate } from '../../src/excel/template.js';
import { annualAccumulation } from '../../src/periods/annual.js';
import { countySummary } from '../../src/periods/county.js';
import { quarterlyCircular } from '../../src/periods/quarter.js';
import { listRubrics } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/model.js';
import type { Assessment } from '../../src/schema/generated/assessment.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { canPrint, hasOpenpyxl, openWithOpenpyxl, type Page, printAll, type Word } from '../support/programs.js';
import { fixture } from '../support/rubrics.js';

const ALL = (await listRubrics()).flatMap((l) => (l.rubric ? [l.rubric] : []));
const json = (...parts: string[]) => JSON.parse(readFileSync(fixture(...parts), 'utf8'));

describe('measuring text', () => {
  it.each([
    ['CJK: a 20-unit column holds 10 characters a line (Excel’s narrow measure, less padding)', '一二三四五六七八九十', 20, 1],
    ['one more character wraps', '一二三四五六七八九十十', 20, 2],
    ['each line of the text counts', '一\n二\n三', 20, 3],
    ['a Latin word is not broken', 'aaaa bbbbbbbbbbbbbbbb', 20, 2],
    // As Calc sets a chain head after its label: the word goes to a line of its own, then breaks.
    ['a word longer than a line starts a line of its own, then breaks', 'aaaa bbbbbbbbbbbbbbbbbbbbbbbbbb', 20, 3],
    ['a comma never starts a line: it takes the character before it along', `${'一'.repeat(10)}，${'二'.repeat(9)}`, 20, 3],
  ])('%s', (_, text, units, lines) => {
    expect(lineCount(text, units)).toBe(lines);
  });

  it('a taller text needs a taller row', () => {
    expect(textHeight('一'.repeat(100), 20)).toBeGreaterThan(textHeight('一'.repeat(10), 20) * 5);
  });
});

describe('fitting columns to the page', () => {
  it('columns take what their content wants within bounds, at 100% when they fit', () => {
    expect(fitColumns([{ min: 5, max: 10, want: 8 }, { min: 10, max: 40, want: 60 }], 'landscape')).toEqual({ widths: [8, 40], scale: 100 });
  });

  it('too wide: the wrapping columns give up width first, then the sheet prints smaller, never below 90%', () => {
    const budget = pageUnits('portrait');
    const { widths, scale } = fitColumns([{ min: 20, max: 60, want: 60 }, { min: 20, max: 60, want: 60 }], 'portrait');
    expect(widths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(budget);
    expect(scale).toBe(100);
    const tight = fitColumns([{ min: budget, max: budget, want: budget }, { min: 5, max: 5, want: 5 }], 'portrait');
    expect(tight.scale).toBeGreaterThanOrEqual(90);
    expect(tight.scale).toBeLessThan(100);
    expect(() => fitColumns([{ min: budget, max: budget, want: budget }, { min: budget / 4, max: budget / 4, want: 0 }], 'portrait')).toThrow(/cannot fit/);
  });
});

describe('breaking pages', () => {
  const rows = (heights: number[]) => (r: number) => heights[r - 1]!;

  it('a block that does not fit goes to the next page whole', () => {
    const blocks: Block[] = [{ first: 1, last: 2 }, { first: 3, last: 5 }, { first: 6, last: 6 }];
    expect(paginate(blocks, rows([40, 40, 30, 30, 30, 50]), 150).breaks).toEqual([2]);
  });

  it('a heading is kept with the block after it', () => {
    const blocks: Block[] = [{ first: 1, last: 1 }, { first: 2, last: 2, keepWithNext: true }, { first: 3, last: 3 }];
    expect(paginate(blocks, rows([80, 20, 60]), 150).breaks).toEqual([1]);
  });

  it('a block taller than a page is broken between its rows, as late as each page allows, and said to be split', () => {
    const long: Block = { first: 2, last: 6 };
    const p = paginate([{ first: 1, last: 1 }, long], rows([50, 60, 60, 60, 60, 60]), 150);
    expect(p.breaks).toEqual([1, 3, 5]);
    expect(p.split.get(long)).toEqual([3, 5]);
  });

  it('what the first page holds above the table counts', () => {
    expect(paginate([{ first: 1, last: 1 }], rows([100]), 150, 60).breaks).toEqual([0]);
  });

  it('a page holds more at a smaller scale, and more in portrait than in landscape', () => {
    expect(pageCapacity('landscape', 90)).toBeGreaterThan(pageCapacity('landscape', 100));
    expect(pageCapacity('portrait', 100)).toBeGreaterThan(pageCapacity('landscape', 100));
  });
});

/** Everything that prints: every rubric's three templates and unit report, and the county, quarterly and annual reports. */
async function everyWorkbook(): Promise<Map<string, Uint8Array>> {
  const books = new Map<string, Uint8Array>();
  const all = (json('units.json') as Array<Submission['unit']>).map(({ code, name, level }) => ({ code, name, level }));
  const units = all.filter((u) => u.level !== 'county');
  const at = new Date(Date.UTC(2026, 10, 23, 17, 5));
  for (const r of ALL) {
    // A rubric of county-level units (a city hall's departments) takes the county itself.
    const own = all.filter((u) => r.appliesTo.includes(u.level));
    books.set(`${r.id}-single`, await buildTemplate(r, { unit: own[0]!, period: '2026-11' }));
    books.set(`${r.id}-bulk`, await buildBulkTemplate(r, { units: own, period: '2026-11' }));
    books.set(`${r.id}-print`, await buildPrintWorkbook(r, { units: [own[0]!, ...own.filter((u) => u.level !== own[0]!.level).slice(0, 1)], period: '2026-11' }));
    // A fixture with something to show: a partial or deducted month where the rubric has one.
    const names = readdirSync(fixture(r.id));
    const first = json(r.id, ['standard.json', 'vetoed.json', 'partial.json', 'deductions.json'].find((n) => names.includes(n)) ?? names[0]!);
    books.set(`${r.id}-report`, await assessmentWorkbook(assess(r, first), r, { generatedAt: at, chainHead: `40:sha256:${'a'.repeat(64)}`, status: 'draft' }));
  }
  for (const r of ALL.filter((x) => ['township-center-2022', 'county-monthly-assessment'].includes(x.id))) {
    const history = months(r, units);
    const nov = history.filter((a) => a.period === '2026-11');
    const drafts = new Set(nov.slice(0, 2));
    books.set(`${r.id}-county`, await countyWorkbook(countySummary(r, nov, history.filter((a) => a.period === '2026-10'), { finalOnly: false, drafts }), { generatedAt: at, chainHead: `40:sha256:${'b'.repeat(64)}` }));
    books.set(`${r.id}-quarterly`, await quarterlyWorkbook(quarterlyCircular(r, history, 2026, 4, { finalOnly: false, drafts }), { generatedAt: at }));
    books.set(`${r.id}-annual`, await annualWorkbook(annualAccumulation(r, history, 2026, undefined, { finalOnly: true, drafts: new Set() }), { generatedAt: at }));
  }
  return books;
}

/** A year of assessments of the demo county's units from a rubric's fixtures, with months missing here and there. */
function months(r: Rubric, units: ReadonlyArray<Submission['unit']>): Assessment[] {
  const names = r.id === 'county-monthly-assessment' ? ['excellent', 'good', 'poor', 'vetoed'] : ['demonstration', 'standard', 'neither'];
  const out: Assessment[] = [];
  units.filter((u) => r.appliesTo.includes(u.level)).forEach((unit, i) => {
    for (let m = 1; m <= 11; m++) {
      if ((m + i) % 4 === 0) continue;
      const s = json(r.id, `${names[(i + m) % names.length]}.json`);
      const answers = Object.fromEntries(Object.entries(s.answers as Record<string, unknown>).filter(([id]) => r.byId.get(id)!.levels.includes(unit.level)));
      out.push(assess(r, { ...s, unit, period: `2026-${String(m).padStart(2, '0')}`, answers }));
    }
  });
  return out;
}

/** A workbook with the same text at 9 pt: the height pdftotext gives 9-point words, whatever the fonts. */
async function calibration(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('9pt');
  ['便民服务中心', 'Test 2026-11', '镇(街道)', '“××镇”', '①名称', '第 1 页'].forEach((t, i) => Object.assign(ws.getCell(1, i + 1), { value: t, font: { name: '宋体', size: 9 } }));
  ws.columns.forEach((c) => (c.width = 20));
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', scale: 100 } as ExcelJS.PageSetup;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Pages each workbook should print: one per page break plus one, per visible sheet. */
async function plannedPages(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(bytes);
  let pages = 0;
  for (const ws of wb.worksheets.filter((w) => w.state === 'visible')) pages += 1 + [...(await zip.file(`xl/worksheets/sheet${ws.id}.xml`)!.async('string')).matchAll(/<brk /g)].length;
  return pages;
}

const center = (w: Word) => (w.xMin + w.xMax) / 2;
/** Two words drawn over each other: more than a hair across, and more than the slack between lines of Latin text. */
const clash = (a: Word, b: Word) => Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 1 && Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > 2.5;

/**
 * Rows of a table on a page whose id cell is blank: the words of the `marker` column (one per answer row or result
 * row) with no indicator id at or above them on the same page. The columns are found from the heading row.
 */
function rowsWithoutId(page: Page, ids: ReadonlySet<string>, marker: string): Word[] {
  const head = page.words.find((w) => w.text === '序号');
  if (!head) return [];
  const line = page.words.filter((w) => Math.abs(w.yMin - head.yMin) < 4).sort((a, b) => a.xMin - b.xMin);
  const at = line.findIndex((w) => w.text === marker);
  if (at < 0) return [];
  const mid = (i: number) => (center(line[i]!) + center(line[i + 1]!)) / 2;
  const [from, to] = [mid(at - 1), at + 1 < line.length ? mid(at) : page.width];
  const idTo = mid(line.indexOf(head));
  const below = page.words.filter((w) => w.yMin > head.yMax - 1 && w.yMax < page.height - 40);
  const idWords = below.filter((w) => center(w) < idTo && ids.has(w.text));
  return below.filter((w) => center(w) > from && center(w) < to).filter((w) => !idWords.some((id) => id.yMin <= w.yMin + 3));
}

describe.skipIf(!canPrint)('every template and report printed on A4 through LibreOffice', () => {
  let books: Map<string, Uint8Array>;
  let printed: Map<string, { pdf: string; pages: Page[] }>;
  let nine: number;

  beforeAll(async () => {
    books = await everyWorkbook();
    printed = printAll(new Map([...books, ['calibration', await calibration()]]));
    nine = Math.min(...printed.get('calibration')!.pages[0]!.words.map((w) => w.yMax - w.yMin));
  }, 900_000);

  const each = () => [...books.keys()].map((name) => [name, printed.get(name)!.pages] as const);

  it('LibreOffice measures columns as Excel does: the workbook font Calibri is drawn with Carlito (fonts-crosextra-carlito, see .ci/run)', () => {
    expect(execFileSync('fc-match', ['Calibri'], { encoding: 'utf8' })).toContain('Carlito');
  });

  it('prints every workbook, templates and reports of every rubric', () => {
    expect(books.size).toBe(ALL.length * 4 + 6);
    for (const [name, pages] of each()) expect(pages.length, name).toBeGreaterThan(0);
  });

  it('the smallest text is at least 9 pt (measured against 9-point text printed the same way)', () => {
    expect(nine).toBeGreaterThan(10);
    for (const [name, pages] of each()) {
      pages.forEach((p, i) => {
        const small = p.words.filter((w) => w.yMax - w.yMin < nine - 0.05);
        expect(small.map((w) => w.text), `${name} page ${i + 1}`).toEqual([]);
      });
    }
  });

  it('no text box lies outside its page, and nothing prints as ###', () => {
    for (const [name, pages] of each()) {
      pages.forEach((p, i) => {
        const out = p.words.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > p.width + 0.5 || w.yMax > p.height + 0.5);
        expect(out.map((w) => w.text), `${name} page ${i + 1}`).toEqual([]);
        expect(p.words.filter((w) => /^#+$/.test(w.text)).length, `${name} page ${i + 1}`).toBe(0);
      });
    }
  });

  it('pages break where the layout put the breaks: no page added for a row that did not fit, no strip of columns printed apart', async () => {
    for (const [name, pages] of each()) expect(pages.length, name).toBe(await plannedPages(books.get(name)!));
  });

  it('no text runs into other text (a row too short for its text would push its last line over the next row)', () => {
    for (const [name, pages] of each()) {
      pages.forEach((p, i) => {
        const words = [...p.words].sort((a, b) => a.yMin - b.yMin);
        const clashes: string[] = [];
        words.forEach((a, j) => {
          for (let k = j + 1; k < words.length && words[k]!.yMin < a.yMax; k++) {
            if (clash(a, words[k]!)) clashes.push(`${a.text} / ${words[k]!.text}`);
          }
        });
        expect(clashes, `${name} page ${i + 1}`).toEqual([]);
      });
    }
  });

  it('every page that holds an indicator’s rows shows its id', () => {
    for (const r of ALL) {
      const ids = new Set(r.indicators.map((i) => i.id));
      for (const [kind, marker] of [['single', '检查项'], ['print', '检查项'], ['report', '结果']] as const) {
        const pages = printed.get(`${r.id}-${kind}`)!.pages;
        const tablePages = pages.filter((p) => p.words.some((w) => w.text === marker) && p.words.some((w) => w.text === '序号'));
        expect(tablePages.length, `${r.id}-${kind}`).toBeGreaterThan(0);
        pages.forEach((p, i) => expect(rowsWithoutId(p, ids, marker).map((w) => w.text), `${r.id}-${kind} page ${i + 1}`).toEqual([]));
      }
    }
  });

  it('the bulk sheet prints only its notice: one page saying it is not for printing', () => {
    for (const r of ALL) {
      // The instructions sheet, then the bulk sheet: its notice alone.
      const pages = printed.get(`${r.id}-bulk`)!.pages;
      expect(pages, r.id).toHaveLength(2);
      const text = pages[1]!.words.map((w) => w.text).join('');
      expect(text, r.id).toMatch(/^本表用于批量录入，不用于打印.*单独打印。第2页，共2页$/);
    }
  });

  it('templates end with signature lines; reports of a draft say 草稿 on every page', () => {
    for (const r of ALL) {
      const last = printed.get(`${r.id}-single`)!.pages.at(-1)!.words.map((w) => w.text).join('');
      expect(last, r.id).toContain('检查人（签字）：');
      expect(last, r.id).toContain('被检查单位负责人（签字）：');
      for (const [i, p] of printed.get(`${r.id}-report`)!.pages.entries()) expect(p.words.map((w) => w.text).join(''), `${r.id} report page ${i + 1}`).toContain('草稿');
    }
  });

});
describe.skipIf(!hasOpenpyxl)('every generated workbook opens in openpyxl', () => {
  it('templates (single, bulk, print) and reports of every rubric', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openpyxl-open-'));
    const files = [...(await everyWorkbook())].map(([name, bytes]) => {
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, bytes);
      return file;
    });
    const opened = openWithOpenpyxl(files);
    expect(Object.keys(opened)).toHaveLength(ALL.length * 4 + 6);
    expect(Object.entries(opened).filter(([, e]) => e !== null)).toEqual([]);
  }, 120_000);
});

if (!canPrint) console.warn('NOTICE: LibreOffice (soffice) or poppler-utils (pdftotext) not found: the print tests are skipped. apt-get install libreoffice-calc poppler-utils to run them.');
