// The other programs our workbooks meet, driven for real: openpyxl (Debian's python3-openpyxl, under /usr/bin/python3),
// LibreOffice printing to PDF, and poppler's pdftotext reading the printed text back with its boxes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { answerFor, readAnswer } from '../../src/engine/answers.js';
import { rubricFields, splitAnswer } from '../../src/excel/fields.js';
import { LEVEL_ZH } from '../../src/levels.js';
import type { Rubric } from '../../src/rubric/model.js';
import type { Submission } from '../../src/schema/generated/submission.js';
import { hasLibreOffice } from './workbooks.js';

const PYTHON = '/usr/bin/python3';
const TOOL = new URL('./openpyxl_tool.py', import.meta.url).pathname;

export const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
export const hasPdfText = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
export const canPrint = hasLibreOffice && hasPdfText;

function python(job: object): Record<string, unknown> {
  const r = spawnSync(PYTHON, [TOOL], { input: JSON.stringify(job), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`openpyxl tool failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Opens each file with openpyxl: null when it opened, else openpyxl's complaint. */
export function openWithOpenpyxl(files: readonly string[]): Record<string, string | null> {
  return python({ open: files }) as Record<string, string | null>;
}

/** A cell value for every answer field of a submission, as a person types it (是/否, option labels, numbers). */
export function typedAnswers(rubric: Rubric, sub: Submission): Record<string, string | number> {
  const fields = new Map(rubricFields(rubric).map((f) => [f.key, f]));
  const out: Record<string, string | number> = {};
  for (const ind of rubric.indicators) {
    const raw = answerFor(sub.answers, ind.id);
    if (raw === undefined) continue;
    const a = readAnswer(raw);
    if (a.kind === 'not_applicable') out[rubricFields(rubric).find((f) => f.indicator === ind)!.key] = `不适用：${a.reason}`;
    if (a.kind !== 'value') continue;
    for (const [key, v] of splitAnswer(ind, a.value)) {
      const f = fields.get(key)!;
      out[key] = f.input.type === 'yesno' ? (v ? '是' : '否') : f.input.type === 'choice' ? f.input.options.find((o) => o.id === v)!.label : (v as number);
    }
  }
  return out;
}

/** The bulk row a person types for a submission: unit, period, inspector and every answer. */
export function typedRow(rubric: Rubric, sub: Submission): Record<string, string | number> {
  return {
    'unit.code': sub.unit.code,
    'unit.name': sub.unit.name,
    'unit.level': LEVEL_ZH[sub.unit.level],
    period: sub.period,
    ...(sub.inspector ? { inspector: sub.inspector } : {}),
    ...(sub.inspected_on ? { inspected_on: sub.inspected_on } : {}),
    ...typedAnswers(rubric, sub),
  };
}

/** A template filled in and saved by openpyxl: answers of a single sheet by field key, or one bulk row per unit. */
export function fillWithOpenpyxl(template: Uint8Array, fill: { single: Record<string, string | number>; cells?: Record<string, string> } | { bulk: Array<Record<string, string | number>> }): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'openpyxl-'));
  writeFileSync(join(dir, 'in.xlsx'), template);
  python({ fill: join(dir, 'in.xlsx'), out: join(dir, 'out.xlsx'), ...fill });
  return readFileSync(join(dir, 'out.xlsx'));
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface Page {
  width: number;
  height: number;
  words: Word[];
}

/**
 * Prints workbooks to PDF through LibreOffice in one run (a start costs seconds) and returns, per name, the PDF's
 * path and its pages with every word's box as pdftotext -bbox reads it.
 */
export function printAll(books: ReadonlyMap<string, Uint8Array>): Map<string, { pdf: string; pages: Page[] }> {
  // PRINT_DIR keeps the workbooks and PDFs where a person can look at them (pdftoppm -r 70 -png).
  const dir = process.env.PRINT_DIR ? (mkdirSync(process.env.PRINT_DIR, { recursive: true }), process.env.PRINT_DIR) : mkdtempSync(join(tmpdir(), 'print-'));
  const inputs = [...books].map(([name, bytes]) => {
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, bytes);
    return file;
  });
  const out = join(dir, 'pdf');
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...inputs], { stdio: 'pipe', timeout: 600_000 });
  const made = new Set(readdirSync(out));
  return new Map(
    [...books.keys()].map((name) => {
      if (!made.has(`${name}.pdf`)) throw new Error(`LibreOffice printed no PDF for ${name}`);
      const pdf = join(out, `${name}.pdf`);
      return [name, { pdf, pages: pdfPages(pdf) }];
    }),
  );
}

const num = (attrs: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(attrs)![1]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every page of a PDF with its words and their boxes (pdftotext -bbox). */
export function pdfPages(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...html.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map(([, attrs, body]) => ({
    width: num(attrs!, 'width'),
    height: num(attrs!, 'height'),
    words: [...body!.matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)].map(([, a, text]) => ({ text: unescape(text!), xMin: num(a!, 'xMin'), yMin: num(a!, 'yMin'), xMax: num(a!, 'xMax'), yMax: num(a!, 'yMax') })),
  }));
}

/** Pages as PNG images (pdftoppm -r 70), for looking at; returns their paths. */
export function pagesAsPng(pdf: string, dir: string): string[] {
  const prefix = join(dir, basename(pdf, '.pdf'));
  execFileSync('pdftoppm', ['-r', '70', '-png', pdf, prefix], { stdio: 'pipe' });
  return readdirSync(dir).filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png')).map((f) => join(dir, f));
}
