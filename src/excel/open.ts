// Opening an uploaded workbook: refuse what is not a plain .xlsx before exceljs sees it, then load it with the
// precautions excel.md records (skip validation and formatting nodes, which can expand without bound).
import ExcelJS, { type Workbook } from 'exceljs';
import JSZip from 'jszip';
import { AuditError, type Problem } from '../errors.js';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const refuse = (code: Problem['code'], message: string): never => {
  throw new AuditError('IMPORT_INVALID', message, [{ code, path: '', message }]);
};

export async function openWorkbook(bytes: Uint8Array): Promise<Workbook> {
  if (OLE.every((b, i) => bytes[i] === b)) {
    // .xls, WPS .et and password-protected .xlsx are all OLE compound files.
    refuse('NOT_XLSX', '文件是旧版 .xls/.et 格式或已加密：请在 Excel 或 WPS 中取消密码，并“另存为” .xlsx 格式后再导入');
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    refuse('NOT_XLSX', '文件不是 Excel 工作簿：请另存为 .xlsx 格式后再导入');
  }
  let names: string[];
  try {
    names = Object.keys((await JSZip.loadAsync(bytes)).files);
  } catch {
    return refuse('NOT_XLSX', '文件已损坏，无法作为 .xlsx 打开：请在 Excel 或 WPS 中重新保存为 .xlsx');
  }
  if (names.some((n) => /vbaProject\.bin$/i.test(n))) refuse('MACRO', '文件包含宏（.xlsm）：请另存为不含宏的 .xlsx 格式后再导入');
  if (!names.includes('xl/workbook.xml')) refuse('NOT_XLSX', '文件不是 Excel 工作簿（缺少 xl/workbook.xml）：请另存为 .xlsx 格式后再导入');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] } as never);
  } catch {
    refuse('NOT_XLSX', '文件已损坏，无法读取：请在 Excel 或 WPS 中重新保存为 .xlsx');
  }
  return wb;
}
