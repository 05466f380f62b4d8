/**
 * Entry point of the qblend command line (run with tsx: `npx tsx src/cli.ts --help`).
 * Everything lives in src/cli/; this file only connects the process streams and the exit code.
 */
import { runCli } from './cli/program.ts';

process.exitCode = runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
