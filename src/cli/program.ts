import { checkFiles } from './check.ts';
import { deriveCommand } from './derive.ts';
import { exportCommand } from './export.ts';
import { parseCommandLine, runGuarded } from './command-line.ts';

/**
 * Runs the CLI on `argv` (without `node` and the script) in this process, every command loaded up
 * front, and returns the exit code: 0 success, 2 a user error (bad model file, bad option; one line
 * on stderr), 1 an internal error. The `qblend` process itself starts through cli/main.ts instead.
 */
export function runCli(argv: readonly string[], streams: { out(s: string): void; err(s: string): void }): number {
  const job = parseCommandLine(argv, streams);
  if (typeof job === 'number') return job;
  return runGuarded(job.io, () => {
    if (job.command === 'check') return checkFiles(job.files, job.io);
    if (job.command === 'export') return exportCommand(job.file, job.options, job.io);
    return deriveCommand(job.files, job.options, job.io);
  });
}
