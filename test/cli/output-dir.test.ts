import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../support/model-cli.ts';
import { TEMP_PREFIX, assertWritableOutputDir, ensureDir, removeStaleTemps } from '../../src/cli/output-dir.ts';
import { UserError } from '../../src/core/errors.ts';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qblend-out-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('derive --out is checked before any work', () => {
  const dir = tempDir();
  const file = join(dir, 'a-file.json');
  writeFileSync(file, '{}');
  // The model file does not exist: the --out line comes first, so nothing was loaded or derived.
  const cases: { label: string; out: string; message: RegExp }[] = [
    { label: 'an empty string', out: '', message: /^--out: the output directory is empty — give a directory/ },
    { label: 'an existing file', out: file, message: /^--out: '.*a-file\.json' is a file, not a directory — give a directory/ },
    { label: 'a path under a file', out: join(file, 'sub', 'dir'), message: /^--out: '.*a-file\.json\/sub\/dir' lies under the file '.*a-file\.json' — / },
    { label: 'a virtual file system', out: '/proc/qblend-out', message: /^--out: cannot create '\/proc\/qblend-out': '\/proc' does not accept new files \(\w+\) — give a writable directory/ },
  ];
  it.each(cases)('$label: exit 2, one line, nothing created', ({ out, message }) => {
    const before = readdirSync(dir);
    const r = runCliInProcess(['derive', join(dir, 'missing.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
    expect(r.stdout).toEqual([]);
    expect(readdirSync(dir)).toEqual(before);
  });

  it('a directory that can be created passes, and is not created by the check', () => {
    const out = join(tempDir(), 'new', 'reports');
    expect(() => assertWritableOutputDir(out)).not.toThrow();
    expect(existsSync(join(out, '..'))).toBe(false);
    ensureDir(out);
    expect(readdirSync(out)).toEqual([]);
  });

  it('is a UserError on the --out field', () => {
    expect(() => assertWritableOutputDir(' ')).toThrow(UserError);
  });
});

describe('removeStaleTemps', () => {
  it('removes the temporaries of exited processes and of this pid, keeps those of live ones and other files', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = {
      dead: `${TEMP_PREFIX}${dead}-0`,
      deadProbe: `${TEMP_PREFIX}${dead}-probe-x1`,
      own: `${TEMP_PREFIX}${process.pid}-3`,
      live: `${TEMP_PREFIX}${process.ppid}-0`,
      other: '.hidden-notes',
      report: 'example-1.json',
    };
    for (const [k, n] of Object.entries(names)) {
      if (k === 'deadProbe') mkdirSync(join(dir, n));
      else writeFileSync(join(dir, n), k);
    }
    removeStaleTemps(dir);
    expect(readdirSync(dir).sort()).toEqual([names.live, names.other, names.report].sort());
    // A directory that does not exist has nothing to clean.
    expect(() => removeStaleTemps(join(dir, 'none'))).not.toThrow();
  });
});
