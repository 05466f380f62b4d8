import type { Scalar } from '../algebra/scalar.ts';
import type { SymmetryDefectNote } from '../coherent/derive.ts';
import type { SpectralGap } from '../coherent/spectral-gap.ts';
import type { GeneratorNormNote } from '../coherent/superop-norm.ts';
import type { LambdaMinNote } from '../model/graph-spectrum.ts';
import type { MuRule } from '../reduced/steady.ts';
import { type CMatrix, dagger, fromPairs, frobeniusNorm, mul, sub, zeros } from '../numeric/cmatrix.ts';
import { conditionNumber, eig, schur, singularValues, spectralNorm } from '../numeric/eig.ts';
import { expm } from '../numeric/expm.ts';
import { inverse } from '../numeric/lu.ts';

/**
 * Shared machinery for the theorems' constants, generic over a dense complex generator G (a
 * superoperator in the column-stacking vec convention; any stacking gives the same spectral norms,
 * since row and column stacking differ by a permutation similarity).
 *
 * The growth bound f(t) = M Σ_{j≤m} t^j ≥ ‖e^{Gt}‖ (used by Theorem 2, eq. 29, and by Theorem 3's
 * f_d) for a G whose spectrum lies in Re λ ≤ 0. m is the polynomial growth degree — the largest Jordan
 * block among the eigenvalues on the imaginary axis, minus one (decaying blocks t^k e^{Re λ t} are
 * bounded and go into M). M comes from one of these valid bounds, the tightest with the smallest m
 * being used:
 *  - normal G (GG† = G†G, e.g. a purely Hamiltonian superoperator, which is anti-Hermitian):
 *    ‖e^{Gt}‖ = max_k |e^{λ_k t}| ≤ 1 ⇒ M = 1, m = 0;
 *  - diagonalisable G = VΛV⁻¹: ‖e^{Gt}‖ ≤ ‖V‖‖e^{Λt}‖‖V⁻¹‖ ≤ κ(V) ⇒ M = κ(V), m = 0 (unit eigenvectors);
 *  - always (Van Loan 1977): with the Schur form G = Z(Λ + N)Z†, ‖e^{Gt}‖ ≤ Σ_{k<d} (‖N‖t)^k/k!
 *    ⇒ M = max_k ‖N‖^k/k!, m = d − 1 (valid for any Jordan structure, loose);
 *  - caller-supplied bounds from structure (e.g. a quantum dynamical semigroup on qubits is a
 *    trace-norm contraction on Hermitian operators, giving ‖e^{𝓛̄t}‖_{F→F} ≤ 2, m = 0).
 * Every bound is checked on a time grid against ‖expm(G t)‖ computed independently (Padé).
 */

export interface GrowthCandidate {
  readonly M: number;
  readonly m: number;
  readonly source: string;
}

export interface GridCheck {
  readonly times: readonly number[];
  /** max over the grid of observed / bound. */
  readonly maxRatio: number;
  readonly worstTime: number;
  readonly holds: boolean;
}

export interface GrowthBound extends GrowthCandidate {
  readonly candidates: readonly GrowthCandidate[];
  /** m from the Jordan structure (exact when given, else a numerical rank estimate). */
  readonly jordanM: number | null;
  readonly jordanSource: string;
  /** Largest real part of the spectrum (numeric). */
  readonly maxRealPart: number;
  readonly check: GridCheck;
}

export interface GrowthOptions {
  /** m from an exact Jordan analysis, when known. */
  exactM?: number | null;
  /** Structural bounds known to the caller. */
  knownBounds?: readonly GrowthCandidate[];
  /** Time grid for the verification (default: 0…20 in 81 steps). */
  times?: readonly number[];
  /** Eigenvalues with |Re λ| ≤ tol·max(1, ‖G‖) count as on the imaginary axis (default 1e-9). */
  tol?: number;
}

/** f(T) = M Σ_{j=0}^{m} T^j. @example growthValue({ M: 2, m: 1, source: '' }, 3) // => 8 */
export function growthValue(b: GrowthCandidate, T: number): number {
  let s = 0;
  for (let j = 0; j <= b.m; j++) s += T ** j;
  return b.M * s;
}

