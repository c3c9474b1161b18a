// Small zip archives made by hand for tests of the archive limits: a bomb (one entry that
// inflates to many zero bytes) and an archive of many empty entries.
import { deflateRawSync, createDeflateRaw } from 'node:zlib';

interface Part {
  name: string;
  compressed: Buffer;
  size: number;
}

function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.compressed.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.compressed.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + part.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An .xlsx-looking zip whose sheet inflates to `megabytes` MiB of zeros; `declared` is the size its directory claims. */
export async function zipBomb(megabytes: number, declared = 1000): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const mib = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(mib)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end();
  await done;
  return zipOf([{ name: 'xl/worksheets/sheet1.xml', compressed: Buffer.concat(out), size: declared }]);
}

/** A zip of `count` tiny entries. */
export function zipOfManyEntries(count: number): Buffer {
  const compressed = deflateRawSync(Buffer.from('x'));
  return zipOf(Array.from({ length: count }, (_, i) => ({ name: `xl/part${i}.xml`, compressed, size: 1 })));
}
