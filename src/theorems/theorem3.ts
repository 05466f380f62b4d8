import { Scalar } from '../algebra/scalar.ts';
import type { CMatrix } from '../numeric/cmatrix.ts';
import { expm } from '../numeric/expm.ts';
import { matvecInto } from '../numeric/cmatrix.ts';
import { denseGenerator } from '../coherent/superop-norm.ts';
import { inducedGraph } from '../coherent/induced-graph.ts';
import { orbitIndex, unitCounts, logOrbitSize } from '../coherent/orbits.ts';
import type { CoherentDynamics } from '../coherent/derive.ts';
import {
  type EtaThreshold, type GrowthBound, type NamedConstant, exactConstant, formatDouble, growthBound, growthValue, numericConstant, thresholdsByEta, transientThreshold,
  uniformGrid,
} from './common.ts';
import type { ApplicabilityCheck, NumericCheck } from './theorem1.ts';

/**
 * Theorem 3 (paper §5.3, proof in Appendix C): for η > 0 and T₂ ≥ T₁ > 0, once K_c ≥ K_c*,
 *   ‖ρ(t) − vec⁻¹(ỹ_d(t))‖_F ≤ η  on [T₁, T₂],   ỹ_d = P_d y_d, y_d from eq. 17,
 *   K_c* = max{ ln(2C/η)/(T₁λ_m(Q_d)), 2D(T₂)/η },   C = ‖ρ(0) − 𝒫_*(ρ(0))‖_F,
 *   D(T₂) = ‖A_d‖/λ_m(Q_d) + f_d(T₂)‖A_d‖(C + T₂‖A_d‖)/λ_m(Q_d),  f_d(T) ≥ ‖e^{Proj(A_d)t}‖ on [0, T].
 *
 * Re-derivation (with the errata of coherent/errata.ts fixed): split ỹ = S_dν̃ + P_dξ̃, ẽ = ξ̃ − y_d.
 * d‖ν̃‖/dt ≤ ‖A‖‖ỹ‖ − K_cλ_m‖ν̃‖ with ‖ỹ‖ = ‖ρ‖_F ≤ 1 gives eq. 35, ‖ν̃(t)‖ ≤ Ce^{−K_cλ_m t} + ‖A‖/(K_cλ_m);
 * dẽ/dt = Proj(A)ẽ + P_dᵀAS_dν̃ with ẽ(0) = 0 gives eq. 36, ‖ẽ(t)‖ ≤ f_d(t)‖A‖(C + t‖A‖)/(K_cλ_m); and
 * ‖ρ − ρ_d‖_F = √(‖ν̃‖² + ‖ẽ‖²) ≤ ‖ν̃‖ + ‖ẽ‖ ≤ Ce^{−K_cλ_m t} + D(t)/K_c. So the stated D(T₂) is
 * confirmed (no corrected variant is needed), with f_d nondecreasing.
 *
 * f_d is derived, not assumed: e^{t·Proj(A_d)} is the restriction to the permutation-invariant subspace of
 * the CPTP semigroup of the symmetrised Lindbladian (1/n!)Σ_π 𝒰_π𝓛𝒰_π⁻¹, so (Russo–Dye: a CPTP map
 * contracts the trace norm of every operator) ‖e^{t·Proj}X‖_F ≤ ‖X‖₁ ≤ 2^{n/2}‖X‖_F for all t:
 * m_d = 0 exactly (eigenvalues on the imaginary axis are semisimple) and M_d ≤ 2^{n/2}. For small p the
 * sharper κ(V) (unit eigenvectors) of the numeric Proj(A_d) is also offered, and the bound used is
 * verified against ‖expm(Proj(A_d)t)‖ on [0, T₂].
 */

/** Largest p for the numeric Jordan/conditioning analysis of Proj(A_d) (n ≤ 5; 81 dense exponentials on the grid). */
export const MAX_GROWTH_DIM = 60;
/** Largest n for the dense numeric check of the theorems on eq. 4 (64×64 at n = 3). */
export const MAX_CHECK_QUBITS = 3;

