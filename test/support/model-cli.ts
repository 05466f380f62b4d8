import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.ts';

export const REPO = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs the real CLI as a child process (node + tsx loader), from the repository root. */
export function runCliProcess(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: REPO, encoding: 'utf8' });
  const lines = (s: string): string[] => s.split('\n').filter((l) => l.length > 0);
  return { code: r.status ?? -1, stdout: lines(r.stdout), stderr: lines(r.stderr) };
}

/** Runs the CLI in this process (same code path as the entry point, minus the process streams). */
export function runCliInProcess(args: readonly string[]): CliResult {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const split = (sink: string[]) => (s: string): void => {
    sink.push(...s.split('\n').filter((l) => l.length > 0));
  };
  const code = runCli(args, { out: split(stdout), err: split(stderr) });
  return { code, stdout, stderr };
}
