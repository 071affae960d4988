// Zip files written by hand, so tests can build what no honest zip library writes: headers that lie about sizes,
// names that climb out of folders, duplicate entries, central directories that disagree with their end record.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

export const MiB = 1024 * 1024;

export interface EntrySpec {
  name: string;
  /** Uncompressed content; or give `deflated`, `size` and `crc` for content never held in memory whole. */
  data?: Uint8Array;
  deflated?: Buffer;
  size?: number;
  crc?: number;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Uncompressed size the headers claim, when it should not be the truth. */
  claimSize?: number;
  /** Name in the local header, when it should differ from the central one. */
  localName?: string;
}

export interface ZipOptions {
  /** Entry count the end record claims. */
  claimEntries?: number;
  /** Bytes slipped between the central directory and the end record. */
  gap?: number;
  /** A ZIP64 end-of-central-directory locator just before the end record. */
  zip64Locator?: boolean;
}

/** `mib` MiB of zeros, deflated, built from one compressed MiB repeated: ~1 KiB per MiB. */
export function zeros(mib: number): Pick<EntrySpec, 'deflated' | 'size' | 'crc'> {
  const one = Buffer.alloc(MiB);
  // A sync-flushed segment ends byte-aligned with no final block, so segments chain; 03 00 is an empty final block.
  const segment = deflateRawSync(one, { finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(one, crc);
  return { deflated: Buffer.concat([...Array<Buffer>(mib).fill(segment), Buffer.from([0x03, 0x00])]), size: mib * MiB, crc };
}

export function writeZip(entries: EntrySpec[], o: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.deflated ?? (method === 8 ? deflateRawSync(data) : Buffer.from(data));
    const size = e.claimSize ?? e.size ?? data.length;
    const crc = e.crc ?? (e.deflated ? 0 : crc32(data));
    const name = Buffer.from(e.name, 'utf8');
    const localName = Buffer.from(e.localName ?? e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    locals.push(local, localName, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + localName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const gap = Buffer.alloc(o.gap ?? 0);
  const locator = Buffer.alloc(o.zip64Locator ? 20 : 0);
  if (o.zip64Locator) locator.writeUInt32LE(0x07064b50, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(o.claimEntries ?? entries.length, 8);
  end.writeUInt16LE(o.claimEntries ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, gap, locator, end]);
}

/** The entries of a real zip (e.g. a template), to be written again with additions or changes. */
export async function entriesOf(bytes: Uint8Array): Promise<EntrySpec[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: EntrySpec[] = [];
  for (const f of Object.values(zip.files)) if (!f.dir) out.push({ name: f.name, data: await f.async('uint8array') });
  return out;
}
