import { countBuild } from '../core/build-count.ts';
import { Rational } from '../algebra/rational.ts';
import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { characteristicPolynomial, exactRoots } from '../algebra/charpoly.ts';
import { nullSpace } from '../algebra/linalg.ts';
import { ModelTooLarge } from '../core/errors.ts';
import type { CMatrix } from '../numeric/cmatrix.ts';
import { eig } from '../numeric/eig.ts';
import type { InitialState } from '../model/network.ts';
import { bitStringCounts, orbitIndex, orbitSizeBig, unitCounts, logOrbitSize, logFactorial, type OrbitIndex } from './orbits.ts';
import type { Complex } from './sandwich.ts';

/**
 * The blended coherent dynamics, paper eq. 17:
 *   dy_d/dt = Proj(A_d) y_d,   y_d(0) = P_dᵀ vec ρ(0) ∈ C^p,
 * with P_d orthonormal (CONVENTIONS.md), so y_d = [√|V_1| y_1; …; √|V_p| y_p] for consensus values y_m
 * (the paper's |V_m| y_m is the erratum of its 1/|V_m| normalisation), and the lift
 * ỹ_d = P_d y_d ∈ C^{4ⁿ} (the paper's "C^{4n}"), ρ_d = vec⁻¹(ỹ_d), whose entries on orbit V_m are all
 * y_m/√|V_m|: ρ_d = 𝒫_*(ρ_d) is permutation invariant.
 * P_dᵀ (`orbitInitialCondition`) and P_d (`liftToDensity`) are the two halves of paper eq. 13,
 * P_d P_dᵀ vec ρ = vec 𝒫_*(ρ) for a connected graph; the lift being constant on each orbit is the
 * consensus within each component of G_d that the paper's Fig. 5 illustrates.
 */

/** A value that is exact when it could be, else numeric (labelled). */
export interface LabelledValue {
  readonly numeric: Complex;
  readonly exact: Scalar | null;
  readonly latex: string;
  readonly kind: 'exact' | 'numeric';
}

function numericLatex(z: Complex): string {
  const f = (x: number): string => String(Number(x.toPrecision(12)));
  if (Math.abs(z[1]) < 1e-300) return f(z[0]);
  if (Math.abs(z[0]) < 1e-300) return `${f(z[1])}\\,\\mathrm{i}`;
  return `${f(z[0])} ${z[1] < 0 ? '-' : '+'} ${f(Math.abs(z[1]))}\\,\\mathrm{i}`;
}

/** An exact value; its double is NaN when it depends on parameters without values. */
export function labelExact(s: Scalar, params: Readonly<Record<string, number>> = {}): LabelledValue {
  const bound = s.freeParams().every((x) => x in params);
  return { numeric: bound ? s.toComplex(params) : [NaN, NaN], exact: s, latex: s.toLatex(), kind: 'exact' };
}

export function labelNumeric(z: Complex): LabelledValue {
  return { numeric: z, exact: null, latex: numericLatex(z), kind: 'numeric' };
}

/** One eigenvalue of Proj(A_d) with its algebraic multiplicity. */
export interface ProjectedEigenvalue extends LabelledValue {
  readonly multiplicity: number;
}

/**
 * How the spectrum of Proj(A_d) was obtained (the report words it, src/report/sections/derivation-text.ts):
 * exactRoots on the exact characteristic polynomial; or that polynomial's exact factor λ^zeros (degree
 * p) with the other eigenvalues numeric; or all numeric (complex Schur form of the double matrix).
 */
export type ProjectedSpectrumMethod =
  | { readonly kind: 'exact-roots' }
  | { readonly kind: 'exact-zero-factor'; readonly degree: number; readonly zeros: number }
  | { readonly kind: 'numeric' };

export interface ProjectedSpectrum {
  readonly eigenvalues: readonly ProjectedEigenvalue[];
  /** How they were obtained. */
  readonly method: ProjectedSpectrumMethod;
  /** ‖B V − V Λ‖_F/‖B‖_F of the numeric eigen-decomposition. */
  readonly relativeResidual: number;
  /** Whether every eigenvalue is exact. */
  readonly complete: boolean;
}

/** Largest p for the exact characteristic polynomial of Proj(A_d) (Berkowitz, O(p⁴) exact operations). */
export const MAX_EXACT_SPECTRUM_DIM = 35;
/** Largest p for which exactRoots is attempted on the whole characteristic polynomial (beyond it only exact factors λ^k are split off). */
export const MAX_EXACT_ROOTS_DIM = 10;

