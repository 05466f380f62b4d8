import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../core/errors.ts';
import type { NetworkModel } from '../model/network.ts';
import { parseModel } from '../model/parse.ts';

/** Largest derivation file read, in bytes (docs/derivation-format.md, "Limits"). */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Reads a derivation file (YAML, docs/derivation-format.md) into a validated `NetworkModel` with
 * `parseModel`. A file that cannot be read is one `UserError` naming it ('no such file', or the
 * system's error code); every problem in its text is one `UserError` naming the file, the field and
 * the line:col. Only a regular file of at most `MAX_FILE_BYTES` is read (a device such as /dev/zero
 * or a FIFO is refused before reading), and never more than that many bytes.
 */
export function loadModel(path: string): NetworkModel {
  let bytes: Buffer;
  try {
    bytes = readBounded(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(e)})`, { file: path }, 'check the path');
  }
  return parseModel(decodeText(bytes, path), path);
}

/** The file's bytes: refuses non-regular files and files over the limit, reading at most the limit + 1 bytes. */
function readBounded(path: string): Buffer {
  // stat before open: opening a FIFO would wait for a writer.
  checkRegular(statSync(path), path);
  const fd = openSync(path, 'r');
  try {
    checkRegular(fstatSync(fd), path);
    // The size may change between fstat and read: read at most one byte past the limit.
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n > MAX_FILE_BYTES) throw tooLarge(path, n);
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function checkRegular(st: Stats, path: string): void {
  if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  if (!st.isFile()) throw new UserError('not a regular file (a device, a pipe or a socket)', { file: path }, 'give the path of a derivation file (.yaml)');
  if (st.size > MAX_FILE_BYTES) throw tooLarge(path, st.size);
}

function tooLarge(path: string, size: number): UserError {
  return new UserError(`the file is too large: ${size.toLocaleString('en-US')} bytes, more than the limit of ${MAX_FILE_BYTES.toLocaleString('en-US')} (1 MiB)`, { file: path },
    'a derivation file is a short YAML text; check the path');
}

/**
 * UTF-8 text of the file. A UTF-16 or UTF-32 file (by its byte-order mark, or NUL bytes between
 * ASCII letters) is refused in our words rather than read as garbage.
 */
function decodeText(bytes: Buffer, path: string): string {
  const bom = (...b: number[]): boolean => b.every((x, k) => bytes[k] === x);
  let encoding: string | undefined;
  if (bom(0x00, 0x00, 0xfe, 0xff) || bom(0xff, 0xfe, 0x00, 0x00)) encoding = 'UTF-32';
  else if (bom(0xfe, 0xff) || bom(0xff, 0xfe)) encoding = 'UTF-16';
  else if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0) && nulShare(bytes) > 0.25) encoding = 'UTF-16 or UTF-32';
  if (encoding) {
    throw new UserError(`the file is ${encoding}, not UTF-8`, { file: path, field: '(document)', line: 1, column: 1 }, 'save it as UTF-8 (most editors: "Save with encoding")');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Share of NUL bytes among the first 256. */
function nulShare(bytes: Buffer): number {
  const head = bytes.subarray(0, 256);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul / head.length;
}
