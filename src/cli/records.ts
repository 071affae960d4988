// Commands over the stored records, on the same store the service uses (DATABASE_URL, else DATA_DIR's SQLite file).
import { ROLES, SYSTEM } from '../domain/people.js';
import { createServices } from '../service/index.js';
import { openSqlite } from '../store/sqlite.js';
import { openStore } from '../store/open.js';
import type { LogAnchor } from '../domain/records.js';
import type { Store } from '../store/types.js';
import { type Io, usage } from './io.js';

export interface RecordArgs {
  files: string[];
  format: string;
  anchor?: string;
  name?: string;
  role?: string;
  scope?: string;
}

/** Exit 3: the records were read, and they do not check out. */
export const TAMPERED = 3;

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(process.env);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A head as printed on reports: "<seq>:sha256:<hex>". */
export function parseAnchor(text: string): LogAnchor {
  const m = /^(\d+):(sha256:[0-9a-f]{64})$/.exec(text.trim());
  if (!m) usage(`--anchor 应为报表上印的记录链头，形如 12:sha256:…（64 位十六进制），实际为“${text}”`);
  return { seq: Number(m[1]), hash: m[2]! };
}

export async function verifyCommand(args: RecordArgs, io: Io): Promise<number> {
  const anchor = args.anchor !== undefined ? parseAnchor(args.anchor) : undefined;
  const v = await withStore((s) => s.verifyLog(anchor));
  if (args.format === 'json') io.stdout(`${JSON.stringify(v, null, 2)}\n`);
  else if (v.ok) io.stdout(`记录链完好：共 ${v.entries} 条，链头 ${v.entries}:${v.head}${anchor ? `；与第 ${anchor.seq} 条的锚定值一致` : ''}\n`);
  else io.stdout(`记录链有误：${v.firstBad!.reason}${v.firstBad!.seq !== null ? `（第 ${v.firstBad!.seq} 条）` : ''}\n此前 ${v.entries} 条完好，最后一条完好记录的指纹为 ${v.head}\n`);
  return v.ok ? 0 : TAMPERED;
}

/** Copies the embedded store, then opens the copy and checks it, so a backup is known good when the command says so. */
export async function backupCommand(args: RecordArgs, io: Io): Promise<number> {
  if (args.files.length !== 1) usage('backup 需要且只需要一个目标文件，例如：backup backups/2026-11-23.sqlite');
  const dest = args.files[0]!;
  await withStore((s) => s.backup(dest));
  const copy = openSqlite(dest);
  try {
    const v = await copy.verifyLog();
    if (!v.ok) {
      io.stderr(`备份已写出，但其中的记录链有误：${v.firstBad!.reason}\n`);
      return TAMPERED;
    }
    io.stdout(`已备份到 ${dest}：记录链 ${v.entries} 条，链头 ${v.entries}:${v.head}\n`);
    return 0;
  } finally {
    await copy.close();
  }
}

/** Tokens for deployments without an administrator token at hand (the API does the same for an administrator). */
export async function tokenCommand(args: RecordArgs, io: Io): Promise<number> {
  const [action, id] = args.files;
  return withStore(async (store) => {
    const { tokens } = createServices({ store, rubrics: new Map(), now: () => new Date() });
    const cli = { ...SYSTEM, name: 'cli' };
    switch (action) {
      case 'create': {
        const { token, record } = await tokens.create({ name: args.name, role: args.role, scope: args.scope ?? null }, cli);
        io.stdout(args.format === 'json' ? `${JSON.stringify({ token, ...record }, null, 2)}\n` : `令牌（只显示这一次，请妥善保存）：${token}\n编号 ${record.id}  ${record.name}  ${record.role}  ${record.scope ?? '全部单位'}\n`);
        return 0;
      }
      case 'list': {
        const list = await tokens.list(cli);
        io.stdout(args.format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : list.map((t) => `${t.id}  ${t.name}  ${t.role}  ${t.scope ?? '全部单位'}  ${t.revoked_at ? `已吊销 ${t.revoked_at}` : '有效'}\n`).join('') || '（没有令牌）\n');
        return 0;
      }
      case 'revoke': {
        if (!id) usage('token revoke 需要令牌编号');
        const t = await tokens.revoke(id, cli);
        io.stdout(`已吊销：${t.id}  ${t.name}\n`);
        return 0;
      }
      default:
        usage(`token 的子命令应为 create、list 或 revoke（角色：${ROLES.join('、')}）`);
    }
  });
}
