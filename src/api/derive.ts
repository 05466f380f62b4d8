/**
 * The library entry point: `derive(model)` computes a model's derivation once and returns it with its
 * renderings — the JSON report (byte for byte what `qblend derive --format json` writes), the document
 * model, self-contained HTML, LaTeX and the proof walkthroughs. Runs in Node and in a browser (no file,
 * process or terminal access: the CLI does those).
 */
import { computeDerivation, checkedTheorems, type Derivation, type DeriveOptions } from '../derivation/derive.ts';
import { deriveFrame, type DerivationFrame, type FrameOptions } from '../derivation/frame.ts';
import type { NetworkModel } from '../model/network.ts';
import type { TheoremKey } from '../theorems/derive-theorems.ts';
import { buildDerivationDocument } from '../report/derivation-document.ts';
import type { DerivationDocument } from '../report/document.ts';
import { renderDocumentHtml } from '../report/html.ts';
import { derivationJson, derivationJsonText } from '../report/json.ts';
import { renderDocumentLatex } from '../report/latex.ts';
import { buildProofWalkthrough } from '../report/proof-walkthrough.ts';

/** Program name and version printed in every document's colophon (no timestamps: reproducible). */
export const GENERATOR = 'qblend 0.1.0';

/** A derivation with its renderings; each rendering is built on first use from the one derivation. */
export interface DerivationResult extends Derivation {
  /** The JSON report as text: the exact bytes `qblend derive --format json` writes. */
  toJSON(): string;
  /** The JSON report as a plain object (schemaVersion 5, docs/json-schema.md). */
  toJsonValue(): Record<string, unknown>;
  /** The report's document model (sections, tables, figures), shared by the HTML and LaTeX renderers. */
  document(): DerivationDocument;
  /** The report as one self-contained HTML page (KaTeX and its fonts inlined, SVG figures). */
  toHtml(): string;
  /** The report as LaTeX (compiles with pdflatex, standard packages). */
  toLatex(): string;
  /** The theorems checked numerically, those that have a proof walkthrough. */
  readonly checkedTheorems: readonly TheoremKey[];
  /** The proof walkthrough of a checked theorem, or null when it was not checked for this model. */
  proofWalkthrough(theorem: TheoremKey): DerivationDocument | null;
  /**
   * The figures' curves and every checked theorem's bound and proof steps at coupling gain `Kc`
   * (null without a simulation): only the propagations at that K_c run, the rest is this derivation's.
   */
  at(Kc: number, options?: FrameOptions): DerivationFrame | null;
}

/**
 * Derives everything for a model (parse it with `parseModel` first): §4, §5, Theorems
 * 1–4, the simulation of eqs. 4, 5, 6, 17 and the theorem checks, computed once.
 * @example derive(parseModel('name: two\nqubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|", "|1><1|"]}\nstudy: {Kc: [10], time: {end: 1, steps: 3}}\n')).reduced.separability.separable // => true
 */
export function derive(model: NetworkModel, options: DeriveOptions = {}): DerivationResult {
  const d = computeDerivation(model, options);
  const report = { generator: GENERATOR };
  let doc: DerivationDocument | null = null;
  const document = (): DerivationDocument => (doc ??= buildDerivationDocument(d, report));
  const walkthroughs = new Map<TheoremKey, DerivationDocument | null>();
  return {
    ...d,
    toJSON: () => derivationJsonText(d),
    toJsonValue: () => derivationJson(d),
    document,
    toHtml: () => renderDocumentHtml(document()),
    toLatex: () => renderDocumentLatex(document()),
    checkedTheorems: checkedTheorems(d),
    proofWalkthrough: (theorem) => {
      if (!walkthroughs.has(theorem)) walkthroughs.set(theorem, buildProofWalkthrough(d, theorem, report));
      return walkthroughs.get(theorem)!;
    },
    at: (Kc, frameOptions) => deriveFrame(d, Kc, frameOptions),
  };
}
