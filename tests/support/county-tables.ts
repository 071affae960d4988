// County scoring tables typed as a county would type them in Excel: T2 (河头镇, village station monthly
// deductions) and T4 (银川, 分厅部门考核赋分表) from /work/shared/sources/real-tables.md, with their words exactly as
// transcribed there. `npx tsx tests/support/county-tables.ts` writes them to fixtures/county-tables/; a test checks
// the committed files still hold these cells.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

type Row = ReadonlyArray<string | number | null>;

export interface TableSpec {
  file: string;
  sheet: string;
  /** Rows from row 1; null leaves a cell empty. */
  rows: readonly Row[];
  /** Ranges to merge, e.g. A1:D1. */
  merges: readonly string[];
  widths: readonly number[];
}

/** T4: one row per indicator, its 赋分标准 several sentences in one cell; columns in the order the source gives. */
export const T4: TableSpec = {
  file: 't4-yinchuan-department.xlsx',
  sheet: '分厅部门考核赋分表',
  rows: [
    ['附件2'],
    ['分厅部门考核赋分表'],
    ['指标', '分值', '赋分标准', '得分'],
    ['领导重视', 20, '没有安排专题研究的扣5分。未纳入考核扣3分。评优比例低于20%的扣3分。', null],
    ['事项进厅', 20, '每少进一项扣2分。进厅事项未公开，每少一项扣2分。没有办事指南等宣传单扣2分。', null],
    ['办事效率', 20, '窗口应做到而没有做到的，每件扣3分。不按要求配合工作的扣5分，要求减而未减的扣3分', null],
    ['环境建设设备配置', 20, '环境杂乱扣5分。服装不统一扣5分。没有便民设施扣2分。办公设施配备不全的扣5分。因故障(不可抗力因素外)延误三个工作日以上扣5分。', null],
    ['信息畅通', 10, '每少报一次扣2分。', null],
    ['群众投诉', 10, '投诉没有及时查处的扣2分。有效投诉没有及时改正的扣2分。被媒体曝光的每次扣5分。', null],
  ],
  merges: ['A2:D2'],
  widths: [18, 8, 60, 8],
};

/**
 * T2: the 扣除分 part, numbered 1–13 under its heading; item 4's two findings on two lines of one cell (the source shows
 * them as 未实行一次性书面告知 / 告知内容不全面 against 每件次扣3分 / 每件次扣1分); item 13 cut off where the source is.
 */
export const T2: TableSpec = {
  file: 't2-hetou-village-station.xlsx',
  sheet: '扣除分',
  rows: [
    ['河头镇便民服务站建设与运行绩效考核评分暂行办法'],
    ['四、评分内容与标准'],
    ['序号', '考核内容', '扣分标准'],
    ['（一）扣除分(手工录入)'],
    [1, '事项办理不发给受理通知书或存在体外循环的（只采用纸质办理，无录入系统）', '每项每次扣3分'],
    [2, '属本部门办理的前置审批不纳入系统办理，规避电子监察的', '扣3分'],
    [3, '受理评价满意度调查结果为不满意或很差的', '经核实扣3分'],
    [4, '未实行一次性书面告知\n告知内容不全面', '每件次扣3分\n每件次扣1分'],
    [5, '公示的咨询电话在上班时间无人接听的，或接听后无跟进的', '每次扣3分'],
    [6, '出现有效投诉、有效举报的', '每件扣3分'],
    [7, '预受理或办理事项出现红黄牌的，根据调查核实具体情况，确定责任单位', '每个黄牌扣2分，每个红牌扣3分'],
    [8, '服务站在工作时间没有办事人员受理业务的', '扣2分'],
    [9, '服务站点设备、网络不正常并且不及时报修的', '扣1分'],
    [10, '群众申办已延伸至镇村的事项拒不受理的', '扣3分'],
    [11, '拒绝或不及时替群众到部门或镇服务站取回审批结果的', '扣2分'],
    [12, '需要上交纸质材料不及时送达部门的', '扣2分'],
    [13, '村级服务站不具备2个以上人员熟练操作网上办事大厅便[截断]', '[截断]'],
  ],
  merges: ['A1:C1', 'A2:C2', 'A4:C4'],
  widths: [6, 60, 30],
};

/**
 * Not a real table: every shape the import must handle in one sheet — title and scoring words above a two-row header
 * (得分 over 自评分 | 考核分), columns out of the usual order, 一、/（一）/1. numbering, points in a heading's words and in
 * its 分值 cell, a 考核项目 and its 分值 merged down over three rows, several rules in one cell, wording it cannot read,
 * an unreadable 分值, bonus rows under a bonus heading, a 合计 row and a note.
 */
export const MIXED: TableSpec = {
  file: 'mixed.xlsx',
  sheet: '考核细则',
  rows: [
    ['XX县便民服务中心考核细则'],
    ['满分100分；加分合计最多加5分'],
    ['序号', '扣分标准', '考核项目', '考核内容', '分值', '考核办法', '得分'],
    [null, null, null, null, null, null, '自评分', '考核分'],
    ['一、', null, '基础建设（30分）'],
    ['（一）', null, '场所设施', null, 20],
    ['1.', '每缺一项扣2分', '名称标识', '统一名称和标识牌，公开服务电话。', 10, '现场查看'],
    ['2.', '面积不足的扣5分。设施损坏未及时修复的，每处扣1分。', '面积与设施', '便民服务大厅面积不少于300平方米。', 10, '现场查看'],
    ['（二）', null, '人员管理', null, 10],
    ['3.', '脱岗每人次扣1分', '在岗情况', '工作人员在岗在位。', 10],
    [null, '酌情扣2-4分', null, '工作人员不负责任出现不良后果的。'],
    [null, '未着装的每人次扣0.5分', null, '统一着装。'],
    ['二、', null, '服务效能（70分）'],
    ['4.', '办结率每减少1个百分点扣1分，最高扣10分', '按时办结', '按时办结率达到100%。', 20],
    ['5.', '未实行首问负责制的扣5分', '首问负责', '实行首问负责制。', 5],
    ['6.', '酌情扣分', '群众评价', '群众满意度较高。', 15],
    ['7.', '有效投诉每件扣3分', '投诉处理', null, '见附件'],
    ['8.', '每次扣2分', '信息报送', '按时报送信息。', 30],
    ['三、', null, '加分项目（5分）'],
    ['9.', '获县级以上表彰的，每次加2分', '表彰'],
    ['10.', '经验被推广每次加1分，加满3分为止', '经验推广'],
    [null, null, '合计', null, 100],
    ['说明：本细则由县政务服务中心负责解释。'],
  ],
  merges: ['A1:H1', 'A2:H2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:H3', 'C10:C12', 'E10:E12', 'A23:H23'],
  widths: [6, 30, 12, 30, 6, 10, 7, 7],
};

export async function buildTable(spec: TableSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(spec.sheet);
  spec.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      cell.font = { name: '宋体', size: 11 };
      cell.alignment = { wrapText: true, vertical: 'middle' };
    }),
  );
  for (const m of spec.merges) ws.mergeCells(m);
  spec.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/county-tables/', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const spec of [T2, T4]) writeFileSync(join(FIXTURE_DIR, spec.file), await buildTable(spec));
  console.log(`wrote ${[T2, T4].map((s) => s.file).join(', ')} to ${FIXTURE_DIR}`);
}
