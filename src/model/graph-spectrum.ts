import { Scalar } from '../algebra/scalar.ts';
import { type Graph, type GraphFamily, components, laplacian } from './graph.ts';

/**
 * λ_m(Q), the smallest nonzero eigenvalue of the graph Laplacian Q (paper §2.2; the rate
 * K_c λ_m(Q) at which the diffusive SWAP coupling of eq. 4 contracts the reduced states towards
 * consensus in eq. 24, and the denominator of every K_c* in Theorems 1–2).
 *
 * Closed forms for the named families with a common weight w (spectra of the unweighted
 * Laplacians, scaled by w):
 *   complete K_n: eigenvalues 0, n (×(n−1))                  ⇒ λ_m = n·w
 *   ring C_n:     2 − 2cos(2πk/n), k = 0…n−1                 ⇒ λ_m = 2w(1 − cos(2π/n))
 *   path P_n:     2 − 2cos(πk/n),  k = 0…n−1                 ⇒ λ_m = 2w(1 − cos(π/n))
 *   star S_n:     0, 1 (×(n−2)), n                            ⇒ λ_m = w for n ≥ 3 (2w for n = 2)
 * cos(2π/m) lies in our field Q(i)(√·) exactly for m ∈ {1, 2, 3, 4, 5, 6, 8, 10, 12} (the
 * constructible angles with a square-root-only expression); other n give the closed form as LaTeX and
 * a value labelled numeric. Explicit graphs are solved numerically, labelled: `model` may not import the
 * float layer (ARCHITECTURE.md), so the caller injects a Hermitian eigenvalue routine
 * (`options.eigenvalues`, e.g. numeric/eig.ts `hermitianEig` from the reduced layer).
 * A disconnected graph has more than one zero eigenvalue and the theorems' consensus step (eq. 24,
 * rank Q = n − 1) fails: λ_m is then reported undefined for the theorems' purposes.
 */
export interface LambdaMin {
  /** False when the graph is disconnected or has a single node (no nonzero eigenvalue to use). */
  readonly defined: boolean;
  /** How the value was obtained. */
  readonly kind: 'exact' | 'closed-form-numeric' | 'numeric' | 'undefined';
  readonly exact: Scalar | null;
  /** LaTeX of the value (exact) or of the closed form (closed-form-numeric). */
  readonly latex: string;
  /** Plain-text exact value, when exact. */
  readonly exactText: string | null;
  /** The value as a double (null when symbolic weights have no values). */
  readonly numeric: number | null;
  /** The closed-form rule used, in LaTeX (empty for explicit graphs). */
  readonly formula: string;
  readonly connected: boolean;
  readonly components: number[][];
  /** Why it is undefined, or how it was computed (the report words it). */
  readonly note: LambdaMinNote;
}

/**
 * Why λ_m(Q) is undefined, or how it was computed, as a fact; the report writes the sentence
 * (src/report/sections/derivation-text.ts, `lambdaMinNoteText`).
 */
export type LambdaMinNote =
  /** A single qubit: Q = 0, no nonzero eigenvalue and no coupling. */
  | { readonly kind: 'lambda-single-qubit' }
  /** A disconnected graph: one zero eigenvalue per component, rank Q < n − 1. */
  | { readonly kind: 'lambda-disconnected'; readonly components: readonly (readonly number[])[] }
  /** The closed form of a named family. */
  | { readonly kind: 'lambda-closed-form'; readonly family: GraphFamily }
  /** cos(2π/n) (ring) or cos(π/n) (path) is not a square-root expression: the value is a double. */
  | { readonly kind: 'lambda-not-constructible'; readonly family: 'ring' | 'path'; readonly n: number }
  /** An explicit graph with symbolic weights and no values. */
  | { readonly kind: 'lambda-symbolic-weights' }
  /** An explicit graph and no eigensolver supplied. */
  | { readonly kind: 'lambda-no-eigensolver' }
  /** An explicit graph: the Hermitian eigensolver on Q. */
  | { readonly kind: 'lambda-eigensolver' };

/** cos(2π/m) exactly, for the m where it is a square-root expression. */
function cosTwoPiOver(m: number): Scalar | null {
  const r = (a: number, b: number): Scalar => Scalar.rational(a, b);
  const s = (k: number): Scalar => Scalar.sqrt(Scalar.int(k));
  switch (m) {
    case 1: return Scalar.ONE;
    case 2: return Scalar.int(-1);
    case 3: return r(-1, 2);
    case 4: return Scalar.ZERO;
    case 5: return s(5).sub(Scalar.ONE).mul(r(1, 4)); // (√5 − 1)/4
    case 6: return r(1, 2);
    case 8: return s(2).mul(r(1, 2));
    case 10: return s(5).add(Scalar.ONE).mul(r(1, 4)); // cos(π/5) = (1 + √5)/4
    case 12: return s(3).mul(r(1, 2));
    default: return null;
  }
}

function weightLatex(w: Scalar): string {
  return w.isOne() ? '' : w.needsParentheses() ? `\\left(${w.toLatex()}\\right)` : w.toLatex();
}