export interface CoherentStudy {
  readonly eta?: Scalar;
  /** Every η of the study when it lists several (`eta` first); K_c* is also given at each. */
  readonly etas?: readonly Scalar[];
  readonly T1?: Scalar;
  readonly T2?: Scalar;
  readonly Kc?: readonly Scalar[];
  /** Where η, T₁, T₂ come from (default "study block"). */
  readonly source?: string;
}

export interface Theorem3Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly reason: string;
  readonly constants: readonly NamedConstant[];
  readonly KcStar: NamedConstant | null;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly growth: GrowthBound | null;
  /** f_d(T) = M_d Σ_{j≤m_d} T^j used. */
  readonly fd: { readonly M: number; readonly m: number; readonly source: string } | null;
  readonly numericChecks: readonly NumericCheck[];
}

function valueOf(x: Scalar | undefined): number | null {
  if (!x || x.freeParams().length > 0) return null;
  return x.toComplex()[0];
}

/** Shared applicability checks of Theorems 3 and 4. */
export function coherentChecks(d: CoherentDynamics, study: CoherentStudy, needT2: boolean): { checks: ApplicabilityCheck[]; eta: number | null; T1: number | null; T2: number | null } {
  const checks: ApplicabilityCheck[] = [];
  checks.push({
    name: 'connected graph', holds: d.connected,
    detail: d.connected ? 'G is connected: the components of G_d are the S_n-orbits, eq. 13 holds and λ_m(Q_d) > 0' : `G has ${d.graphComponents.length} components: eq. 13 (P_dP_dᵀ = 𝒫_*) fails and λ_m(Q) is not defined for the theorems`,
  });
  checks.push({
    name: 'numeric parameter values', holds: d.lowered !== null && d.norm !== null,
    detail: d.lowered ? 'all parameters have values' : 'symbolic parameters without values: only the exact Proj(A_d) is derived',
  });
  const lm = d.lambdaMin.value;
  checks.push({ name: 'λ_m(Q_d) > 0', holds: lm !== null && lm > 0, detail: lm !== null ? `λ_m(Q_d) = λ_m(Q) = ${d.lambdaMin.latex}` : d.lambdaMin.lambdaQ.note });
  const eta = valueOf(study.eta);
  const T1 = valueOf(study.T1);
  const T2 = valueOf(study.T2);
  const src = study.source ?? 'study block';
  checks.push({ name: 'η > 0', holds: eta !== null && eta > 0, detail: eta !== null ? `η = ${study.eta!.toString()} (${src})` : 'no η given' });
  if (needT2) {
    checks.push({ name: 'T₂ ≥ T₁ > 0', holds: T1 !== null && T2 !== null && T1 > 0 && T2 >= T1, detail: T1 !== null && T2 !== null ? `T₁ = ${study.T1!.toString()}, T₂ = ${study.T2!.toString()} (${src})` : 'T₁, T₂ not given' });
  } else {
    checks.push({ name: 'T₁ > 0', holds: T1 !== null && T1 > 0, detail: T1 !== null ? `T₁ = ${study.T1!.toString()} (${src})` : 'T₁ not given' });
  }
  return { checks, eta, T1, T2 };
}