/**
 * The spectrum of Proj(A_d). Exact part: the characteristic polynomial (of the similar indicator-basis
 * matrix, which has no orbit-size surds) is computed exactly for p ≤ 35; its λ^k factor gives the
 * eigenvalue 0 with exact multiplicity k (trace preservation makes k ≥ 1), and for p ≤ 10 `exactRoots`
 * proves what it can. The rest are eigenvalues of the numeric matrix (complex Schur form), labelled
 * numeric, with the decomposition's relative residual.
 */
export function projectedSpectrum(numeric: CMatrix, indicatorExact: ExactMatrix | null): ProjectedSpectrum {
  const p = numeric.rows;
  const e = eig(numeric);
  const values: Complex[] = [];
  for (let k = 0; k < p; k++) values.push([e.values[2 * k], e.values[2 * k + 1]]);
  const relativeResidual = e.scale > 0 ? e.residual / e.scale : 0;
  if (indicatorExact && p <= MAX_EXACT_SPECTRUM_DIM && indicatorExact.freeParams().length === 0) {
    const cp = characteristicPolynomial(indicatorExact);
    if (p <= MAX_EXACT_ROOTS_DIM) {
      const r = exactRoots(cp);
      return {
        eigenvalues: r.roots.map((x) => (x.exact
          ? { numeric: x.numeric, exact: x.exact, latex: x.latex, kind: 'exact' as const, multiplicity: x.multiplicity }
          : { numeric: x.numeric, exact: null, latex: x.latex, kind: 'numeric' as const, multiplicity: x.multiplicity })),
        method: { kind: 'exact-roots' },
        relativeResidual,
        complete: r.complete,
      };
    }
    let zeros = 0;
    while (zeros < cp.coefficients.length && cp.coefficients[zeros].isZero()) zeros++;
    // Remove the `zeros` numeric eigenvalues closest to 0 and report 0 exactly with that multiplicity.
    const order = values.map((z, i) => ({ i, a: Math.hypot(z[0], z[1]) })).sort((a, b) => a.a - b.a);
    const drop = new Set(order.slice(0, zeros).map((o) => o.i));
    const rest = values.filter((_, i) => !drop.has(i));
    const eigenvalues: ProjectedEigenvalue[] = [];
    if (zeros > 0) eigenvalues.push({ ...labelExact(Scalar.ZERO), multiplicity: zeros });
    for (const z of sortSpectrum(rest)) eigenvalues.push({ ...labelNumeric(z), multiplicity: 1 });
    return {
      eigenvalues,
      method: { kind: 'exact-zero-factor', degree: p, zeros },
      relativeResidual,
      complete: zeros === p,
    };
  }
  return {
    eigenvalues: sortSpectrum(values).map((z) => ({ ...labelNumeric(z), multiplicity: 1 })),
    method: { kind: 'numeric' },
    relativeResidual,
    complete: false,
  };
}

/** Decreasing real part, then decreasing imaginary part (deterministic). */
function sortSpectrum(zs: Complex[]): Complex[] {
  return zs.slice().sort((a, b) => b[0] - a[0] || b[1] - a[1]);
}

/**
 * How ker Proj(A_d) was obtained: the exact null space of the indicator-basis generator, or the count
 * of the numeric eigenvalues within 1e-9·‖B‖_F of 0 (the report words it).
 */
export type ProjectedKernelMethod = { readonly kind: 'exact-null-space' } | { readonly kind: 'numeric-zeros'; readonly zeros: number };

/** Steady states of eq. 17: a basis of ker Proj(A_d), as density-matrix data on the orbits. */
export interface ProjectedSteadyStates {
  /** Basis vectors y (orthonormal-basis coordinates), exact where possible. */
  readonly basis: readonly (readonly LabelledValue[])[];
  readonly dimension: number;
  readonly kind: 'exact' | 'numeric';
  /** How the kernel was computed. */
  readonly method: ProjectedKernelMethod;
}

/**
 * Exact kernel of Proj(A_d) via the indicator basis: B' u = 0 with u = D y, D = diag(√|V_m|), so
 * y_m = u_m/√|V_m|; the density matrix ρ = vec⁻¹(P_d y) has the rational entries u_m/|V_m| on V_m.
 */
