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
