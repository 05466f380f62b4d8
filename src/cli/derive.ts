import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { UserError } from '../core/errors.ts';
import { loadModel } from './load-model.ts';
import type { NetworkModel } from '../model/network.ts';
import { keyFigureIds } from '../report/derivation-document.ts';
import type { DerivationDocument } from '../report/document.ts';
import { renderDocumentHtml, SHARED_KATEX_STYLESHEET, type HtmlPageOptions } from '../report/html.ts';
import { katexStylesheetWithEmbeddedFonts } from '../report/katex.ts';
import { renderDocumentLatex } from '../report/latex.ts';
import { indexEntryForDocument, renderIndexPage, type ReportIndexEntry } from '../report/index-page.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import { writeFilesAtomically, type OutputFile } from './atomic-write.ts';
import { combineExitCodes, reportError, type CliIO } from './io.ts';
import type { DeriveCommandOptions } from './command-line.ts';
import { assertWritableOutputDir, removeStaleTemps } from './output-dir.ts';
import { explorerOutputs } from './explorer.ts';
import { createProgress } from './progress.ts';
import { assertFullChecksPossible } from '../derivation/check-plan.ts';
import { derive, GENERATOR, type DerivationResult } from '../api/derive.ts';
import type { SimulationProgress } from '../simulate/simulate.ts';

export type OutputFormat = 'json' | 'html' | 'tex';
const KNOWN_FORMATS: readonly OutputFormat[] = ['html', 'tex', 'json'];
const THEOREMS: readonly TheoremKey[] = ['T1', 'T2', 'T3', 'T4'];

export { GENERATOR };