/** Uniform grid of `steps + 1` points on [a, b]. @example uniformGrid(0, 1, 2) // => [0, 0.5, 1] */
export function uniformGrid(a: number, b: number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, k) => a + ((b - a) * k) / steps);
}

function eigenpairs(G: CMatrix): { re: number[]; im: number[]; V: CMatrix } {
  const { values, vectors } = eig(G);
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < G.rows; k++) {
    re.push(values[2 * k]);
    im.push(values[2 * k + 1]);
  }
  return { re, im, V: vectors };
}

/**
 * Numerical Jordan degree on the imaginary axis: eigenvalues with |Re λ| ≤ tol are clustered, and for a
 * cluster of algebraic multiplicity a the largest block is the least k with nullity((G − λI)^k) = a
 * (numerical rank by singular values, relative threshold 1e-8).
 */
export function numericJordanDegree(G: CMatrix, tol = 1e-9): number {
  const { re, im } = eigenpairs(G);
  const scale = Math.max(1, spectralNorm(G));
  const used = new Array<boolean>(re.length).fill(false);
  let m = 0;
  for (let i = 0; i < re.length; i++) {
    if (used[i] || Math.abs(re[i]) > tol * scale) continue;
    let a = 0;
    let cr = 0;
    let ci = 0;
    for (let j = 0; j < re.length; j++) {
      if (!used[j] && Math.abs(re[j]) <= tol * scale && Math.hypot(re[j] - re[i], im[j] - im[i]) <= 1e-6 * scale) {
        used[j] = true;
        a++;
        cr += re[j];
        ci += im[j];
      }
    }
    const shift = sub(G, scaleIdentity(G.rows, cr / a, ci / a));
    let power = shift;
    for (let k = 1; k <= a; k++) {
      const sv = singularValues(power);
      const nullity = Array.from(sv).filter((s) => s <= 1e-8 * Math.max(1, sv[0])).length;
      if (nullity >= a) {
        m = Math.max(m, k - 1);
        break;
      }
      if (k === a) m = Math.max(m, a - 1);
      power = mul(power, shift);
    }
  }
  return m;
}

function scaleIdentity(n: number, re: number, im: number): CMatrix {
  const out = zeros(n);
  for (let k = 0; k < n; k++) {
    out.data[2 * (k * n + k)] = re;
    out.data[2 * (k * n + k) + 1] = im;
  }
  return out;
}

function scaled(a: CMatrix, t: number): CMatrix {
  const d = new Float64Array(a.data.length);
  for (let k = 0; k < d.length; k++) d[k] = a.data[k] * t;
  return { rows: a.rows, cols: a.cols, data: d };
}

/**
 * Checks ‖expm(G t)‖₂ ≤ bound(t) on a grid (relative slack 1e-9 for rounding).
 * @example verifyOnGrid(fromPairs([[[-1, 0]]]), (t) => 1, [0, 1, 2]).holds // => true
 */
export function verifyOnGrid(G: CMatrix, bound: (t: number) => number, times: readonly number[], transform: (e: CMatrix, t: number) => number = (e) => spectralNorm(e)): GridCheck {
  let maxRatio = 0;
  let worstTime = 0;
  for (const t of times) {
    const observed = transform(expm(scaled(G, t)), t);
    const b = bound(t);
    const ratio = b > 0 ? observed / b : observed > 0 ? Infinity : 0;
    if (ratio > maxRatio) {
      maxRatio = ratio;
      worstTime = t;
    }
  }
  return { times, maxRatio, worstTime, holds: maxRatio <= 1 + 1e-9 };
}

/**
 * f(t) = M Σ_{j≤m} t^j with ‖e^{Gt}‖ ≤ f(t) for t ≥ 0 (see the module comment), verified on a grid.
 * @example growthBound(fromPairs([[[0, 1], [0, 0]], [[0, 0], [0, -1]]])).M // => 1
 */
