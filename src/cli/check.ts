import { escapeControls } from '../core/errors.ts';
import { loadModel } from './load-model.ts';
import type { NetworkModel } from '../model/network.ts';
import { combineExitCodes, reportError, type CliIO } from './io.ts';

/** One line summarizing a valid model. */
export function summary(file: string, m: NetworkModel): string {
  const edges = m.graph.edges.length;
  const channels = m.lindblad.length;
  const params = m.declaredParameters.length > 0 ? `, parameters ${m.declaredParameters.join(', ')}` : '';
  return `OK ${file}: ${m.name} — ${m.qubits} qubit${m.qubits === 1 ? '' : 's'}, ${m.graph.family} graph (${edges} edge${edges === 1 ? '' : 's'}), ${channels} Lindblad channel${channels === 1 ? '' : 's'}, ${m.initial.kind} initial state${params}`;
}

/**
 * `qblend check FILE…`: parses and validates each file independently. A valid file prints one OK line
 * (stdout), then its warnings (stderr) and assumptions (stdout); an invalid file prints its one-line
 * error (stderr). Exit code: 0 all valid, 2 some invalid, 1 an internal error.
 */
export function checkFiles(files: readonly string[], io: CliIO): number {
  const codes = files.map((file) => {
    try {
      const m = loadModel(file);
      io.out(escapeControls(summary(file, m)));
      for (const w of m.warnings) {
        const { line, column, field } = w.location;
        io.err(escapeControls(`${file}${line !== undefined ? `:${line}:${column}` : ''}: ${field ? `${field}: ` : ''}warning: ${w.message}`));
      }
      for (const a of m.assumptions) io.out(escapeControls(`  note: assumes ${a}`));
      return 0;
    } catch (e) {
      return reportError(e, io, file);
    }
  });
  return combineExitCodes(codes);
}
