#!/usr/bin/env node
// Launcher for the installed `qblend` command: runs the compiled CLI (dist/cli.js, built by
// `npm run build`, which `npm ci` runs as `prepare`) in this process, so signals reach the work.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write('qblend: dist/cli.js is missing — run npm run build (npm ci runs it), or npm run qblend -- … to run the sources with tsx\n');
  process.exitCode = 1;
}
