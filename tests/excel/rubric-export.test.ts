// A rubric as a county scoring table, and back: the same indicators, points and deductions for the bundled points
// rubric, for every construct the wording can say, and for drafts imported from real tables; the workbook read back
// cell by cell, and opened by LibreOffice and openpyxl.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { exportRubricTable, TABLE_SHEET } from '../../src/excel/rubric-export.js';
import { importRubricTable, type TableImport } from '../../src/excel/rubric-import.js';
import { listRubrics } from '../../src/rubric/load.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import { ruleWording } from '../../src/rubric/rule-wording.js';
import { indicatorSites } from '../../src/rubric/walk.js';
import type { Rubric } from '../../src/rubric/model.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import type { Check, Indicator, RubricDefinition, Section } from '../../src/schema/generated/rubric.js';
import { buildTable, T2, T4 } from '../support/county-tables.js';
import { indicator } from '../support/definitions.js';
import { fixture, rubric } from '../support/rubrics.js';
import { hasLibreOffice, load, throughLibreOffice } from '../support/workbooks.js';

const tmp = mkdtempSync(join(tmpdir(), 'rubric-export-'));
const county = await rubric('county-monthly-assessment');
const bundled = (await listRubrics()).flatMap((l) => (l.rubric?.scoring.method === 'points' ? [l.rubric] : []));

/** What a table carries of a check: its kind and settings, the machine ids of its items replaced by their labels. */
function checkShape(c: Check): unknown {
  if (c.kind === 'checklist') return { ...c, items: c.items.map((i) => i.label) };
  if (c.kind === 'tally') return { ...c, counts: c.counts.map((i) => i.label) };
  return c;
}

/** The parts of an indicator a scoring table says: ids, words, points, the check and how it scores. */
function said(def: Indicator, labels: Map<string, string>) {
  const rate = (rates: ReadonlyArray<{ count: string; per: number }> | undefined) => rates?.map((r) => ({ label: labels.get(r.count), per: r.per }));
  return {
    id: def.id,
    title: def.title,
    text: def.text,
    points: def.points,
    check: checkShape(def.check),
    deduct: def.deduct && { ...def.deduct, rates: rate(def.deduct.rates) },
    bonus: def.bonus && { ...def.bonus, rates: rate(def.bonus.rates) },
    veto: def.veto ?? false,
    applies_to: def.applies_to,
    guidance: def.guidance,
  };
}

function structure(sections: readonly Section[]): unknown[] {
  return sections.map((s) => ({
    number: s.number,
    id: s.points !== undefined ? s.id : undefined,
    title: s.title,
    points: s.points,
    ...(s.sections
      ? { sections: structure(s.sections) }
      : {
          indicators: s.indicators!.map((i) => {
            const labels = new Map(i.check.kind === 'tally' ? i.check.counts.map((c) => [c.id, c.label]) : []);
            return said(i, labels);
          }),
        }),
  }));
}

async function roundTrip(r: Rubric): Promise<TableImport> {
  return importRubricTable(await exportRubricTable(r), { original: 'table.xlsx' });
}

async function loadedBeside(res: TableImport, name: string): Promise<Rubric> {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'standards'), { recursive: true });
  writeFileSync(join(dir, res.file), res.transcription);
  writeFileSync(join(dir, `${res.definition.id}.yaml`), res.yaml);
  return loadRubricFile(join(dir, `${res.definition.id}.yaml`));
}

