import { UserError } from '../core/errors.ts';
import { qutipScript } from '../api/qutip-export.ts';
import { writeFilesAtomically } from './atomic-write.ts';
import type { ExportCommandLineOptions } from './command-line.ts';
import { reportError, type CliIO } from './io.ts';
import { loadModel } from './load-model.ts';
import { assertWritableOutputDir, removeStaleTemps } from './output-dir.ts';

/** The formats `qblend export` writes. */
export const EXPORT_FORMATS = ['qutip'] as const;

/**
 * `qblend export FILE --to qutip [--out DIR]`: the standalone QuTiP script of a model
 * (docs/qutip-export.md) on standard output, or written atomically into DIR as `<name>.qutip.py`.
 * Exit code: 0 written, 2 a user error (bad file, unknown format, unusable DIR), 1 an internal error.
 */
export function exportCommand(file: string, options: ExportCommandLineOptions, io: CliIO): number {
  try {
    if (!(EXPORT_FORMATS as readonly string[]).includes(options.to)) {
      throw new UserError(`unknown export format '${options.to}'`, { field: '--to' }, `use one of: ${EXPORT_FORMATS.join(', ')}`);
    }
    // An unusable --out is one line before any work.
    if (options.out !== undefined) {
      assertWritableOutputDir(options.out);
      removeStaleTemps(options.out);
    }
  } catch (e) {
    return reportError(e, io);
  }
  try {
    const model = loadModel(file);
    const script = qutipScript(model);
    if (options.out === undefined) {
      io.out(script.replace(/\n$/, ''));
      return 0;
    }
    const written = writeFilesAtomically(options.out, [{ name: `${model.name}.qutip.py`, content: script }]);
    io.out(`exported ${file} → ${written.join(', ')}`);
    return 0;
  } catch (e) {
    return reportError(e, io, file);
  }
}
