/**
 * User-facing errors. Anything a user can cause with a model file or a command line is a
 * `UserError`: the CLI prints its one-line message and exits with code 2, never a stack trace.
 * Programming errors (broken invariants) stay ordinary `Error`s.
 */

/**
 * Control characters (C0 but newline and tab, DEL, C1) and the bidirectional overrides, which a
 * model file could use to send escape sequences to the user's terminal through a message.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with each control character written as `\u{…}` (hexadecimal), so that user-supplied text
 * echoed in a message is shown, never interpreted by the terminal.
 * @example escapeControls('a\u001b[31mb\u0000') // => 'a\\u{1b}[31mb\\u{0}'
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
}

/** Where in a derivation file a problem sits. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string;
  /** Dotted path of the field, e.g. `lindblad[1].rate`. */
  field?: string;
  line?: number;
  column?: number;
}

export class UserError extends Error {
  readonly location: SourceLocation;
  /** What the user should do about it. */
  readonly hint?: string;
  /** Exit code of the CLI for this error. */
  readonly exitCode = 2;

  constructor(message: string, location: SourceLocation = {}, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.location = location;
    this.hint = hint;
  }

  /** One line: `file:line:col: field: message (hint)`, control characters escaped (`escapeControls`). */
  format(): string {
    const { file, field, line, column } = this.location;
    let where = file ?? '';
    if (line !== undefined) where += `${where ? ':' : ''}${line}${column !== undefined ? `:${column}` : ''}`;
    const prefix = [where, field].filter((s) => s && s.length > 0).join(': ');
    const body = this.hint ? `${this.message} — ${this.hint}` : this.message;
    return escapeControls(prefix ? `${prefix}: ${body}` : body);
  }

  /** `format()` on one line even when a message or hint has a newline (what the CLI prints). */
  formatLine(): string {
    return this.format().replace(/\s*\n\s*/g, ' ');
  }

  /** A copy of this error that also names the file (used when errors bubble up from parsing). */
  inFile(file: string): UserError {
    if (this.location.file) return this;
    const e = new UserError(this.message, { ...this.location, file }, this.hint);
    return e;
  }
}

/** A model is too large for the requested method; the message names the size and the alternative. */
export class ModelTooLarge extends UserError {
  constructor(message: string, location: SourceLocation = {}, hint?: string) {
    super(message, location, hint);
    this.name = 'ModelTooLarge';
  }
}

/** Operands live on different spaces (QuantumOptics.jl's `IncompatibleBases`). Nothing broadcasts. */
export class IncompatibleSpaces extends Error {
  constructor(what: string) {
    super(`incompatible spaces: ${what}`);
    this.name = 'IncompatibleSpaces';
  }
}

/** Data of the wrong length for its declared shape. */
export class DimensionMismatch extends Error {
  constructor(expected: string, got: string | number) {
    super(`dimension mismatch: expected ${expected}, got ${got}`);
    this.name = 'DimensionMismatch';
  }
}

/** A warning that does not stop a derivation (e.g. a disconnected graph); reports list them. */
export interface Warning {
  message: string;
  location: SourceLocation;
}