/** The constants C, ‖A_d‖, λ_m(Q_d) shared by Theorems 3 and 4. */
export function coherentBaseConstants(d: CoherentDynamics): NamedConstant[] {
  const out: NamedConstant[] = [];
  const C = d.symmetryDefect.value;
  out.push(C.exact
    ? exactConstant('C', 'symmetry defect ‖ρ(0) − 𝒫_*(ρ(0))‖_F', C.exact, d.symmetryDefect.note, d.params)
    : numericConstant('C', 'symmetry defect ‖ρ(0) − 𝒫_*(ρ(0))‖_F', C.numeric[0], d.symmetryDefect.note));
  out.push(numericConstant('\\|A_d\\|', 'spectral norm of the generator A (eq. 14 without coupling)', d.norm!.value, d.norm!.note));
  const lm = d.lambdaMin;
  out.push(lm.exact && lm.lambdaQ.exact
    ? exactConstant('\\lambda_m(Q_d)', 'smallest nonzero eigenvalue of Q_d', lm.lambdaQ.exact, `λ_m(Q_d) = λ_m(Q) (${lm.method}); ${lm.lambdaQ.note}`)
    : numericConstant('\\lambda_m(Q_d)', 'smallest nonzero eigenvalue of Q_d', lm.value, `λ_m(Q_d) = λ_m(Q) (${lm.method}); ${lm.lambdaQ.note}`));
  return out;
}

/** The ingredients of the dense check on eq. 4 (n ≤ 3): A, Q_d (column stacking), the lift map, ỹ(0). */
export interface DenseCheckData {
  readonly A: CMatrix;
  readonly Qd: CMatrix;
  /** orbit index of each vec position x = l + 2ⁿl'. */
  readonly orbitOf: Int32Array;
  /** 1/√|V_m|. */
  readonly invSqrtSize: Float64Array;
  readonly y0: Float64Array;
}

export function denseCheckData(d: CoherentDynamics, initialMatrix: [number, number][][]): DenseCheckData {
  const n = d.n;
  const dim = 2 ** n;
  const N = dim * dim;
  const A = denseGenerator(d.lowered!);
  const g = inducedGraph(n, d.graphEdges);
  const Qd = { rows: N, cols: N, data: new Float64Array(2 * N * N) };
  for (let x = 0; x < N; x++) for (let e = g.laplacian.rowPtr[x]; e < g.laplacian.rowPtr[x + 1]; e++) Qd.data[2 * (x * N + g.laplacian.colIdx[e])] = g.laplacian.values[2 * e];
  const orbits = orbitIndex(n);
  const orbitOf = new Int32Array(N);
  for (let x = 0; x < N; x++) {
    const c = unitCounts(x % dim, Math.floor(x / dim), n);
    orbitOf[x] = orbits.rank(c[0], c[1], c[2]);
  }
  const invSqrtSize = Float64Array.from(orbits.counts.map((c) => Math.exp(-0.5 * logOrbitSize(c))));
  const y0 = new Float64Array(2 * N);
  for (let l = 0; l < dim; l++) for (let lp = 0; lp < dim; lp++) {
    y0[2 * (l + dim * lp)] = initialMatrix[l][lp][0];
    y0[2 * (l + dim * lp) + 1] = initialMatrix[l][lp][1];
  }
  return { A, Qd, orbitOf, invSqrtSize, y0 };
}

/** e^{(A − K_c Q_d)t}ỹ(0) on a uniform grid (dense exponentials, one per step length). */
export function fullTrajectory(data: DenseCheckData, Kc: number, times: readonly number[]): Float64Array[] {
  const N = data.A.rows;
  const G = { rows: N, cols: N, data: new Float64Array(data.A.data.length) };
  for (let i = 0; i < G.data.length; i++) G.data[i] = data.A.data[i] - Kc * data.Qd.data[i];
  return stepTrajectory(G, data.y0, times);
}

function stepTrajectory(G: CMatrix, y0: Float64Array, times: readonly number[]): Float64Array[] {
  const scaled = (t: number): CMatrix => ({ rows: G.rows, cols: G.cols, data: G.data.map((v) => v * t) });
  const out: Float64Array[] = [];
  let y = matvecInto(new Float64Array(y0.length), expm(scaled(times[0])), y0);
  out.push(y);
  const cache = new Map<string, CMatrix>();
  for (let k = 1; k < times.length; k++) {
    const dt = times[k] - times[k - 1];
    const key = dt.toPrecision(12);
    let E = cache.get(key);
    if (!E) {
      E = expm(scaled(dt));
      cache.set(key, E);
    }
    y = matvecInto(new Float64Array(y.length), E, y);
    out.push(y);
  }
  return out;
}

