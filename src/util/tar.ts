// A gzipped tar (ustar) writer: enough for an npm package tarball, byte-for-byte reproducible for the same files.
import { gzipSync } from "node:zlib";

/** One regular file of the archive. */
export interface TarEntry {
  /** Path inside the archive, with forward slashes. */
  path: string;
  data: Buffer;
  /** Unix permission bits (0o644 by default). */
  mode?: number;
}

/** npm's fixed timestamp for packed files (1985-10-26), so the same files always give the same bytes. */
const MTIME = 499162500;
const BLOCK = 512;

function field(header: Buffer, offset: number, size: number, value: string): void {
  header.write(value, offset, Math.min(size, Buffer.byteLength(value)), "utf8");
}

function octal(n: number, size: number): string {
  return `${n.toString(8).padStart(size - 1, "0")}\0`;
}

/** Splits a long path into ustar's prefix (≤155 bytes) and name (≤100 bytes). */
function splitPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: "", name: path };
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`path too long for a tar archive: ${path}`);
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { prefix, name } = splitPath(entry.path);
  field(h, 0, 100, name);
  field(h, 100, 8, octal(entry.mode ?? 0o644, 8));
  field(h, 108, 8, octal(0, 8));
  field(h, 116, 8, octal(0, 8));
  field(h, 124, 12, octal(entry.data.length, 12));
  field(h, 136, 12, octal(MTIME, 12));
  field(h, 148, 8, "        ");
  field(h, 156, 1, "0");
  field(h, 257, 6, "ustar\0");
  field(h, 263, 2, "00");
  field(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  field(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** The entries as a .tar.gz. */
export function tarGz(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e), e.data);
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
