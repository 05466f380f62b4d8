/**
 * Messages between the explorer page (`ui.ts`, the main thread) and its engine (`worker.ts`, a Web
 * Worker). The worker derives and renders; the page only places what it receives, so the page stays
 * responsive while a derivation or a propagation runs. Every HTML string here is built by the worker
 * from the derivation (KaTeX, SVG, escaped text), never from the page's input.
 */
import type { TheoremKey } from '../theorems/derive-theorems.ts';

/** The K_c slider's range, log scale: 10^KC_LOG_MIN … 10^KC_LOG_MAX = 0.1 … 10⁴ (issue 23). */
export const KC_LOG_MIN = -1;
export const KC_LOG_MAX = 4;

/** Page → worker. `id` orders requests: a reply to an older request than the newest of its kind is dropped. */
export type ExplorerRequest =
  | { readonly type: 'load'; readonly id: number; readonly file: string; readonly text: string; readonly eta: string | null }
  | {
    readonly type: 'frame'; readonly id: number; readonly Kc: number; readonly tEnd: number;
    readonly theorem: TheoremKey | null; readonly step: number;
  };

/** A derivation file offered in the page's model menu. */
export interface ExplorerModelSource {
  /** Path as shown and as named in error messages, e.g. `derivations/example-1.yaml`. */
  readonly file: string;
  readonly text: string;
}

/** One theorem's thresholds on the K_c axis (K_c*′ for Theorems 1–2 only; K_c,emp when bisected). */
export interface ThresholdRow {
  readonly theorem: TheoremKey;
  readonly title: string;
  readonly KcStar: number;
  readonly KcStarPrime: number | null;
  readonly KcEmpirical: number | null;
}

/** What the page shows once per model. */
export interface ExplorerSummary {
  readonly file: string;
  readonly name: string;
  readonly title: string;
  readonly n: number;
  /** η as the theorems use it (the study's primary η), or null. */
  readonly eta: number | null;
  readonly etaText: string | null;
  /** The study's time end (the default window). */
  readonly tEnd: number;
  /** A K_c to start at: the study's first gain. */
  readonly Kc: number;
  /** The exact objects (𝓛̄, ρ_r, μ, λ_m(Q), Proj(A_d)) typeset with KaTeX, computed once. */
  readonly exactHtml: string;
  readonly thresholds: readonly ThresholdRow[];
  /** The same as a table (HTML). */
  readonly thresholdsHtml: string;
  /** The checked theorems and their proof steps (labels as HTML). */
  readonly proofs: readonly { readonly theorem: TheoremKey; readonly title: string; readonly steps: readonly string[] }[];
  /** Sentences about speed and omissions for this model (HTML). */
  readonly notesHtml: string;
  readonly deriveMs: number;
}

/** Worker → page. */
export type ExplorerReply =
  | { readonly type: 'progress'; readonly id: number; readonly label: string; readonly fraction: number }
  | { readonly type: 'loaded'; readonly id: number; readonly summary: ExplorerSummary }
  | { readonly type: 'error'; readonly id: number; readonly request: 'load' | 'frame'; readonly message: string; readonly line: number | null; readonly column: number | null }
  | { readonly type: 'curves'; readonly id: number; readonly Kc: number; readonly figures: readonly { readonly id: string; readonly titleHtml: string; readonly svg: string }[]; readonly valuesHtml: string; readonly ms: number }
  | {
    readonly type: 'theorems'; readonly id: number; readonly Kc: number;
    /** The K_c axis with the thresholds, the current K_c and each bound's verdict at it (SVG). */
    readonly axisSvg: string;
    readonly verdicts: readonly { readonly theorem: TheoremKey; readonly holds: boolean; readonly worst: number; readonly eta: number }[];
    /** The chosen proof step at this K_c (HTML with KaTeX and an SVG plot). */
    readonly stepHtml: string;
    readonly ms: number;
  };

/** One timing: from the input event that asked for a frame to its curves and its theorems on screen. */
export interface ExplorerTiming {
  readonly Kc: number;
  readonly curvesMs: number;
  readonly theoremsMs: number | null;
}

/** What the page exposes for tests and benchmarks. */
export interface ExplorerHandle {
  /** The model shown (its file), null before the first derive. */
  model: string | null;
  /** K_c of the curves and of the theorems on screen. */
  curvesKc: number | null;
  theoremsKc: number | null;
  /** Time from opening the page (or from choosing a model) to its first curves and theorems. */
  loadMs: number | null;
  /** The engine's time for the derivation of the model shown (parse to checks, in the worker). */
  deriveMs: number | null;
  timings: ExplorerTiming[];
  /** Last error shown (the CLI's line), or ''. */
  error: string;
  /** Whether the engine is working. */
  busy: boolean;
}