export interface LambdaMinOptions {
  /** Values for symbolic weights, used for numeric values (default: none). */
  params?: Readonly<Record<string, number>>;
  /**
   * Eigenvalues of a real symmetric matrix given by rows, any order; needed only for explicit graphs
   * (default: none, and an explicit graph's λ_m is then left unevaluated).
   */
  eigenvalues?: (rows: number[][]) => number[];
}

/**
 * λ_m(Q) of a graph.
 * @example lambdaMin(completeGraph(3)).exactText // => "3"
 */
export function lambdaMin(g: Graph, options: LambdaMinOptions = {}): LambdaMin {
  const params = options.params ?? {};
  const comps = components(g);
  const connected = comps.length === 1;
  const n = g.qubits;
  const undefinedResult = (note: LambdaMinNote): LambdaMin => ({
    defined: false, kind: 'undefined', exact: null, latex: '\\text{undefined}', exactText: null, numeric: null,
    formula: '', connected, components: comps, note,
  });
  if (n < 2) return undefinedResult({ kind: 'lambda-single-qubit' });
  if (!connected) {
    return undefinedResult({ kind: 'lambda-disconnected', components: comps });
  }
  const numericOf = (x: Scalar): number | null => {
    const free = x.freeParams();
    if (free.some((p) => !(p in params))) return null;
    return x.toComplex(params)[0];
  };
  const w = g.weight;
  if (g.family !== 'explicit' && w !== undefined) {
    let value: Scalar | null = null;
    let formula = '';
    let closedLatex = '';
    let closedNumeric = 0;
    const wl = weightLatex(w);
    switch (g.family) {
      case 'complete':
        value = Scalar.int(n).mul(w);
        formula = `\\lambda_m(K_n) = n\\,w`;
        break;
      case 'star':
        value = (n === 2 ? Scalar.int(2) : Scalar.ONE).mul(w);
        formula = n === 2 ? `\\lambda_m(S_2) = 2w` : `\\lambda_m(S_n) = w \\ (n \\ge 3)`;
        break;
      case 'ring': {
        formula = `\\lambda_m(C_n) = 2w\\left(1 - \\cos\\frac{2\\pi}{n}\\right)`;
        const c = cosTwoPiOver(n);
        if (c) value = Scalar.int(2).mul(Scalar.ONE.sub(c)).mul(w);
        closedLatex = `2${wl}\\left(1 - \\cos\\frac{2\\pi}{${n}}\\right)`;
        closedNumeric = 2 * (1 - Math.cos((2 * Math.PI) / n));
        break;
      }
      case 'path': {
        formula = `\\lambda_m(P_n) = 2w\\left(1 - \\cos\\frac{\\pi}{n}\\right)`;
        const c = cosTwoPiOver(2 * n);
        if (c) value = Scalar.int(2).mul(Scalar.ONE.sub(c)).mul(w);
        closedLatex = `2${wl}\\left(1 - \\cos\\frac{\\pi}{${n}}\\right)`;
        closedNumeric = 2 * (1 - Math.cos(Math.PI / n));
        break;
      }
    }
    if (value) {
      return {
        defined: true, kind: 'exact', exact: value, latex: value.toLatex(), exactText: value.toString(), numeric: numericOf(value),
        formula, connected, components: comps, note: { kind: 'lambda-closed-form', family: g.family },
      };
    }
    const wn = numericOf(w);
    return {
      defined: true, kind: 'closed-form-numeric', exact: null, latex: closedLatex, exactText: null,
      numeric: wn === null ? null : closedNumeric * wn, formula, connected, components: comps,
      note: { kind: 'lambda-not-constructible', family: g.family === 'ring' ? 'ring' : 'path', n },
    };
  }
  // Explicit graph: eigenvalues of the lowered Laplacian; the number of zero eigenvalues is the
  // (exact) component count, so λ_m is the eigenvalue right after them in ascending order — no
  // tolerance is needed to decide which eigenvalues are "zero".
  const q = laplacian(g);
  if (q.freeParams().some((p) => !(p in params)) || !options.eigenvalues) {
    return {
      defined: true, kind: 'numeric', exact: null, latex: '\\lambda_m(Q)', exactText: null, numeric: null, formula: '',
      connected, components: comps,
      note: { kind: options.eigenvalues ? 'lambda-symbolic-weights' : 'lambda-no-eigensolver' },
    };
  }
  const rows = q.toComplexRows(params).map((r) => r.map(([re]) => re));
  const sorted = options.eigenvalues(rows).slice().sort((a, b) => a - b);
  const lm = sorted[comps.length];
  return {
    defined: true, kind: 'numeric', exact: null, latex: formatNumber(lm), exactText: null, numeric: lm, formula: '',
    connected, components: comps, note: { kind: 'lambda-eigensolver' },
  };
}

/** A double in a short deterministic form for LaTeX (12 significant digits). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : x < 0 ? '-\\infty' : '\\mathrm{NaN}';
  return String(Number(x.toPrecision(12)));
}