export interface DeriveFilesOptions {
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
  /** Also write the interactive explorer (explorer.html and its assets) offering every derived file (`--explorer`). */
  explorer?: boolean;
  /** Run the Theorem 3–4 checks for n = 7…10 too (`--full-checks`; see coherentCheckPlan). */
  fullChecks?: boolean;
  /**
   * Inline KaTeX's stylesheet and fonts into every HTML page (`--self-contained`). Default: written
   * once as `assets/katex.css` beside the pages, which link it.
   */
  selfContained?: boolean;
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

/** How the HTML pages of a run get KaTeX's stylesheet. */
function pageOptions(selfContained: boolean | undefined): HtmlPageOptions {
  return { katexStylesheet: selfContained ? 'embedded' : 'linked' };
}

function renderDocument(name: string, doc: DerivationDocument, formats: readonly OutputFormat[], page: HtmlPageOptions): OutputFile[] {
  const out: OutputFile[] = [];
  if (formats.includes('html')) out.push({ name: `${name}.html`, content: renderDocumentHtml(doc, page) });
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
export function deriveOutputs(d: DerivedModel, formats: readonly OutputFormat[], walkthroughs: readonly Walkthrough[], page: HtmlPageOptions = {}): OutputFile[] {
  const outputs: OutputFile[] = [];
  const name = d.model.name;
  if (formats.includes('json')) outputs.push({ name: `${name}.json`, content: d.result.toJSON() });
  outputs.push(...renderDocument(name, d.document, formats, page));
  for (const w of walkthroughs) outputs.push(...renderDocument(`${name}.proof-${w.theorem}`, w.document, formats.filter((f) => f !== 'json'), page));
  return outputs;
}

const NOT_CHECKED = 'the theorem was not checked (it does not apply, or its constants are not derived)';

/**
 * `qblend derive` from the command line: parses the formats and theorems (a mistake is a user
 * error before any work), then runs `deriveFiles` with a progress bar on a terminal, or, for several
 * files and `jobs` > 1, `deriveFilesInParallel`.
 */
export function deriveCommand(files: readonly string[], options: DeriveCommandOptions, io: CliIO): number;
export function deriveCommand(files: readonly string[], options: DeriveCommandOptions, io: CliIO, parallel: true): number | Promise<number>;
export function deriveCommand(files: readonly string[], options: DeriveCommandOptions, io: CliIO, parallel = false): number | Promise<number> {
  const formats = parseFormats(options.format);
  const proofs = options.proof !== undefined ? parseProofs(options.proof) : undefined;
  const jobs = parseJobs(options.jobs, files.length);
  const progress = createProgress();
  const deriveOptions: DeriveFilesOptions = {
    out: options.out,
    formats,
    ...(proofs ? { proofs } : {}),
    ...(options.index === false ? { index: false } : {}),
    ...(options.fullChecks ? { fullChecks: true } : {}),
    ...(options.explorer ? { explorer: true } : {}),
    ...(options.selfContained ? { selfContained: true } : {}),
    onProgress: progress.onProgress,
  };
  if (parallel && jobs > 1 && files.length > 1) return deriveFilesInParallel(files, { ...deriveOptions, jobs }, io).finally(() => progress.stop());
  try {
    return deriveFiles(files, deriveOptions, io);
  } finally {
    progress.stop();
  }
}

/** `--jobs n`: a whole number ≥ 1 (default: one per core, at most one per file). */
export function parseJobs(value: string | undefined, files: number): number {
  if (value === undefined) return Math.max(1, Math.min(availableParallelism(), files));
  if (!/^[1-9][0-9]{0,3}$/.test(value)) throw new UserError(`--jobs must be a whole number from 1 to 9999, not '${value}'`, { field: '--jobs' }, 'give the number of files to derive at once, e.g. --jobs 2');
  return Number(value);
}

/** What deriving one file produced, as plain data (it crosses from a worker thread to the main one). */
export interface FileOutcome {
  readonly file: string;
  /** 0, or the exit code of the error reported in `err`. */
  readonly code: number;
  /** The model's name (null when the file did not load). */
  readonly name: string | null;
  readonly outputs: readonly OutputFile[];
  readonly indexEntry: ReportIndexEntry | null;
  /** Lines for stdout and stderr, printed by the main thread in file order. */
  readonly out: readonly string[];
  readonly err: readonly string[];
}

/** The options of one file's derivation that cross to a worker (no callbacks). */
type FileOptions = Pick<DeriveFilesOptions, 'formats' | 'proofs' | 'fullChecks' | 'selfContained'> & { readonly writeIndex: boolean; readonly debug: boolean };

/**
 * Derives one file in memory: load, derive, choose the walkthroughs, render every output and the
 * index entry. Nothing touches the disk; errors become lines of `err` and an exit code.
 */
export function deriveFileOutputs(file: string, options: FileOptions, hooks: Pick<DeriveFilesOptions, 'onProgress' | 'onDerived'> = {}): FileOutcome {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), debug: options.debug };
  let name: string | null = null;
  try {
    const model = loadModel(file);
    name = model.name;
    // Refused before minutes of derivation, not when the checks are reached.
    if (options.fullChecks) assertFullChecksPossible(model.qubits);
    const d = deriveModel(model, hooks.onProgress, options.fullChecks ?? false);
    const proofs = chooseWalkthroughs(file, d, options.proofs ?? 'auto', options.writeIndex, io);
    const walkthroughs = buildWalkthroughs(d, proofs);
    const outputs = deriveOutputs(d, options.formats, walkthroughs, pageOptions(options.selfContained));
    hooks.onDerived?.(d, walkthroughs.map((w) => w.document));
    let indexEntry: ReportIndexEntry | null = null;
    if (options.writeIndex) {
      const entry = indexEntryForDocument(d.document, { basename: model.name, keyFigureIds: keyFigureIds(d.document) });
      const formats = entry.otherFormats.filter((f) => options.formats.includes(f.href.endsWith('.tex') ? 'tex' : 'json'));
      const links = proofs.map((t) => ({ label: `Proof walkthrough ${t}`, href: `${model.name}.proof-${t}.html` }));
      indexEntry = { ...entry, otherFormats: [...formats, ...links] };
    }
    return { file, code: 0, name, outputs, indexEntry, out, err };
  } catch (e) {
    return { file, code: reportError(e, io, file), name, outputs: [], indexEntry: null, out, err };
  }
}

