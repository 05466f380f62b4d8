import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.ts';

/**
 * Prefix of every temporary entry qblend makes in an output directory, followed by the pid of the
 * process that made it: `.qblend-tmp-<pid>-…`. A run killed mid-write leaves such entries behind;
 * the next run into the directory removes those whose process no longer exists.
 */
export const TEMP_PREFIX = '.qblend-tmp-';

const HINT = 'give a directory that exists or can be created, e.g. --out reports';

function outError(message: string, hint = HINT): UserError {
  return new UserError(message, { field: '--out' }, hint);
}

/** The nearest existing ancestor of `path` (or `path` itself). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  return p;
}

/**
 * Checks, before any work, that `out` is a directory qblend can write into, or can create: not
 * empty, not a file, not under a file, and the nearest existing directory accepts a new entry (a
 * probe directory is made and removed at once, which also refuses virtual file systems such as
 * /proc, where the permission bits allow what the kernel refuses). Throws a `UserError` on `--out`.
 */
export function assertWritableOutputDir(out: string): void {
  if (out.trim().length === 0) throw outError('the output directory is empty');
  const existing = nearestExisting(out);
  if (!statSync(existing).isDirectory()) {
    throw existing === resolve(out)
      ? outError(`'${out}' is a file, not a directory`, 'give a directory (it is created when missing)')
      : outError(`'${out}' lies under the file '${existing}'`, 'give a directory whose parents are directories');
  }
  let probe: string;
  try {
    probe = mkdtempSync(join(existing, `${TEMP_PREFIX}${process.pid}-probe-`));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw outError(`cannot create '${out}': '${existing}' does not accept new files (${code})`, 'give a writable directory');
  }
  rmdirSync(probe);
}

/**
 * Creates `dir` and its missing parents one level at a time (`mkdirSync`'s recursive mode spins
 * forever on some virtual file systems; `assertWritableOutputDir` has already refused those).
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let p = resolve(dir); !existsSync(p); p = dirname(p)) missing.push(p);
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Whether a process with this pid exists (signal 0 tests without sending anything). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary entries of interrupted runs from `dir`: those whose pid is not a live
 * process, or is this process's (a reused pid: this run has written nothing yet). Entries of a
 * live process are left, since it may be another qblend writing into the same directory.
 */
export function removeStaleTemps(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number.parseInt(name.slice(TEMP_PREFIX.length), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processExists(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}