export function projectedSteadyStatesExact(indicatorExact: ExactMatrix, orbits: OrbitIndex): ProjectedSteadyStates {
  const ker = nullSpace(indicatorExact);
  const basis = ker.map((u) => orbits.counts.map((c, m) => {
    const y = u.get(m, 0).mul(Scalar.sqrt(Scalar.fromRational(Rational.of(1n, orbitSizeBig(c)))));
    return labelExact(y);
  }));
  return {
    basis,
    dimension: ker.length,
    kind: 'exact',
    method: { kind: 'exact-null-space' },
  };
}

/**
 * How y_d(0) was computed: from a sparse state's entries or a product state's generating function,
 * exactly or in doubles (the report words it).
 */
export type OrbitInitialMethod = 'sparse-exact' | 'sparse-numeric' | 'product-exact' | 'product-numeric';

/** y_d(0) = P_dᵀ vec ρ(0). */
export interface OrbitInitial {
  readonly values: readonly LabelledValue[];
  readonly kind: 'exact' | 'numeric';
  readonly method: OrbitInitialMethod;
}

/** Largest n for exact product-state generating functions. */
export const MAX_EXACT_INITIAL_QUBITS = 12;

/**
 * y_d(0) = P_dᵀ vec ρ(0): y_m = (1/√|V_m|) Σ_{x∈V_m} [vec ρ(0)]_x.
 *  - sparse states: each entry |row⟩⟨col| goes to the orbit of its colour counts;
 *  - product states ρ₁ ⊗ … ⊗ ρₙ: Σ_{x∈V_m} ρ_x is the coefficient of z₀₀^{n₀₀} z₀₁^{n₀₁} z₁₀^{n₁₀} z₁₁^{n₁₁}
 *    in Π_j Σ_{r,c} (ρ_j)_{rc} z_{rc} (a generating function over the orbit counts, p terms), so no 2ⁿ
 *    object is formed; exact for n ≤ 12, doubles beyond.
 * @example orbitInitialCondition(sparseState(SparseOperator.ketBra('01', '01'), null, ''), { exact: true }).values[3].latex // => "\\frac{\\sqrt{2}}{2}"
 */