/** The walkthroughs to write for a derived file (see `DeriveFilesOptions.proofs`). */
function chooseWalkthroughs(file: string, d: DerivedModel, proofsOption: NonNullable<DeriveFilesOptions['proofs']>, writeIndex: boolean, io: CliIO): TheoremKey[] {
  const checked = d.result.checkedTheorems;
  const name = d.model.name;
  if (proofsOption === 'auto') {
    // One walkthrough per part of the paper: the first checked theorem of §4 (T1/T2) and of §5 (T3/T4).
    const first = (group: readonly TheoremKey[]) => checked.filter((t) => group.includes(t)).slice(0, 1);
    return writeIndex ? [...first(['T1', 'T2']), ...first(['T3', 'T4'])] : [];
  }
  if (proofsOption === 'all') {
    const skipped = THEOREMS.filter((t) => !checked.includes(t));
    if (skipped.length > 0) io.out(`${file}: no proof walkthrough of ${skipped.join(', ')} for model '${name}': ${NOT_CHECKED}`);
    return THEOREMS.filter((t) => checked.includes(t));
  }
  const missing = proofsOption.filter((t) => !checked.includes(t));
  if (missing.length > 0) {
    throw new UserError(
      `no proof walkthrough of ${missing.join(', ')} for model '${name}': ${NOT_CHECKED}`,
      { file, field: '--proof' },
      checked.length ? `this model has ${checked.join(', ')}` : 'this model has no checked theorem',
    );
  }
  return [...proofsOption];
}

/**
 * Writes what one file produced, in file order: its lines, then (unless an earlier file has the same
 * model name, which would overwrite outputs) its files, atomically. Returns the file's exit code.
 */
class OutcomeWriter {
  private readonly seen = new Map<string, string>();
  readonly entries: ReportIndexEntry[] = [];
  readonly codes: number[] = [];
  /** The files whose outputs were written (the explorer offers them). */
  readonly derived: string[] = [];
  private stylesheetWritten = false;

  constructor(private readonly out: string, private readonly io: CliIO, private readonly selfContained: boolean) {}

  write(o: FileOutcome): void {
    for (const l of o.out) this.io.out(l);
    for (const l of o.err) this.io.err(l);
    if (o.code !== 0) {
      this.codes.push(o.code);
      return;
    }
    try {
      const earlier = o.name === null ? undefined : this.seen.get(o.name);
      if (earlier !== undefined) {
        throw new UserError(`model name '${o.name}' is also used by ${earlier}; their outputs would overwrite each other`, { file: o.file, field: 'name' }, 'give each model a distinct name');
      }
      if (o.name !== null) this.seen.set(o.name, o.file);
      // The shared KaTeX stylesheet goes with the first pages that link it, atomically with them.
      const linksStylesheet = !this.selfContained && !this.stylesheetWritten && o.outputs.some((f) => f.name.endsWith('.html'));
      const stylesheet = linksStylesheet ? [{ name: SHARED_KATEX_STYLESHEET, content: katexStylesheetWithEmbeddedFonts() }] : [];
      const written = writeFilesAtomically(this.out, [...o.outputs, ...stylesheet]);
      if (linksStylesheet) this.stylesheetWritten = true;
      if (o.indexEntry) this.entries.push(o.indexEntry);
      this.derived.push(o.file);
      this.io.out(`derived ${o.file} → ${written.join(', ')}`);
      this.codes.push(0);
    } catch (e) {
      this.codes.push(reportError(e, this.io, o.file));
    }
  }

  /**
   * Writes the explorer (when asked and any file was derived), then the index (when asked and any
   * report was written; it links the explorer when there is one), and returns the combined exit code.
   */
  finish(writeIndex: boolean, explorer = false): number {
    let explorerHref: string | undefined;
    if (explorer && this.derived.length > 0) {
      try {
        // The page links assets/katex.css; it is written here unless the reports already wrote it.
        const written = writeFilesAtomically(this.out, explorerOutputs(this.derived, { stylesheet: !this.stylesheetWritten }));
        this.stylesheetWritten = true;
        this.io.out(`explorer → ${written.join(', ')}`);
        explorerHref = 'explorer.html';
      } catch (e) {
        this.codes.push(reportError(e, this.io));
      }
    }
    if (writeIndex && this.entries.length > 0) {
      try {
        const written = writeFilesAtomically(this.out, [{ name: 'index.html', content: renderIndexPage(this.entries, { generator: GENERATOR, explorerHref, ...pageOptions(this.selfContained) }) }]);
        this.io.out(`index → ${written.join(', ')}`);
      } catch (e) {
        this.codes.push(reportError(e, this.io));
      }
    }
    return combineExitCodes(this.codes);
  }
}