export function growthBound(G: CMatrix, options: GrowthOptions = {}): GrowthBound {
  const d = G.rows;
  const tol = options.tol ?? 1e-9;
  const norm = spectralNorm(G);
  const { re } = eigenpairs(G);
  const maxRealPart = Math.max(...re);
  const stable = maxRealPart <= tol * Math.max(1, norm);
  const candidates: GrowthCandidate[] = [...(options.knownBounds ?? [])];
  if (stable) {
    const comm = sub(mul(G, dagger(G)), mul(dagger(G), G));
    if (frobeniusNorm(comm) <= 1e-12 * Math.max(1, norm * norm)) {
      candidates.push({ M: 1, m: 0, source: 'G is normal (GG† = G†G, e.g. anti-Hermitian for a purely Hamiltonian generator): ‖e^{Gt}‖ = max_k |e^{λ_k t}| ≤ 1' });
    }
    const { V } = eigenpairs(G);
    const kappa = conditionNumber(V);
    if (Number.isFinite(kappa) && kappa < 1e8) {
      candidates.push({ M: Math.max(1, kappa), m: 0, source: 'G = VΛV⁻¹ with unit eigenvectors: ‖e^{Gt}‖ ≤ ‖V‖‖e^{Λt}‖‖V⁻¹‖ ≤ κ(V) since Re λ ≤ 0' });
    }
    const { T } = schur(G);
    const N = zeros(d);
    for (let r = 0; r < d; r++) for (let c = r + 1; c < d; c++) {
      N.data[2 * (r * d + c)] = T.data[2 * (r * d + c)];
      N.data[2 * (r * d + c) + 1] = T.data[2 * (r * d + c) + 1];
    }
    const nn = spectralNorm(N);
    if (nn <= 1e-13 * Math.max(1, norm)) {
      candidates.push({ M: 1, m: 0, source: 'Schur form with negligible strictly upper part (G unitarily diagonalisable): ‖e^{Gt}‖ ≤ 1' });
    } else {
      let M = 1;
      let term = 1;
      for (let k = 1; k < d; k++) {
        term *= nn / k;
        M = Math.max(M, term);
      }
      candidates.push({ M, m: d - 1, source: `Van Loan: G = Z(Λ + N)Z†, ‖e^{Gt}‖ ≤ Σ_{k<${d}} (‖N‖t)^k/k! with ‖N‖ = ${nn.toPrecision(6)}` });
    }
  }
  const jordanM = options.exactM ?? (stable ? numericJordanDegree(G, tol) : null);
  const jordanSource = options.exactM !== undefined && options.exactM !== null ? 'exact Jordan structure (ranks of (G − λI)^k over the field)' : 'numerical rank estimate of the Jordan structure';
  const times = options.times ?? uniformGrid(0, 20, 80);
  if (candidates.length === 0) {
    const none: GrowthCandidate = { M: Infinity, m: 0, source: 'G has an eigenvalue with Re λ > 0: no polynomial bound exists' };
    return { ...none, candidates, jordanM, jordanSource, maxRealPart, check: { times, maxRatio: Infinity, worstTime: 0, holds: false } };
  }
  // Keep the first source for each (M, m) (exact structural reasons come first).
  const unique = candidates.filter((c, k) => candidates.findIndex((o) => o.M === c.M && o.m === c.m) === k);
  candidates.length = 0;
  candidates.push(...unique);
  const best = [...candidates].sort((a, b) => a.m - b.m || a.M - b.M)[0];
  const check = verifyOnGrid(G, (t) => growthValue(best, t), times);
  return { ...best, candidates, jordanM, jordanSource, maxRealPart, check };
}

/**
 * The Lipschitz constant L_c of the decaying eigen-coefficients (paper Appendix A): with unit right
 * eigenvectors V and W = V⁻¹ (so c(ρ) = W vec ρ), split the eigenvalues into those on the imaginary
 * axis and the decaying ones (Re λ ≤ −μ). Then
 *   ‖Σ_{k decaying} e^{λ_k t} c_k(ρ) ρ̂_k‖_F = ‖V_dec e^{Λ_dec t} W_dec vec ρ‖ ≤ ‖V_dec‖ e^{−μt} ‖W_dec‖ ‖ρ‖_F,
 * so L_c = ‖V_dec‖₂‖W_dec‖₂ (≤ κ(V)) is exactly what the proof's eq. 27 needs. Verified on a grid:
 * sup_t ‖P_dec e^{Gt}‖ e^{μt} ≤ L_c with P_dec = V_dec W_dec.
 */