/** e^{Proj(A_d)t}y_d(0) on a grid. */
export function blendedTrajectory(B: CMatrix, yd0: Float64Array, times: readonly number[]): Float64Array[] {
  return stepTrajectory(B, yd0, times);
}

/**
 * Theorem 3's applicability, constants (each named, valued, sourced) and K_c*, with a numeric check on
 * eq. 4 for n ≤ 3 at K_c = K_c* and at the study gains.
 */
export function theorem3(d: CoherentDynamics, study: CoherentStudy, options: { initialMatrix?: [number, number][][] } = {}): Theorem3Result {
  const { checks, eta, T1, T2 } = coherentChecks(d, study, true);
  const failed = checks.filter((c) => c.holds !== true);
  const empty: Theorem3Result = { applies: false, checks, reason: '', constants: [], KcStar: null, KcStarByEta: [], growth: null, fd: null, numericChecks: [] };
  if (failed.length > 0) return { ...empty, reason: `Theorem 3 does not apply: ${failed.map((c) => `${c.name} — ${c.detail}`).join('; ')}.` };
  const constants = coherentBaseConstants(d);
  const c = d.symmetryDefect.value.numeric[0];
  const A = d.norm!.value;
  const lm = d.lambdaMin.value!;
  const t1 = T1!;
  const t2 = T2!;
  const structural = { M: 2 ** (d.n / 2), m: 0, source: `e^{t·Proj(A_d)} is a CPTP semigroup restricted to the permutation-invariant subspace: ‖e^{t·Proj}X‖_F ≤ ‖X‖₁ ≤ 2^{n/2}‖X‖_F (Russo–Dye), so M_d ≤ 2^{${d.n}/2} and m_d = 0` };
  let growth: GrowthBound | null = null;
  let fd: { M: number; m: number; source: string } = structural;
  if (d.projectedDense && d.projectedDense.rows <= MAX_GROWTH_DIM) {
    growth = growthBound(d.projectedDense, { exactM: 0, knownBounds: [structural], times: uniformGrid(0, t2, 80) });
    fd = { M: growth.M, m: growth.m, source: growth.source };
  }
  constants.push(exactConstant('m_d', 'polynomial growth degree of ‖e^{Proj(A_d)t}‖', Scalar.int(fd.m),
    'bounded semigroup ⇒ every eigenvalue of Proj(A_d) on the imaginary axis is semisimple ⇒ m_d = 0' + (growth ? `; numerical Jordan analysis gives ${growth.jordanM ?? 'n/a'}` : '')));
  constants.push(numericConstant('M_d', 'growth constant of ‖e^{Proj(A_d)t}‖', fd.M,
    `${fd.source}${growth ? `; candidates: ${growth.candidates.map((x) => `M = ${formatDouble(x.M)}, m = ${x.m}`).join('; ')}; grid check on [0, T₂]: max ‖e^{Proj t}‖/f_d(t) = ${formatDouble(growth.check.maxRatio)}` : ''}`));
  const f2 = growthValue(fd, t2);
  constants.push(numericConstant('f_d(T_2)', 'growth bound at T₂', f2, `f_d(T₂) = M_d Σ_{j≤m_d} T₂^j, T₂ = ${formatDouble(t2)}`));
  const D = A / lm + (f2 * A * (c + t2 * A)) / lm;
  constants.push(numericConstant('D(T_2)', 'perturbation constant', D, 'D(T₂) = ‖A_d‖/λ_m(Q_d) + f_d(T₂)‖A_d‖(C + T₂‖A_d‖)/λ_m(Q_d) (as stated; confirmed by re-deriving eqs. 35–36)'));
  const k1 = transientThreshold(c, t1, lm, eta!);
  const k2 = (2 * D) / eta!;
  constants.push(numericConstant('K_{c,1}^*', 'transient threshold', k1, 2 * c > eta! ? 'ln(2C/η)/(T₁λ_m(Q_d)): makes Ce^{−K_cλ_mT₁} ≤ η/2' : '2C ≤ η: the transient term is ≤ η/2 for every K_c'));
  constants.push(numericConstant('K_{c,2}^*', 'perturbation threshold', k2, '2D(T₂)/η: makes D(t)/K_c ≤ η/2 on [0, T₂]'));
  const KcStar = theorem3KcStar(c, t1, lm, D, eta!);
  constants.push(KcStar);
  const KcStarByEta = thresholdsByEta(KcStar, study.etas, (e) => theorem3KcStar(c, t1, lm, D, e));
  const numericChecks = options.initialMatrix && d.n <= MAX_CHECK_QUBITS && d.projectedDense
    ? theorem3Checks(d, options.initialMatrix, [KcStar.value!, ...(study.Kc ?? []).map((k) => k.toComplex()[0])], t1, t2, eta!)
    : [];
  return {
    applies: true, checks, reason: 'Theorem 3 applies: the graph is connected and η, T₁ ≤ T₂ are given.',
    constants, KcStar, KcStarByEta, growth, fd, numericChecks,
  };
}