/** Every construct the table's words can say, on one rubric: nested budgets, rules without points, rates, judgement, linear, bonus, veto. */
const EVERY: RubricDefinition = {
  id: 'every-construct',
  title: '全部写法',
  version: '1',
  issuer: '测试',
  source: { file: 'standards/township-center-58-indicators.md' },
  effective: { from: null },
  applies_to: ['township'],
  levels: ['一级', '二级', '考核项目'],
  scoring: { method: 'points', total: 100, bonus_cap: 5, max: 105, floor: false, grades: [{ id: 'pass', label: '合格', min: 60, pass: true }, { id: 'fail', label: '不合格', min: 0, pass: false }], veto_grade: 'fail' },
  sections: [
    {
      number: '一',
      id: 'a',
      title: '政务服务工作',
      points: 70,
      sections: [
        {
          number: '（一）',
          id: 'a1',
          title: '政务服务标准化',
          points: 15,
          indicators: [
            indicator('1', { kind: 'boolean' }, { points: 3 }),
            indicator('2', { kind: 'checklist', require: 'all', items: [{ id: 'a', label: '组织机构' }, { id: 'b', label: '代办职责；代办制度' }] }, { points: 4, deduct: { per: 2 } }),
            indicator('3', { kind: 'count', unit: '件' }, { points: 8, deduct: { per: 3, max: 6 } }),
          ],
        },
        {
          number: '（二）',
          id: 'a2',
          title: '窗口运行',
          points: 55,
          indicators: [
            indicator('4', { kind: 'tally', unit: '个', counts: [{ id: 'yellow', label: '黄牌' }, { id: 'red', label: '红牌' }] }, { deduct: { rates: [{ count: 'yellow', per: 2 }, { count: 'red', per: 3 }] } }),
            indicator('5', { kind: 'judgement', min: 3, max: 5 }, { deduct: { judged: true } }),
            indicator('6', { kind: 'number', unit: '%', minimum: 0, maximum: 100, threshold: { op: '>=', value: 98 } }, { points: 20, deduct: { linear: { per: 1, from: 98, whole: true } } }),
            indicator('7', { kind: 'frequency', times: 1, per: 'week', unit: '次' }, { points: 5, deduct: { per: 1.25 } }),
            indicator('8', { kind: 'boolean', expect: false }, { deduct: { per: 5 } }),
            indicator('9', { kind: 'count', unit: '次' }, { points: 30, deduct: { per: 2 } }),
          ],
        },
      ],
    },
    {
      number: '二',
      title: '其他',
      indicators: [
        indicator('10', { kind: 'count', unit: '次' }, { points: 30, deduct: { per: 10 } }),
        indicator('11', { kind: 'boolean', expect: false }, { points: 0, veto: true }),
      ],
    },
    {
      number: '附',
      title: '加分',
      indicators: [
        indicator('B1', { kind: 'count', unit: '条' }, { points: 3, bonus: { per: 0.5 } }),
        indicator('B2', { kind: 'tally', unit: '次', counts: [{ id: 'town', label: '镇表彰' }, { id: 'district', label: '区委区政府' }] }, { bonus: { rates: [{ count: 'town', per: 1 }, { count: 'district', per: 2 }] } }),
      ],
    },
  ],
};