export interface LipschitzResult {
  readonly Lc: number;
  readonly kappaV: number;
  readonly decayingCount: number;
  readonly diagonalisable: boolean;
  readonly check: GridCheck;
  readonly note: string;
}

export function lipschitzConstant(G: CMatrix, mu: number, options: { times?: readonly number[]; tol?: number } = {}): LipschitzResult {
  const tol = options.tol ?? 1e-9;
  const norm = Math.max(1, spectralNorm(G));
  const { re, V } = eigenpairs(G);
  const kappaV = conditionNumber(V);
  const times = options.times ?? uniformGrid(0, 10 / Math.max(mu, 1e-3), 60);
  if (!Number.isFinite(kappaV) || kappaV > 1e8) {
    return { Lc: Infinity, kappaV, decayingCount: 0, diagonalisable: false, check: { times, maxRatio: Infinity, worstTime: 0, holds: false }, note: 'G is (numerically) not diagonalisable: no eigen-coefficient expansion; a constant with the exact rate μ need not exist' };
  }
  const W = inverse(V);
  const dec = re.map((r, k) => (r < -tol * norm ? k : -1)).filter((k) => k >= 0);
  const n = G.rows;
  const Vd = zeros(n, dec.length);
  const Wd = zeros(dec.length, n);
  dec.forEach((k, c) => {
    for (let r = 0; r < n; r++) {
      Vd.data[2 * (r * dec.length + c)] = V.data[2 * (r * n + k)];
      Vd.data[2 * (r * dec.length + c) + 1] = V.data[2 * (r * n + k) + 1];
      Wd.data[2 * (c * n + r)] = W.data[2 * (k * n + r)];
      Wd.data[2 * (c * n + r) + 1] = W.data[2 * (k * n + r) + 1];
    }
  });
  const Lc = dec.length === 0 ? 0 : spectralNorm(Vd) * spectralNorm(Wd);
  const P = dec.length === 0 ? zeros(n) : mul(Vd, Wd);
  const check = verifyOnGrid(G, () => Lc, times, (e, t) => spectralNorm(mul(P, e)) * Math.exp(mu * t));
  return {
    Lc, kappaV, decayingCount: dec.length, diagonalisable: true, check,
    note: `L_c = ‖V_dec‖₂‖(V⁻¹)_dec‖₂ over the ${dec.length} decaying eigenvalues (unit eigenvectors; κ(V) = ${kappaV.toPrecision(6)})`,
  };
}

/** Exact-to-float bridge for the theorems: an exact matrix's complex rows as a CMatrix. */
export function toCMatrix(rows: [number, number][][]): CMatrix {
  return fromPairs(rows);
}

/** A fact of §4 or §5 that a constant's provenance cites; the report words it in place. */
export type SourceFact = MuRule | LambdaMinNote | SymmetryDefectNote | GeneratorNormNote | SpectralGap['method'];

/** Where a constant comes from: the theorem's words, a fact of §4/§5, or words and facts in sequence. */
export type ConstantSource = string | SourceFact | readonly (string | SourceFact)[];

/**
 * A named constant of a theorem: its value (exact when the inputs are exact, else an IEEE double
 * labelled numeric), LaTeX, and where it comes from.
 */
export interface NamedConstant {
  /** LaTeX symbol, e.g. "K_c^*". */
  readonly symbol: string;
  readonly name: string;
  readonly kind: 'exact' | 'numeric' | 'undefined';
  readonly exact: Scalar | null;
  /** The value as a double (also for exact constants), or null. */
  readonly value: number | null;
  readonly latex: string;
  /** Where it comes from (equation, definition, choice made). */
  readonly source: ConstantSource;
  /** For numeric constants: the accuracy they were computed to (CONVENTIONS.md "Norms and numbers"). */
  readonly accuracy?: string;
}

/** The value part of a theorem constant: what computations read (no display symbol, no prose). */
export type ConstantValue = Omit<NamedConstant, 'symbol' | 'name' | 'source'>;