export function orbitInitialCondition(initial: InitialState, options: { exact?: boolean; params?: Readonly<Record<string, number>> } = {}): OrbitInitial {
  countBuild('orbitInitialCondition');
  const n = initial.qubits;
  const orbits = orbitIndex(n);
  const params = options.params ?? {};
  const wantExact = (options.exact ?? true) && (initial.kind === 'sparse' || n <= MAX_EXACT_INITIAL_QUBITS);
  if (initial.kind === 'sparse') {
    const sums: Scalar[] = new Array(orbits.size).fill(Scalar.ZERO);
    for (const e of initial.entries) {
      const c = bitStringCounts(e.row, e.col);
      const m = orbits.rank(c[0], c[1], c[2]);
      sums[m] = sums[m].add(e.value);
    }
    if (wantExact && n <= 60) {
      return {
        values: sums.map((s, m) => labelExact(s.isZero() ? s : s.mul(Scalar.sqrt(Scalar.fromRational(Rational.of(1n, orbitSizeBig(orbits.counts[m]))))), params)),
        kind: 'exact',
        method: 'sparse-exact',
      };
    }
    return {
      values: sums.map((s, m) => {
        const z = s.toComplex(params);
        const f = Math.exp(-0.5 * logOrbitSize(orbits.counts[m]));
        return labelNumeric([z[0] * f, z[1] * f]);
      }),
      kind: 'numeric',
      method: 'sparse-numeric',
    };
  }
  // Product state: generating function over counts, index (a, b, c) with d = degree − a − b − c.
  const dimIdx = (n + 1) ** 3;
  const idx = (a: number, b: number, c: number): number => (a * (n + 1) + b) * (n + 1) + c;
  if (wantExact) {
    let poly = new Map<number, Scalar>([[idx(0, 0, 0), Scalar.ONE]]);
    for (const f of initial.factors) {
      const w = [f.get(0, 0), f.get(0, 1), f.get(1, 0), f.get(1, 1)];
      const next = new Map<number, Scalar>();
      for (const [key, v] of poly) {
        const c = Math.floor(key % (n + 1));
        const b = Math.floor(key / (n + 1)) % (n + 1);
        const a = Math.floor(key / (n + 1) ** 2);
        const shifts = [idx(a + 1, b, c), idx(a, b + 1, c), idx(a, b, c + 1), key];
        for (let col = 0; col < 4; col++) {
          if (w[col].isZero()) continue;
          const k2 = shifts[col];
          next.set(k2, (next.get(k2) ?? Scalar.ZERO).add(v.mul(w[col])));
        }
      }
      poly = next;
    }
    return {
      values: orbits.counts.map((cnt) => {
        const s = poly.get(idx(cnt[0], cnt[1], cnt[2])) ?? Scalar.ZERO;
        return labelExact(s.isZero() ? s : s.mul(Scalar.sqrt(Scalar.fromRational(Rational.of(1n, orbitSizeBig(cnt))))), params);
      }),
      kind: 'exact',
      method: 'product-exact',
    };
  }
  // Doubles: scale each step by nothing (|Σ| ≤ |V_m|·max|entry|^n stays in range for n ≤ 1000).
  let re = new Float64Array(dimIdx);
  let im = new Float64Array(dimIdx);
  re[0] = 1;
  let deg = 0;
  for (const f of initial.factors) {
    const w = [f.get(0, 0), f.get(0, 1), f.get(1, 0), f.get(1, 1)].map((s) => s.toComplex(params));
    const nre = new Float64Array(dimIdx);
    const nim = new Float64Array(dimIdx);
    for (let a = 0; a <= deg; a++) for (let b = 0; a + b <= deg; b++) for (let c = 0; a + b + c <= deg; c++) {
      const k = idx(a, b, c);
      const vr = re[k];
      const vi = im[k];
      if (vr === 0 && vi === 0) continue;
      const targets = [idx(a + 1, b, c), idx(a, b + 1, c), idx(a, b, c + 1), k];
      for (let col = 0; col < 4; col++) {
        const [wr, wi] = w[col];
        if (wr === 0 && wi === 0) continue;
        nre[targets[col]] += vr * wr - vi * wi;
        nim[targets[col]] += vr * wi + vi * wr;
      }
    }
    re = nre;
    im = nim;
    deg++;
  }
  return {
    values: orbits.counts.map((cnt) => {
      const k = idx(cnt[0], cnt[1], cnt[2]);
      const f = Math.exp(-0.5 * logOrbitSize(cnt));
      return labelNumeric([re[k] * f, im[k] * f]);
    }),
    kind: 'numeric',
    method: 'product-numeric',
  };
}

/**
 * The lift ρ_d = vec⁻¹(P_d y_d) as a dense row-major CMatrix (n ≤ 10): entry (l, l') = y_m/√|V_m| for
 * the orbit m of |l⟩⟨l'|.
 */
export function liftToDensity(y: readonly Complex[], n: number): CMatrix {
  if (n > 10) throw new ModelTooLarge(`the lift ρ_d = vec⁻¹(P_d y_d) of ${n} qubits is a 2^${n}×2^${n} matrix; it is formed only up to 10 qubits`);
  const orbits = orbitIndex(n);
  const d = 2 ** n;
  const scale = orbits.counts.map((c) => Math.exp(-0.5 * logOrbitSize(c)));
  const data = new Float64Array(2 * d * d);
  for (let l = 0; l < d; l++) for (let lp = 0; lp < d; lp++) {
    const c = unitCounts(l, lp, n);
    const m = orbits.rank(c[0], c[1], c[2]);
    data[2 * (l * d + lp)] = y[m][0] * scale[m];
    data[2 * (l * d + lp) + 1] = y[m][1] * scale[m];
  }
  return { rows: d, cols: d, data };
}

/** The exact lift for small n (n ≤ 5). */
export function liftToDensityExact(y: readonly Scalar[], n: number): ExactMatrix {
  if (n > 5) throw new ModelTooLarge(`the exact lift of ${n} qubits is formed only up to 5 qubits`);
  const orbits = orbitIndex(n);
  const d = 2 ** n;
  const scale = orbits.counts.map((c) => Scalar.sqrt(Scalar.fromRational(Rational.of(1n, orbitSizeBig(c)))));
  return ExactMatrix.fromFunction(d, d, (l, lp) => {
    const c = unitCounts(l, lp, n);
    const m = orbits.rank(c[0], c[1], c[2]);
    return y[m].mul(scale[m]);
  });
}

