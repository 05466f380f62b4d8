import { Command, CommanderError } from 'commander';
import { checkFiles } from './check.ts';
import { deriveFiles, parseFormats, parseProofs } from './derive.ts';
import { createProgress } from './progress.ts';
import { reportError, type CliIO } from './io.ts';

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 2 a user error (bad model file, bad option; one line on stderr), 1 an internal error.
 */
export function runCli(argv: readonly string[], streams: { out(s: string): void; err(s: string): void }): number {
  const io: CliIO = { out: streams.out, err: streams.err, debug: argv.includes('--debug') };
  let code = 0;
  const program = new Command('qblend')
    .description('Blended dynamics of open quantum networks: exact derivations from model files (docs/derivation-format.md)')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => streams.out(s.replace(/\n$/, '')), writeErr: (s) => streams.err(s.replace(/\n$/, '')) });

  program
    .command('check')
    .description('validate derivation files; prints one OK line per valid file, one error line per invalid file')
    .argument('<files...>', 'derivation files (.yaml)')
    .exitOverride()
    .action((files: string[]) => {
      code = checkFiles(files, io);
    });

  program
    .command('derive')
    .description('run the derivation of each file and write its outputs atomically (nothing is written for a file that fails)')
    .argument('<files...>', 'derivation files (.yaml)')
    .option('-o, --out <dir>', 'output directory', 'reports')
    .option('-f, --format <list>', 'comma-separated output formats: html, tex, json', 'html,tex,json')
    .option('--proof <theorems>', 'write only the proof walkthrough of T1, T2, T3 or T4 (comma-separated, or all) as <name>.proof-T1.html/.tex')
    .option('--no-index', 'do not write index.html (written by default when more than one file is derived)')
    .option('--full-checks', 'also run the Theorem 3–4 numerical checks for 7 to 10 qubits (slow: both checks of a path model measured 12 min at 7 qubits and 1 h 54 min at 8)')
    .exitOverride()
    .action((files: string[], opts: { out: string; format: string; proof?: string; index: boolean; fullChecks?: boolean }) => {
      const progress = createProgress();
      try {
        const proofs = opts.proof !== undefined ? parseProofs(opts.proof) : undefined;
        code = deriveFiles(
          files,
          {
            out: opts.out,
            formats: parseFormats(opts.format),
            ...(proofs ? { proofs, proofOnly: true } : {}),
            ...(opts.index === false ? { index: false } : {}),
            ...(opts.fullChecks ? { fullChecks: true } : {}),
            onProgress: progress.onProgress,
          },
          io,
        );
      } catch (e) {
        code = reportError(e, io);
      } finally {
        progress.stop();
      }
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; usage mistakes (already printed by commander) are user errors.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e, io);
  }
  return code;
}