/** The presentation of one constant of a theorem, keyed by its typed field: what the report renders. */
export interface ConstantPresentation<K extends string> {
  readonly key: K;
  /** LaTeX symbol, e.g. "K_c^*". */
  readonly symbol: string;
  readonly name: string;
  /** Where it comes from (equation, definition, choice made). */
  readonly source: ConstantSource;
}

/**
 * A theorem's constants as typed fields (`values.mu.value`, `values.KcStar.value`) and, beside them,
 * the order, symbols and provenance the report shows (`presentation`). Computations read fields;
 * nothing looks a constant up by its display symbol.
 */
export interface TheoremConstants<K extends string> {
  readonly values: { readonly [k in K]?: ConstantValue };
  readonly presentation: readonly ConstantPresentation<K>[];
}

/** Builds a `TheoremConstants` in presentation order from named constants. */
export class ConstantTable<K extends string> {
  private readonly values: { [k in K]?: ConstantValue } = {};
  private readonly presentation: ConstantPresentation<K>[] = [];

  /** Adds `c` under the typed field `key` (shown in the order of the calls); returns `c`'s value. */
  add(key: K, c: NamedConstant): ConstantValue {
    const { symbol, name, source, ...value } = c;
    this.values[key] = value;
    this.presentation.push({ key, symbol, name, source });
    return value;
  }

  done(): TheoremConstants<K> {
    return { values: { ...this.values }, presentation: [...this.presentation] };
  }
}

/** An exact constant (value lowered with `params`). */
export function exactConstant(symbol: string, name: string, x: Scalar, source: ConstantSource, params: Readonly<Record<string, number>> = {}): NamedConstant {
  const free = x.freeParams().some((p) => !(p in params));
  return { symbol, name, kind: 'exact', exact: x, value: free ? null : x.toComplex(params)[0], latex: x.toLatex(), source };
}

/** A numeric constant, printed with 12 significant digits. */
export function numericConstant(symbol: string, name: string, value: number | null, source: ConstantSource, latex?: string, accuracy = NUMERIC_ACCURACY): NamedConstant {
  if (value === null || Number.isNaN(value)) return { symbol, name, kind: 'undefined', exact: null, value: null, latex: latex ?? '\\text{undefined}', source };
  return { symbol, name, kind: 'numeric', exact: null, value, latex: latex ?? formatDouble(value), source, accuracy };
}

/** Accuracy of the theorems' float constants: dense eigen/singular-value solvers on small matrices. */
export const NUMERIC_ACCURACY = 'IEEE double; norms and eigenvectors from dense Hermitian/QR eigensolvers, relative error about 1e-13 (grid checks only sample the time axis)';

/** Deterministic short form of a double for LaTeX and text (12 significant digits). @example formatDouble(1 / 3) // => "0.333333333333" */
export function formatDouble(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : x < 0 ? '-\\infty' : '\\mathrm{NaN}';
  const s = String(Number(x.toPrecision(12)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
}

/** K_c* of a theorem at one error level η of the study (`study.eta` may list several). */
export interface EtaThreshold {
  readonly eta: Scalar;
  readonly KcStar: NamedConstant;
}

/**
 * K_{c,1}* = ln(2C/η)/(T₁λ_m), or 0 when 2C ≤ η: the transient threshold of Theorems 2–4, which makes
 * the transient C e^{−K_cλ_mT₁} of eqs. 25 and 35 at most η/2 on the window.
 * @example transientThreshold(1, 1, 1, 4) // => 0
 */
export function transientThreshold(C: number, T1: number, lambdaMin: number, eta: number): number {
  return 2 * C > eta ? Math.log((2 * C) / eta) / (T1 * lambdaMin) : 0;
}

/**
 * K_c*(η) for every η of the study, the primary first (its K_c* as derived): the further ones come from
 * the same formula `at` of the theorem, with every other constant unchanged. Empty for a single η.
 */
export function thresholdsByEta(primary: NamedConstant, etas: readonly Scalar[] | undefined, at: (eta: number) => NamedConstant): EtaThreshold[] {
  if (!etas || etas.length < 2) return [];
  return [{ eta: etas[0], KcStar: primary }, ...etas.slice(1).map((eta) => ({ eta, KcStar: at(eta.toComplex()[0]) }))];
}
