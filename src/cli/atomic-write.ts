import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputFile {
  /** File name inside the output directory. */
  name: string;
  content: string;
}

/**
 * Writes a set of files so that a reader never sees a half-written one: each goes to a temporary
 * file in the same directory (same file system, so `rename` is atomic), and only when every
 * temporary file is complete are they renamed into place. On any failure the temporaries are
 * removed. The directory is created only when there is something to write.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  if (files.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.tmp-${process.pid}-${temps.length}`);
      temps.push(tmp);
      writeFileSync(tmp, f.content, { encoding: 'utf8', flag: 'wx' });
    }
    const written: string[] = [];
    files.forEach((f, k) => {
      const target = join(dir, f.name);
      renameSync(temps[k], target);
      written.push(target);
    });
    return written;
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}
