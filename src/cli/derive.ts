import { UserError } from '../core/errors.ts';
import { loadModel } from './load-model.ts';
import type { NetworkModel } from '../model/network.ts';
import { keyFigureIds } from '../report/derivation-document.ts';
import type { DerivationDocument } from '../report/document.ts';
import { renderDocumentHtml } from '../report/html.ts';
import { renderDocumentLatex } from '../report/latex.ts';
import { indexEntryForDocument, renderIndexPage, type ReportIndexEntry } from '../report/index-page.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import { writeFilesAtomically, type OutputFile } from './atomic-write.ts';
import { combineExitCodes, reportError, type CliIO } from './io.ts';
import type { DeriveCommandOptions } from './command-line.ts';
import { assertWritableOutputDir, removeStaleTemps } from './output-dir.ts';
import { createProgress } from './progress.ts';
import { assertFullChecksPossible } from '../derivation/check-plan.ts';
import { derive, GENERATOR, type DerivationResult } from '../api/derive.ts';
import type { SimulationProgress } from '../simulate/simulate.ts';

export type OutputFormat = 'json' | 'html' | 'tex';
const KNOWN_FORMATS: readonly OutputFormat[] = ['html', 'tex', 'json'];
const THEOREMS: readonly TheoremKey[] = ['T1', 'T2', 'T3', 'T4'];

export { GENERATOR };

export interface DeriveOptions {
  out: string;
  formats: readonly OutputFormat[];
  /**
   * Proof walkthroughs to write beside the reports, from the same derivation: explicit theorems (a
   * theorem that was not checked for a file is a user error for that file), 'all' (every checked
   * theorem; one line lists the others), or 'auto' (when an index is written: the first checked
   * theorem of §4 and of §5 of each model; none otherwise).
   */
  proofs?: readonly TheoremKey[] | 'all' | 'auto';
  /** Write `index.html` (default: when more than one file is derived and html is a format). */
  index?: boolean;
  /** Run the Theorem 3–4 checks for n = 7…10 too (`--full-checks`; see coherentCheckPlan). */
  fullChecks?: boolean;
  /** Progress callback (the CLI passes a bar on a TTY). */
  onProgress?: (p: SimulationProgress) => void;
  /** Called with each derived model and its documents (tests inspect them). */
  onDerived?: (d: DerivedModel, walkthroughs: readonly DerivationDocument[]) => void;
}

/** Parses `--format html,tex,json`. */
export function parseFormats(list: string): OutputFormat[] {
  const formats = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (formats.length === 0) throw new UserError('--format needs at least one format', { field: '--format' }, `choose from ${KNOWN_FORMATS.join(', ')}`);
  for (const f of formats) {
    if (!KNOWN_FORMATS.includes(f as OutputFormat)) {
      throw new UserError(`unknown format '${f}'`, { field: '--format' }, `choose from ${KNOWN_FORMATS.join(', ')}`);
    }
  }
  return [...new Set(formats)] as OutputFormat[];
}

/** Parses `--proof T1,T3` (or `all`). */
export function parseProofs(list: string): TheoremKey[] | 'all' {
  const items = list.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0);
  if (items.length === 1 && items[0] === 'ALL') return 'all';
  if (items.length === 0) throw new UserError('--proof needs a theorem', { field: '--proof' }, 'use T1, T2, T3, T4 or all');
  for (const t of items) {
    if (!THEOREMS.includes(t as TheoremKey)) throw new UserError(`unknown theorem '${t}'`, { field: '--proof' }, 'use T1, T2, T3, T4 or all');
  }
  return [...new Set(items)] as TheoremKey[];
}

/** One derived model: its derivation (with its renderings) and its document. */
export interface DerivedModel {
  readonly model: NetworkModel;
  readonly result: DerivationResult;
  readonly document: DerivationDocument;
}

/** Runs the derivation of a model (the library's `derive`) and composes its document (in memory). */
export function deriveModel(model: NetworkModel, onProgress?: (p: SimulationProgress) => void, fullChecks = false): DerivedModel {
  const result = derive(model, { onProgress, fullChecks });
  return { model, result, document: result.document() };
}

function renderDocument(name: string, doc: DerivationDocument, formats: readonly OutputFormat[]): OutputFile[] {
  const out: OutputFile[] = [];
  if (formats.includes('html')) out.push({ name: `${name}.html`, content: renderDocumentHtml(doc) });
  if (formats.includes('tex')) out.push({ name: `${name}.tex`, content: renderDocumentLatex(doc) });
  return out;
}

/** A proof walkthrough of a derived model, built once and rendered into every format. */
export interface Walkthrough {
  readonly theorem: TheoremKey;
  readonly document: DerivationDocument;
}

/** The walkthroughs of `proofs` that exist for a derived model (those of checked theorems). */
export function buildWalkthroughs(d: DerivedModel, proofs: readonly TheoremKey[]): Walkthrough[] {
  return proofs.flatMap((theorem) => {
    const document = d.result.proofWalkthrough(theorem);
    return document ? [{ theorem, document }] : [];
  });
}

/** Every output of one model, built in memory; nothing touches the disk until all succeeded. */
export function deriveOutputs(d: DerivedModel, formats: readonly OutputFormat[], walkthroughs: readonly Walkthrough[]): OutputFile[] {
  const outputs: OutputFile[] = [];
  const name = d.model.name;
  if (formats.includes('json')) outputs.push({ name: `${name}.json`, content: d.result.toJSON() });
  outputs.push(...renderDocument(name, d.document, formats));
  for (const w of walkthroughs) outputs.push(...renderDocument(`${name}.proof-${w.theorem}`, w.document, formats.filter((f) => f !== 'json')));
  return outputs;
}

