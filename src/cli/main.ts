import { parseCommandLine, runGuarded } from './command-line.ts';
import { reportError } from './io.ts';

/**
 * The `qblend` process: parses the command line, then imports only the command it runs (the
 * derivation, KaTeX and the plots load for `derive`, never for `--help` or `check`).
 */
export async function main(argv: readonly string[], streams: { out(s: string): void; err(s: string): void }): Promise<number> {
  const job = parseCommandLine(argv, streams);
  if (typeof job === 'number') return job;
  if (job.command === 'check') {
    const { checkFiles } = await import('./check.ts');
    return runGuarded(job.io, () => checkFiles(job.files, job.io));
  }
  if (job.command === 'export') {
    const { exportCommand } = await import('./export.ts');
    return runGuarded(job.io, () => exportCommand(job.file, job.options, job.io));
  }
  const { deriveCommand } = await import('./derive.ts');
  // Several files are derived on worker threads (--jobs), so the command may finish asynchronously.
  try {
    return await deriveCommand(job.files, job.options, job.io, true);
  } catch (e) {
    return reportError(e, job.io);
  }
}
