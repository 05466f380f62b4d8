import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDir, TEMP_PREFIX } from './output-dir.ts';

export interface OutputFile {
  /** File name inside the output directory, possibly in a folder of it (`assets/katex.css`). */
  name: string;
  content: string;
}

/** Numbers the temporaries of this process, so no two writes share a name. */
let tempCount = 0;

/**
 * Writes a set of files so that a reader never sees a half-written one: each goes to a temporary
 * file in the same directory (same file system, so `rename` is atomic), and only when every
 * temporary file is complete are they renamed into place. On any failure the temporaries are
 * removed. The directory is created only when there is something to write.
 *
 * Temporaries are named `.qblend-tmp-<pid>-<k>` (TEMP_PREFIX; short, so a target name that fits
 * in NAME_MAX never makes its temporary too long). A kill mid-write cannot run cleanup code (the
 * work is synchronous, so a signal handler would only run after it; qblend keeps Node's default
 * action, which ends the process at once): `removeStaleTemps` at the start of the next run into
 * the directory removes what it left.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  if (files.length === 0) return [];
  ensureDir(dir);
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dir, `${TEMP_PREFIX}${process.pid}-${tempCount++}`);
      temps.push(tmp);
      writeFileSync(tmp, f.content, { encoding: 'utf8', flag: 'wx' });
    }
    return files.map((f, k) => {
      const target = join(dir, f.name);
      // A name with a folder (assets/katex.css) gets its folder; the temporary sits on the same file system.
      if (dirname(target) !== dir) ensureDir(dirname(target));
      renameSync(temps[k], target);
      return target;
    });
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}