/**
 * ⟨O⟩ = tr(O ρ_d) for ρ_d = vec⁻¹(P_d y) and O = Σ_s o_s P_s (Pauli strings), without any 2ⁿ object:
 * tr(P E_m) = Σ_{(l,l')∈V_m} ⟨l'|P|l⟩ factorises qubit by qubit. Qubits outside the support S of P need
 * l_q = l'_q (colours 00 or 11), so with κ a colouring of S (counts k) the other n − s qubits contribute
 * the binomial C(n − s, c₀₀ − k₀₀) when c₀₁ = k₀₁ and c₁₀ = k₁₀, and 0 otherwise:
 *   tr(P E_m) = Σ_κ Π_{q∈S} (P_q)_{c_q, r_q} · C(n − s, c₀₀ − k₀₀),   ⟨O⟩ = Σ_m y_m tr(O E_m)/√|V_m|.
 * Since ρ_d is permutation invariant, every term contributes like its permuted copies: terms are grouped
 * by their multiset of letters. Binomials and orbit sizes are combined in log space (n = 50 safe).
 * Returns the weights w (interleaved, length 2p) with ⟨O⟩ = Σ_m w_m y_m.
 * @example Array.from(orbitObservableWeights(1, [{ letters: 'Z', coef: [1, 0] }])) // => [1, 0, 0, 0, 0, 0, -1, 0]
 */
export function orbitObservableWeights(n: number, observable: readonly { letters: string; coef: Complex }[]): Float64Array {
  const orbits = orbitIndex(n);
  const out = new Float64Array(2 * orbits.size);
  const groups = new Map<string, Complex>();
  for (const t of observable) {
    const key = [...t.letters].filter((c) => c !== 'I').sort().join('');
    const g = groups.get(key) ?? [0, 0];
    groups.set(key, [g[0] + t.coef[0], g[1] + t.coef[1]]);
  }
  // ⟨c|P|r⟩ for P ∈ {X, Y, Z}: entry (row c, column r).
  const entry = (L: string, c: number, r: number): Complex => {
    switch (L) {
      case 'X': return c !== r ? [1, 0] : [0, 0];
      case 'Y': return c === r ? [0, 0] : c === 0 ? [0, -1] : [0, 1];
      default: return c === r ? [c === 0 ? 1 : -1, 0] : [0, 0];
    }
  };
  for (const [key, coef] of groups) {
    const s = key.length;
    if (s > n) continue;
    const moves = new Map<string, { k: number[]; w: Complex }>();
    for (let code = 0; code < 4 ** s; code++) {
      const k = [0, 0, 0, 0];
      let w: Complex = [1, 0];
      let rest = code;
      for (let i = 0; i < s; i++) {
        const colour = rest & 3;
        rest >>= 2;
        k[colour]++;
        const e = entry(key[i], colour & 1, colour >> 1);
        w = [w[0] * e[0] - w[1] * e[1], w[0] * e[1] + w[1] * e[0]];
      }
      if (w[0] === 0 && w[1] === 0) continue;
      const id = k.join(',');
      const mv = moves.get(id);
      if (mv) mv.w = [mv.w[0] + w[0], mv.w[1] + w[1]];
      else moves.set(id, { k, w });
    }
    for (let m = 0; m < orbits.size; m++) {
      const c = orbits.counts[m];
      const half = 0.5 * logOrbitSize(c);
      for (const { k, w } of moves.values()) {
        if (c[1] !== k[1] || c[2] !== k[2] || c[0] < k[0] || c[3] < k[3]) continue;
        const f = Math.exp(logBinomial(n - s, c[0] - k[0]) - half);
        out[2 * m] += f * (coef[0] * w[0] - coef[1] * w[1]);
        out[2 * m + 1] += f * (coef[0] * w[1] + coef[1] * w[0]);
      }
    }
  }
  return out;
}

/** ⟨O⟩ = Σ_m w_m y_m for weights from `orbitObservableWeights`. */
export function orbitExpectation(weights: Float64Array, y: Float64Array): Complex {
  let re = 0;
  let im = 0;
  for (let i = 0; i < weights.length; i += 2) {
    re += weights[i] * y[i] - weights[i + 1] * y[i + 1];
    im += weights[i] * y[i + 1] + weights[i + 1] * y[i];
  }
  return [re, im];
}

function logBinomial(a: number, b: number): number {
  return logFactorial(a) - logFactorial(b) - logFactorial(a - b);
}
