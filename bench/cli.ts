/**
 * The installed `qblend` command's cost as a user sees it: wall time of whole processes (spawn to
 * exit), compared in the same run with bare `node -e 0`, so the ratio does not depend on the machine.
 * - start-up: `qblend --help` and `qblend check` (the compiled bin, bin/qblend.js → dist/cli.js), and
 *   `tsx src/cli.ts --help` (the development path; what the bin cost before it ran a build).
 * - derive: the three paper examples with every format, then with `--proof all` added (the
 *   walkthroughs should reuse the one derivation: target ratio ≤ 1.15).
 * Options: `--runs=N` start-up repetitions (default 15; interleaved, medians), `--derive-runs=N`
 * (default 3), `--no-derive` to skip the derive table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDist } from '../scripts/build.ts';
import { numberOption, type BenchSection } from './section.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/qblend.js');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const EXAMPLES = ['derivations/example-1.yaml', 'derivations/example-2.yaml', 'derivations/example-3.yaml'];

/** Wall time of one process, in ms; a failing command aborts the section. */
function wallMs(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Medians (and minima) of the commands, run in turn `runs` times so that load drifts hit all alike. */
function timeInterleaved(commands: Record<string, readonly string[]>, runs: number): Map<string, number[]> {
  const times = new Map(Object.keys(commands).map((k) => [k, [] as number[]]));
  for (let r = 0; r < runs; r++) for (const [k, args] of Object.entries(commands)) times.get(k)!.push(wallMs(args));
  return times;
}

export const cliSection: BenchSection = {
  name: 'cli',
  tags: ['startup'],
  description: 'qblend start-up (--help, check) against bare node -e 0, and derive of the paper examples with and without --proof all',
  async run(args, report) {
    await ensureDist();
    const runs = numberOption(args, 'runs', 15);
    const startup = timeInterleaved(
      {
        'node -e 0': ['-e', '0'],
        'qblend --help': [BIN, '--help'],
        'qblend check example-1.yaml': [BIN, 'check', EXAMPLES[0]],
        'tsx src/cli.ts --help': [TSX, 'src/cli.ts', '--help'],
      },
      runs,
    );
    const base = median(startup.get('node -e 0')!);
    report({
      title: `Start-up: wall time of whole processes, median of ${runs} interleaved runs`,
      rows: [...startup].map(([command, ms]) => ({ command, 'median ms': median(ms), 'min ms': Math.min(...ms), '× node -e 0': median(ms) / base })),
      notes: ['goal: qblend --help ≤ 3 × node -e 0 (issue 21)'],
    });
    if (args.flags.has('no-derive')) return;
    const derivRuns = numberOption(args, 'derive-runs', 3);
    const out = mkdtempSync(join(tmpdir(), 'qblend-bench-cli-'));
    try {
      const derive = timeInterleaved(
        {
          'derive (html, tex, json)': [BIN, 'derive', ...EXAMPLES, '--out', out],
          'derive … --proof all': [BIN, 'derive', ...EXAMPLES, '--out', out, '--proof', 'all'],
        },
        derivRuns,
      );
      const plain = derive.get('derive (html, tex, json)')!;
      report({
        title: `Derive of Examples 1–3 (qblend bin, start-up included), median of ${derivRuns} interleaved runs`,
        rows: [...derive].map(([command, ms]) => ({
          command,
          'median s': median(ms) / 1000,
          'min s': Math.min(...ms) / 1000,
          '× derive (medians)': median(ms) / median(plain),
          '× derive (minima)': Math.min(...ms) / Math.min(...plain),
        })),
        notes: [
          'goals: derive < 5 s; --proof all ≤ 1.15 × derive (the walkthroughs reuse the derivation)',
          'on a shared machine the minima are the steadier ratio (the least-disturbed run of each)',
        ],
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};
