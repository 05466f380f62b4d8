/**
 * The `qblend` bin as installed: bin/qblend.js running the build (dist/cli.js, cli/main.ts) in its
 * own process, as a user's shell or a supervisor starts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDist } from '../../scripts/build.ts';
import { REPO } from '../support/model-cli.ts';
import { TEMP_PREFIX } from '../../src/cli/output-dir.ts';

const BIN = join(REPO, 'bin/qblend.js');
/** A model whose derive takes tens of seconds (n = 5 with Theorem 3–4 checks): time to interrupt it. */
const SLOW_MODEL = 'derivations/ring-5-weighted.yaml';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qblend-bin-'));
  made.push(dir);
  return dir;
}

beforeAll(async () => {
  await ensureDist();
});
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function runBin(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the qblend bin runs the compiled CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check <files\.\.\.>/);
    expect(r.stdout).toMatch(/derive \[options\] <files\.\.\.>/);
    expect(r.stderr).toBe('');
  });

  it('without a build, the bin says how to make one (exit 1)', () => {
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    copyFileSync(BIN, join(bin, 'qblend.js'));
    const r = spawnSync(process.execPath, [join(bin, 'qblend.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^qblend: dist\/cli\.js is missing — run npm run build/);
  });

  it('check prints one OK line; a usage mistake exits 2', () => {
    const r = runBin(['check', 'derivations/example-1.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK derivations\/example-1\.yaml: example-1 — 3 qubits/);
    expect(runBin(['derive']).code).toBe(2);
  });

  it('a derive removes the temporaries an interrupted run left in its output directory, and only those', () => {
    const dir = tempDir();
    const stale = `${TEMP_PREFIX}${deadPid()}-0`;
    const live = `${TEMP_PREFIX}${process.pid}-0`;
    writeFileSync(join(dir, stale), 'half a report');
    writeFileSync(join(dir, live), 'a running process writes this');
    const r = runBin(['derive', 'derivations/example-1.yaml', '--out', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, 'example-1.json']);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s stops a derive at once, leaving no file behind', async (signal, shellCode) => {
    const dir = tempDir();
    const child = spawn(process.execPath, [BIN, 'derive', SLOW_MODEL, '--out', dir], { cwd: REPO, stdio: 'ignore' });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
    // Past start-up, inside the derivation (whose outputs are only written at its end).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill(signal);
    const stillRunning = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
    const result = await Promise.race([ended, stillRunning]);
    if (result === 'still running') child.kill('SIGKILL');
    expect(result).not.toBe('still running');
    // Killed by the signal (a shell reports 128 + its number) or exiting with that code.
    const r = result as { code: number | null; signal: NodeJS.Signals | null };
    expect(r.signal === signal || r.code === shellCode).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('several files on worker threads (--jobs)', () => {
  it('writes the same files with the same bytes, the same lines in file order and the same exit code as --jobs 1', () => {
    const files = ['derivations/example-1-parametric.yaml', 'test/reports/fixtures/hostile.yaml', 'derivations/example-1-parametric.yaml'];
    const a = tempDir();
    const b = tempDir();
    const one = runBin(['derive', ...files, '--out', a, '--format', 'json,html', '--jobs', '1']);
    const two = runBin(['derive', ...files, '--out', b, '--format', 'json,html', '--jobs', '2']);
    // the third file repeats the first model's name: a user error for that file, after the others
    expect(one.code).toBe(2);
    expect(two.code).toBe(one.code);
    expect(two.stdout.replaceAll(b, '<out>')).toBe(one.stdout.replaceAll(a, '<out>'));
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toMatch(/model name 'example-1-parametric' is also used by derivations\/example-1-parametric\.yaml/);
    // Every file, the shared assets/katex.css included.
    const filesIn = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.endsWith('assets')).sort();
    expect(filesIn(b)).toEqual(filesIn(a));
    expect(filesIn(a)).toContain(join('assets', 'katex.css'));
    for (const f of filesIn(a)) expect(spawnSync('cmp', [join(a, f), join(b, f)]).status, f).toBe(0);
  });

  it('refuses a --jobs that is not a whole number ≥ 1, before any work', () => {
    const r = runBin(['derive', 'derivations/example-1.yaml', '--out', tempDir(), '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number from 1 to 9999, not '0'/);
  });
});