describe('round trip: rubric → table → draft rubric', () => {
  it('county-monthly-assessment: the same sections, indicators, points and deductions, and nothing left to finish', async () => {
    const res = await roundTrip(county);
    expect(res.problems).toEqual([]);
    expect(res.unparsed.filter((u) => u.cell)).toEqual([]);
    expect(structure(res.definition.sections)).toEqual(structure(county.definition.sections));
    expect(res.definition).toMatchObject({ id: county.id, title: county.title, version: county.version, issuer: county.issuer, scoring: { total: 100, bonus_cap: 5 } });
  });

  // Every bundled points rubric, today's and those added later: what the words can say comes back the same, and what
  // they cannot (an escalation, a rating, a computed rate) comes back in place as a draft listed with its cell.
  it.each(bundled.map((r) => [r.id, r] as const))('%s: every indicator the words can say comes back the same; the rest come back as drafts', async (_id, r) => {
    const res = await roundTrip(r);
    const back = new Map(indicatorSites(res.definition).map((s) => [s.def.id, s.def]));
    const drafts = new Set(res.unparsed.filter((u) => u.status === 'draft').map((u) => u.indicator));
    expect([...back.keys()]).toEqual(r.indicators.map((i) => i.id));
    for (const { def } of indicatorSites(r.definition)) {
      const labels = (d: Indicator) => new Map(d.check.kind === 'tally' ? d.check.counts.map((c) => [c.id, c.label]) : []);
      const again = back.get(def.id)!;
      if (ruleWording(def) !== undefined && !def.truncated) expect(said(again, labels(again)), def.id).toEqual(said(def, labels(def)));
      else expect([again.text, drafts.has(def.id)], def.id).toEqual([def.text, true]);
    }
  });

  it('county-monthly-assessment: the draft, loaded beside its transcription, scores every fixture as the rubric does', async () => {
    const back = await loadedBeside(await roundTrip(county), 'county');
    // The hidden key keeps checklist ids and unit levels, so the same submissions answer it.
    const subs = readdirSync(fixture('county-monthly-assessment')).map((f) => JSON.parse(readFileSync(fixture('county-monthly-assessment', f), 'utf8')));
    expect(subs.map((s) => s.unit.level).sort()).toEqual(['township', 'township', 'village', 'village']);
    for (const sub of subs) {
      const [a, b] = [assess(county, sub), assess(back, sub)];
      // Grade bands are not in the table (the draft asks a person for them); the score and every item's points are.
      expect(b.score).toBe(a.score);
      expect(b.results.map((x) => [x.id, x.status, x.points])).toEqual(a.results.map((x) => [x.id, x.status, x.points]));
    }
  });

  it('every construct the wording can say comes back the same, with the scoring words', async () => {
    const r = rubricFromDefinition(EVERY);
    const res = await roundTrip(r);
    expect(res.problems).toEqual([]);
    expect(res.unparsed.filter((u) => u.cell)).toEqual([]);
    expect(structure(res.definition.sections)).toEqual(structure(EVERY.sections));
    expect(res.definition.scoring).toMatchObject({ total: 100, bonus_cap: 5, max: 105, floor: false, veto_grade: 'fail' });
  });

  it.each([T2, T4])('a draft imported from $file comes back the same', async (spec) => {
    const first = await importRubricTable(await buildTable(spec), { id: 'my-county', original: spec.file });
    const r = await loadedBeside(first, `draft-${spec.file}`);
    const second = await roundTrip(r);
    expect(structure(second.definition.sections)).toEqual(structure(first.definition.sections));
    // What was left to finish is still marked, at its new cell.
    expect(second.unparsed.filter((u) => u.status === 'draft').map((u) => u.indicator)).toEqual(first.unparsed.filter((u) => u.status === 'draft').map((u) => u.indicator));
  });
});

