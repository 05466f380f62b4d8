import { UserError } from '../core/errors.ts';
import { loadModel } from '../model/parse.ts';
import { modelJson } from '../model/model-json.ts';
import type { NetworkModel } from '../model/network.ts';
import { writeFilesAtomically, type OutputFile } from './atomic-write.ts';
import { combineExitCodes, reportError, type CliIO } from './io.ts';

export type OutputFormat = 'json' | 'html' | 'tex';
const KNOWN_FORMATS: readonly OutputFormat[] = ['json', 'html', 'tex'];
/** Formats this build can write; html and tex arrive with the report stage. */
const AVAILABLE_FORMATS: readonly OutputFormat[] = ['json'];

export interface DeriveOptions {
  out: string;
  formats: readonly OutputFormat[];
}

/** Parses `--format html,tex,json`. */
export function parseFormats(list: string): OutputFormat[] {
  const formats = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (formats.length === 0) throw new UserError('--format needs at least one format', { field: '--format' }, `choose from ${KNOWN_FORMATS.join(', ')}`);
  for (const f of formats) {
    if (!KNOWN_FORMATS.includes(f as OutputFormat)) {
      throw new UserError(`unknown format '${f}'`, { field: '--format' }, `choose from ${KNOWN_FORMATS.join(', ')}`);
    }
    if (!AVAILABLE_FORMATS.includes(f as OutputFormat)) {
      throw new UserError(`format '${f}' is not available in this build yet (the report stage adds it)`, { field: '--format' }, `use ${AVAILABLE_FORMATS.join(', ')}`);
    }
  }
  return [...new Set(formats)] as OutputFormat[];
}

/**
 * Deterministic, readable JSON: two-space indentation, with each complex pair [re, im] kept on one
 * line (numbers print as JavaScript's shortest round-trip form, identical across runs).
 */
export function stringifyJson(data: unknown): string {
  const text = JSON.stringify(data, null, 2);
  return `${text.replace(/\[\s+(-?[0-9.eE+-]+),\s+(-?[0-9.eE+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

/** Every output of one model, built in memory; nothing touches the disk until all succeeded. */
export function deriveOutputs(model: NetworkModel, formats: readonly OutputFormat[]): OutputFile[] {
  const outputs: OutputFile[] = [];
  for (const f of formats) {
    if (f === 'json') outputs.push({ name: `${model.name}.json`, content: stringifyJson(modelJson(model)) });
  }
  return outputs;
}

/**
 * `qblend derive FILE… --out DIR --format …`: for each file, the whole derivation runs in memory,
 * then its outputs are written atomically; a file that fails leaves nothing behind. Two files with
 * the same model name would overwrite each other's outputs, which is an error for the second.
 */
export function deriveFiles(files: readonly string[], options: DeriveOptions, io: CliIO): number {
  const seen = new Map<string, string>();
  const codes = files.map((file) => {
    try {
      const model = loadModel(file);
      const earlier = seen.get(model.name);
      if (earlier !== undefined) {
        throw new UserError(`model name '${model.name}' is also used by ${earlier}; their outputs would overwrite each other`, { file, field: 'name' }, 'give each model a distinct name');
      }
      seen.set(model.name, file);
      const outputs = deriveOutputs(model, options.formats);
      const written = writeFilesAtomically(options.out, outputs);
      io.out(`derived ${file} → ${written.join(', ')}`);
      return 0;
    } catch (e) {
      return reportError(e, io, file);
    }
  });
  return combineExitCodes(codes);
}
