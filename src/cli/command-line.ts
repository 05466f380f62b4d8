/**
 * The qblend command line: commands, options and help, parsed into a `CliJob` without loading any
 * command's modules. The entry point (cli/main.ts) then imports the one command it runs, so `--help`
 * and a usage error cost commander and this file only; `runCli` (cli/program.ts) runs the same job
 * in the caller's process for tests.
 */
import { Command, CommanderError } from 'commander';
import { reportError, type CliIO } from './io.ts';

/** Options of `qblend derive` as given on the command line (validated by the command). */
export interface DeriveCommandOptions {
  out: string;
  format: string;
  proof?: string;
  index: boolean;
  fullChecks?: boolean;
  /** Also write the interactive explorer (`--explorer`). */
  explorer?: boolean;
  /** Inline KaTeX's stylesheet and fonts into every HTML page instead of writing assets/katex.css once. */
  selfContained?: boolean;
  /** Files derived at once, each on its own worker thread (`--jobs`; default: the cores, at most the files). */
  jobs?: string;
}

/** Options of `qblend export` as given on the command line (validated by the command). */
export interface ExportCommandLineOptions {
  to: string;
  out?: string;
}

/** What the command line asks for; `io` carries the streams and `--debug`. */
export type CliJob =
  | { readonly command: 'check'; readonly files: string[]; readonly io: CliIO }
  | { readonly command: 'export'; readonly file: string; readonly options: ExportCommandLineOptions; readonly io: CliIO }
  | { readonly command: 'derive'; readonly files: string[]; readonly options: DeriveCommandOptions; readonly io: CliIO };

/** Runs a command, an escaped (internal) error reported as exit code 1. */
export function runGuarded(io: CliIO, command: () => number): number {
  try {
    return command();
  } catch (e) {
    return reportError(e, io);
  }
}

/**
 * Parses `argv` (without `node` and the script). Returns the job to run, or an exit code when
 * there is nothing to run: 0 after `--help`, 2 after a usage mistake (commander printed one line).
 */
export function parseCommandLine(argv: readonly string[], streams: { out(s: string): void; err(s: string): void }): CliJob | number {
  const io: CliIO = { out: streams.out, err: streams.err, debug: argv.includes('--debug') };
  let job: CliJob | undefined;
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
      job = { command: 'check', files, io };
    });

  program
    .command('derive')
    .description('run the derivation of each file and write its outputs atomically (nothing is written for a file that fails)')
    .argument('<files...>', 'derivation files (.yaml)')
    .option('-o, --out <dir>', 'output directory (checked before any work: it must be, or be creatable as, a writable directory)', 'reports')
    .option('-f, --format <list>', 'comma-separated output formats: html, tex, json', 'html,tex,json')
    .option('--proof <theorems>', 'also write the proof walkthroughs of T1, T2, T3, T4 (comma-separated; a theorem that does not apply is an error) or all (every one that applies; the others are listed) as <name>.proof-T1.html/.tex, from the same derivation')
    .option('--no-index', 'do not write index.html (written by default when more than one file is derived)')
    .option('--explorer', 'also write explorer.html and its assets: the engine in the browser, offline, with a live K_c slider, offering every derived file')
    .option('--full-checks', 'also run the Theorem 3–4 numerical checks for 7 to 10 qubits (slow: minutes at 7 qubits, hours at 8; see docs/BENCHMARKS.md)')
    .option('--self-contained', 'inline KaTeX\'s stylesheet and fonts (about 370 KB) into every HTML page; by default they are written once as assets/katex.css beside the pages, which link it')
    .option('-j, --jobs <n>', 'derive up to n files at once, each on its own worker thread (default: one per core; outputs and messages are the same as with 1)')
    .exitOverride()
    .action((files: string[], options: DeriveCommandOptions) => {
      job = { command: 'derive', files, options, io };
    });

  program
    .command('export')
    .description('write a standalone script that solves the model with another program (docs/qutip-export.md): qutip, a Python script that runs qutip.mesolve on the study grid and prints the curves of the JSON report')
    .argument('<file>', 'derivation file (.yaml)')
    .requiredOption('--to <format>', 'what to export to: qutip')
    .option('-o, --out <dir>', 'write <name>.qutip.py into this directory (atomically) instead of standard output')
    .exitOverride()
    .action((file: string, options: ExportCommandLineOptions) => {
      job = { command: 'export', file, options, io };
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
  return job ?? 0;
}