describe('the exported workbook, read back cell by cell', async () => {
  const bytes = await exportRubricTable(county, { generatedAt: new Date(Date.UTC(2026, 10, 1)) });
  const wb = await load(bytes);
  const ws = wb.getWorksheet(TABLE_SHEET)!;
  const row = (r: number) => Array.from({ length: 10 }, (_, i) => ws.getCell(r, i + 1).value);

  it('has the title, the scoring words and the header of a county table', () => {
    expect(ws.getCell('A1').value).toBe('县镇村便民服务体系建设月度考核');
    expect(ws.getCell('A2').value).toBe('满分100分；加分合计最多加5分；版本 2017.4-default；依据：白水县人民政府（考核方面与方法）；分值为本工具提供的默认设置');
    expect(row(3)).toEqual(['序号', '考核内容', '考核标准', '分值', '扣分标准', '考核办法', '评定依据', '自评分', '考核分', '_key']);
  });

  it('writes sections as merged rows with their number and key, and one row per indicator with its words', () => {
    expect(row(4)).toEqual(['一', '硬件建设', '硬件建设', null, null, null, null, null, null, 'section:0']);
    expect(ws.getCell('C4').isMerged).toBe(true);
    const ind = county.byId.get('1.1')!;
    expect(row(5)).toEqual(['1.1', ind.title, ind.text, 9, '每缺一项扣3分\n①名称统一\n②标识牌规格、材质、字体规范\n③面积符合规范（镇大厅不少于300平方米；村服务室20-30平方米）', ind.guidance.inspect, '门头照片\n平面图或测量记录', null, null, 'indicator:1.1;ids=name,sign,area']);
    const words = (id: string) => {
      for (let r = 4; r <= ws.rowCount; r++) if (String(ws.getCell(r, 10).value).split(';')[0] === `indicator:${id}`) return ws.getCell(r, 5).value;
      return undefined;
    };
    expect([words('3.1'), words('5.1'), words('6.1'), words('7.4'), words('B1')]).toEqual(['每人次扣1分', '每周至少1次，每少1周扣1.25分', '不符合要求的，不得分', '出现1次即单项否决', '每项加1分，最多加3分']);
  });

  it('ends with the total and a note, hides the key column and the rubric sheet', () => {
    const last = ws.rowCount;
    const total = last - 2;
    expect([ws.getCell(total, 2).value, ws.getCell(total, 4).value, ws.getCell(total - 1, 10).value]).toEqual(['合计', 100, 'indicator:B1']);
    expect(String(ws.getCell(last, 1).value)).toMatch(/^说明：/);
    expect(ws.getColumn(10).hidden).toBe(true);
    const meta = wb.getWorksheet('_rubric')!;
    expect(meta.state).toBe('veryHidden');
    const values = new Map<string, unknown>();
    meta.eachRow((r) => values.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(Object.fromEntries(values)).toMatchObject({ format: 'bianmin-audit-rubric-table', rubric_id: county.id, rubric_version: county.version, rubric_hash: county.hash });
  });

  it('prints on A4 landscape, the header repeated, the hidden key outside the print area, signature lines in the footer', () => {
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3', printArea: `A1:I${ws.rowCount}` });
    expect(ws.headerFooter.oddFooter).toContain('考核人（签字）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('exports a percent rubric with its requirements in words', async () => {
    const t = await load(await exportRubricTable(await rubric('township-center-2022')));
    const sheet = t.getWorksheet(TABLE_SHEET)!;
    const keys: unknown[] = [];
    sheet.getColumn(10).eachCell((c) => keys.push(c.value));
    expect(keys.filter((k) => String(k).startsWith('indicator:'))).toHaveLength(58);
    expect(String(sheet.getCell(2, 1).value)).toMatch(/^按指标达标情况计分/);
  });
});

describe.skipIf(!hasLibreOffice)('opened by LibreOffice Calc', () => {
  it('re-saved by LibreOffice, the table imports into the same rubric', async () => {
    const saved = throughLibreOffice(await exportRubricTable(county));
    const res = await importRubricTable(saved, { original: 'table.xlsx' });
    expect(res.problems).toEqual([]);
    expect(structure(res.definition.sections)).toEqual(structure(county.definition.sections));
  }, 120_000);
});

const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
if (!hasOpenpyxl) console.warn('NOTICE: /usr/bin/python3 with openpyxl not found: the openpyxl test is skipped. apt-get install python3-openpyxl to run it.');

describe.skipIf(!hasOpenpyxl)('opened by openpyxl', () => {
  it('reads the same cells, merges, hidden key column and print settings', async () => {
    const file = join(tmp, 'county.xlsx');
    writeFileSync(file, await exportRubricTable(county));
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['${TABLE_SHEET}']
print(json.dumps({
  'sheets': [(s.title, s.sheet_state) for s in wb.worksheets],
  'header': [c.value for c in ws[3]],
  'row5': [c.value for c in ws[5]],
  'merged': sorted(str(r) for r in ws.merged_cells.ranges),
  'hidden': ws.column_dimensions['J'].hidden,
  'paper': ws.page_setup.paperSize, 'orientation': ws.page_setup.orientation,
  'titles': ws.print_title_rows,
}, ensure_ascii=False))`;
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
    const ind = county.byId.get('1.1')!;
    expect(out).toMatchObject({
      sheets: [[TABLE_SHEET, 'visible'], ['_rubric', 'veryHidden']],
      header: ['序号', '考核内容', '考核标准', '分值', '扣分标准', '考核办法', '评定依据', '自评分', '考核分', '_key'],
      row5: ['1.1', ind.title, ind.text, 9, expect.stringMatching(/^每缺一项扣3分\n①名称统一/), ind.guidance.inspect, '门头照片\n平面图或测量记录', null, null, 'indicator:1.1;ids=name,sign,area'],
      hidden: true,
      paper: 9,
      orientation: 'landscape',
      titles: '$3:$3',
    });
    // Title, scoring words, each of the eight section rows, the total and the note.
    expect(out.merged).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2', 'B4:C4', 'A34:I34']));
    expect(out.merged).toHaveLength(2 + county.definition.sections.length + 2);
  });
});
