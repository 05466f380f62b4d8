/**
 * Entry point of the qblend command line (`npm run qblend -- --help` runs it with tsx; the `qblend`
 * bin runs its build, dist/cli.js). Everything lives in src/cli/; this file only connects the
 * process streams and the exit code.
 */
import { main } from './cli/main.ts';

process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
