import { readFile, stat } from 'node:fs/promises';
import type { Problem } from '../errors.js';
import { parseText, type ParsedDocument } from './document.js';

/** Rubrics and submissions are small; anything bigger is a mistake or an attack. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export async function readDocument(file: string): Promise<{ doc?: ParsedDocument; problems: Problem[] }> {
  const unreadable = (message: string) => ({ problems: [{ code: 'FILE_UNREADABLE' as const, path: '', file, message }] });
  try {
    const info = await stat(file);
    if (!info.isFile()) return unreadable(`不是文件：${file}`);
    if (info.size > MAX_DOCUMENT_BYTES) return unreadable(`文件过大（${info.size} 字节，上限 ${MAX_DOCUMENT_BYTES} 字节）`);
    const bytes = await readFile(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return parseText(text.replace(/^\uFEFF/, ''), file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return unreadable(`找不到文件：${file}`);
    if (e instanceof TypeError) return unreadable('文件不是 UTF-8 编码的文本（请另存为 UTF-8 的 JSON 或 YAML）');
    return unreadable(`无法读取文件：${(e as Error).message}`);
  }
}
