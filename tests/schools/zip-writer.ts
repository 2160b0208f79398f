/**
 * Writes small zip archives for the tests, including the hostile ones no archiver makes: a run of
 * zeros that inflates a thousandfold, an entry whose declared size lies. Deflate only, no ZIP64.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** The entry's bytes, or a run of that many zero bytes (streamed, never allocated whole). */
  content: Buffer | { zeros: number };
  /** What the headers claim the uncompressed size is; the real size by default. */
  declaredSize?: number;
  /** Only flagged as encrypted (general purpose bit 0): the bytes stay plain, which is all a reader checks first. */
  encrypted?: boolean;
}

export async function buildZip(entries: ZipEntrySpec[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { compressed, crc, size } = await deflate(entry.content);
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? size;
    const flags = 0x0800 | (entry.encrypted ? 0x0001 : 0); // UTF-8 names, encrypted
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const record = header(0x02014b50, 46);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(compressed.length, 20);
    record.writeUInt32LE(declared, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    central.push(record, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = header(0x06054b50, 22);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

function header(signature: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  buffer.writeUInt32LE(signature, 0);
  return buffer;
}

async function deflate(content: Buffer | { zeros: number }): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const output: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => output.push(chunk));
  const finished = new Promise<void>((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  const write = async (chunk: Buffer): Promise<void> => {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  };
  if (Buffer.isBuffer(content)) await write(content);
  else {
    const block = Buffer.alloc(1024 * 1024);
    for (let left = content.zeros; left > 0; left -= block.length) await write(left >= block.length ? block : block.subarray(0, left));
  }
  deflater.end();
  await finished;
  return { compressed: Buffer.concat(output), crc, size };
}
