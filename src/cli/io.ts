import { escapeControls, UserError } from '../core/errors.ts';

/** Where the CLI writes; tests pass buffers, the entry point passes the process streams. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Print stack traces of unexpected errors. */
  debug: boolean;
}

/**
 * Reports an error and returns its exit code: a `UserError` is one line (its `format()`) and code 2;
 * anything else is a bug, reported in one short line with code 1 (the stack only with --debug).
 */
export function reportError(e: unknown, io: CliIO, file?: string): number {
  if (e instanceof UserError) {
    io.err((file ? e.inFile(file) : e).formatLine());
    return e.exitCode;
  }
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  io.err(oneLine(escapeControls(`qblend: internal error${file ? ` while processing ${file}` : ''}: ${msg}${io.debug ? '' : ' (run with --debug for the stack trace)'}`)));
  if (io.debug && e instanceof Error && e.stack) io.err(e.stack);
  return 1;
}

/** Messages are single lines by contract; a stray newline must not break that. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/** Combines exit codes of several files: an internal error (1) outranks a user error (2). */
export function combineExitCodes(codes: readonly number[]): number {
  if (codes.includes(1)) return 1;
  return codes.find((c) => c !== 0) ?? 0;
}