/** Theorems checked numerically for a derived model (those a walkthrough can show). */
function checkedTheorems(d: DerivedModel): TheoremKey[] {
  return [...d.result.checkedTheorems];
}

const NOT_CHECKED = 'the theorem was not checked (it does not apply, or its constants are not derived)';

/**
 * `qblend derive` from the command line: parses the formats and theorems (a mistake is a user
 * error before any work), then runs `deriveFiles` with a progress bar on a terminal.
 */
export function deriveCommand(files: readonly string[], options: DeriveCommandOptions, io: CliIO): number {
  const formats = parseFormats(options.format);
  const proofs = options.proof !== undefined ? parseProofs(options.proof) : undefined;
  const progress = createProgress();
  try {
    return deriveFiles(
      files,
      {
        out: options.out,
        formats,
        ...(proofs ? { proofs } : {}),
        ...(options.index === false ? { index: false } : {}),
        ...(options.fullChecks ? { fullChecks: true } : {}),
        onProgress: progress.onProgress,
      },
      io,
    );
  } finally {
    progress.stop();
  }
}

/**
 * `qblend derive FILE… --out DIR --format … [--proof T…]`: for each file, the whole derivation runs
 * in memory, then its outputs are written atomically; a file that fails leaves nothing behind. Two
 * files with the same model name would overwrite each other's outputs, which is an error for the
 * second. With more than one file (and html) an `index.html` linking every report is written too.
 */
export function deriveFiles(files: readonly string[], options: DeriveOptions, io: CliIO): number {
  // Before any model is loaded: an unusable --out is one line at once, not an error after the work.
  try {
    assertWritableOutputDir(options.out);
    removeStaleTemps(options.out);
  } catch (e) {
    return reportError(e, io);
  }
  const seen = new Map<string, string>();
  const writeIndex = options.index ?? (files.length > 1 && options.formats.includes('html'));
  const proofsOption = options.proofs ?? 'auto';
  const entries: ReportIndexEntry[] = [];
  const codes = files.map((file) => {
    try {
      const model = loadModel(file);
      const earlier = seen.get(model.name);
      if (earlier !== undefined) {
        throw new UserError(`model name '${model.name}' is also used by ${earlier}; their outputs would overwrite each other`, { file, field: 'name' }, 'give each model a distinct name');
      }
      seen.set(model.name, file);
      // Refused before minutes of derivation, not when the checks are reached.
      if (options.fullChecks) assertFullChecksPossible(model.qubits);
      const d = deriveModel(model, options.onProgress, options.fullChecks ?? false);
      const checked = checkedTheorems(d);
      let proofs: TheoremKey[];
      if (proofsOption === 'auto') {
        // One walkthrough per part of the paper: the first checked theorem of §4 (T1/T2) and of §5 (T3/T4).
        const first = (group: readonly TheoremKey[]) => checked.filter((t) => group.includes(t)).slice(0, 1);
        proofs = writeIndex ? [...first(['T1', 'T2']), ...first(['T3', 'T4'])] : [];
      } else if (proofsOption === 'all') {
        proofs = THEOREMS.filter((t) => checked.includes(t));
        const skipped = THEOREMS.filter((t) => !checked.includes(t));
        if (skipped.length > 0) io.out(`${file}: no proof walkthrough of ${skipped.join(', ')} for model '${model.name}': ${NOT_CHECKED}`);
      } else {
        const missing = proofsOption.filter((t) => !checked.includes(t));
        if (missing.length > 0) {
          throw new UserError(
            `no proof walkthrough of ${missing.join(', ')} for model '${model.name}': ${NOT_CHECKED}`,
            { file, field: '--proof' },
            checked.length ? `this model has ${checked.join(', ')}` : 'this model has no checked theorem',
          );
        }
        proofs = [...proofsOption];
      }
      const walkthroughs = buildWalkthroughs(d, proofs);
      const outputs = deriveOutputs(d, options.formats, walkthroughs);
      options.onDerived?.(d, walkthroughs.map((w) => w.document));
      const written = writeFilesAtomically(options.out, outputs);
      if (writeIndex) {
        const entry = indexEntryForDocument(d.document, { basename: model.name, keyFigureIds: keyFigureIds(d.document) });
        const formats = entry.otherFormats.filter((f) => options.formats.includes(f.href.endsWith('.tex') ? 'tex' : 'json'));
        const walkthroughs = proofs.map((t) => ({ label: `Proof walkthrough ${t}`, href: `${model.name}.proof-${t}.html` }));
        entries.push({ ...entry, otherFormats: [...formats, ...walkthroughs] });
      }
      io.out(`derived ${file} → ${written.join(', ')}`);
      return 0;
    } catch (e) {
      return reportError(e, io, file);
    }
  });
  if (writeIndex && entries.length > 0) {
    try {
      const written = writeFilesAtomically(options.out, [{ name: 'index.html', content: renderIndexPage(entries, { generator: GENERATOR }) }]);
      io.out(`index → ${written.join(', ')}`);
    } catch (e) {
      codes.push(reportError(e, io));
    }
  }
  return combineExitCodes(codes);
}