/**
 * K_c* of Theorem 3 at η: max{K_{c,1}*, K_{c,2}*} with K_{c,1}* = ln(2C/η)/(T₁λ_m(Q_d)) (or 0 when
 * 2C ≤ η) and K_{c,2}* = 2D(T₂)/η (end of Appendix C).
 * @example theorem3KcStar(1, 1, 1, 1, 4).value // => 0.5
 */
export function theorem3KcStar(C: number, T1: number, lambdaMin: number, D: number, eta: number): NamedConstant {
  const k1 = transientThreshold(C, T1, lambdaMin, eta);
  const k2 = (2 * D) / eta;
  return numericConstant('K_c^*', 'coupling threshold of Theorem 3', Math.max(k1, k2), `K_c* = max{K_{c,1}*, K_{c,2}*} = max{${formatDouble(k1)}, ${formatDouble(k2)}}`);
}

/** max over [T₁, T₂] of ‖ρ(t) − vec⁻¹(P_d y_d(t))‖_F for each gain; `holds` is judged only for K_c ≥ K_c*. */
function theorem3Checks(d: CoherentDynamics, rho0: [number, number][][], gains: number[], t1: number, t2: number, eta: number): NumericCheck[] {
  const data = denseCheckData(d, rho0);
  const times = uniformGrid(t1, t2, 80);
  const yd0 = new Float64Array(2 * d.components);
  d.initial.values.forEach((v, m) => { yd0[2 * m] = v.numeric[0]; yd0[2 * m + 1] = v.numeric[1]; });
  const blended = blendedTrajectory(d.projectedDense!, yd0, times);
  const star = gains[0];
  return gains.map((Kc, idx) => {
    const full = fullTrajectory(data, Kc, times);
    let worst = 0;
    full.forEach((y, k) => {
      let s = 0;
      for (let x = 0; x < data.orbitOf.length; x++) {
        const m = data.orbitOf[x];
        const f = data.invSqrtSize[m];
        s += (y[2 * x] - blended[k][2 * m] * f) ** 2 + (y[2 * x + 1] - blended[k][2 * m + 1] * f) ** 2;
      }
      worst = Math.max(worst, Math.sqrt(s));
    });
    const label = idx === 0 ? 'K_c*' : 'study gain';
    return {
      Kc, observed: worst, bound: eta, holds: worst <= eta,
      description: `${label} ${formatDouble(Kc)}: max over 81 times in [T₁, T₂] of ‖ρ(t) − vec⁻¹(ỹ_d(t))‖_F = ${formatDouble(worst)} (η = ${formatDouble(eta)}${Kc >= star ? '' : '; below K_c*, the theorem promises nothing'})`,
    };
  });
}