/** An unusable --out is one line at once, not an error after the work; temporaries of interrupted runs go. */
function prepareOutputDir(out: string, io: CliIO): number {
  try {
    assertWritableOutputDir(out);
    removeStaleTemps(out);
    return 0;
  } catch (e) {
    return reportError(e, io);
  }
}

function fileOptions(files: readonly string[], options: DeriveFilesOptions, io: CliIO): FileOptions {
  const writeIndex = options.index ?? (files.length > 1 && options.formats.includes('html'));
  return { formats: options.formats, proofs: options.proofs, fullChecks: options.fullChecks, selfContained: options.selfContained, writeIndex, debug: io.debug };
}

/**
 * `qblend derive FILE… --out DIR --format … [--proof T…]`: for each file, the whole derivation runs
 * in memory, then its outputs are written atomically; a file that fails leaves nothing behind. Two
 * files with the same model name would overwrite each other's outputs, which is an error for the
 * second. With more than one file (and html) an `index.html` linking every report is written too.
 */
export function deriveFiles(files: readonly string[], options: DeriveFilesOptions, io: CliIO): number {
  const ready = prepareOutputDir(options.out, io);
  if (ready !== 0) return ready;
  const perFile = fileOptions(files, options, io);
  const writer = new OutcomeWriter(options.out, io, options.selfContained ?? false);
  for (const file of files) writer.write(deriveFileOutputs(file, perFile, options));
  return writer.finish(perFile.writeIndex, options.explorer);
}

/** Marks a worker thread of `deriveFilesInParallel`. */
const WORKER_KIND = 'qblend-derive-worker';

/**
 * `deriveFiles` with up to `jobs` files derived at once, each on a worker thread running
 * `deriveFileOutputs`; the main thread writes the outcomes in file order, so the files written, the
 * messages and the exit code are those of the sequential run. Progress is per file.
 */
export async function deriveFilesInParallel(files: readonly string[], options: DeriveFilesOptions & { jobs: number }, io: CliIO): Promise<number> {
  const ready = prepareOutputDir(options.out, io);
  if (ready !== 0) return ready;
  const perFile = fileOptions(files, options, io);
  const writer = new OutcomeWriter(options.out, io, options.selfContained ?? false);
  const outcomes = new Array<FileOutcome | undefined>(files.length);
  let nextToWrite = 0;
  const flush = () => {
    while (nextToWrite < files.length && outcomes[nextToWrite]) writer.write(outcomes[nextToWrite++]!);
  };
  let nextToStart = 0;
  const workers = Array.from({ length: Math.min(options.jobs, files.length) }, () => startWorker());
  try {
    await Promise.all(workers.map(async (w) => {
      while (nextToStart < files.length) {
        const k = nextToStart++;
        outcomes[k] = await w.derive(files[k], perFile);
        options.onProgress?.({ stage: 'simulate', done: outcomes.filter(Boolean).length, total: files.length, label: `derived ${files[k]}` });
        flush();
      }
    }));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return writer.finish(perFile.writeIndex, options.explorer);
}

/** A worker thread that derives files one at a time. */
function startWorker(): { derive(file: string, options: FileOptions): Promise<FileOutcome>; stop(): Promise<number> } {
  const url = import.meta.url;
  // Under tsx (development) this module is TypeScript: the worker registers tsx's loader first.
  const worker = url.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { kind: WORKER_KIND } })
    : new Worker(new URL(url), { workerData: { kind: WORKER_KIND } });
  let pending: { resolve(o: FileOutcome): void; reject(e: unknown): void } | null = null;
  worker.on('message', (o: FileOutcome) => pending?.resolve(o));
  worker.on('error', (e) => pending?.reject(e));
  worker.on('exit', (code) => pending?.reject(new Error(`derive worker exited with code ${code}`)));
  return {
    derive(file, options) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ file, options });
      });
    },
    stop: () => worker.terminate(),
  };
}

// Inside a worker of `deriveFilesInParallel`: derive each file the main thread sends.
if (!isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) {
  parentPort!.on('message', ({ file, options }: { file: string; options: FileOptions }) => {
    parentPort!.postMessage(deriveFileOutputs(file, options));
  });
}
