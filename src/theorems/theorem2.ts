import { Scalar } from '../algebra/scalar.ts';
import { blendedInitial } from '../reduced/blended-generator.ts';
import {
  type EtaThreshold, type GrowthBound, type NamedConstant, exactConstant, formatDouble, growthBound, growthValue, numericConstant, thresholdsByEta, transientThreshold,
  uniformGrid,
} from './common.ts';
import {
  MAX_CHECK_QUBITS, reducedTheoremHypotheses, valueOf, type ApplicabilityCheck, type NumericCheck, type TheoremInputs, consensusDefect, localGeneratorsNorm, lowerExact, maxDistance,
  numericReducedGenerator, propagateReduced, stackReduced,
} from './theorem1.ts';

/**
 * Theorem 2 (paper §4.3, proof in Appendix B, eqs. 29–30): under Assumption 1, for η > 0 and
 * T₂ ≥ T₁ > 0, max_j ‖ρ_j(t) − ρ_b(t)‖_F ≤ η on [T₁, T₂] once K_c ≥ K_c*, with
 *   K_c* = max{ln(2C/η)/(T₁λ_m), 2D(T₂)/η},  C = C₀ = √(Σ_j‖ρ_j(0) − ρ̄(0)‖²_F),
 *   D(T₂) = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖C₀/(nλ_m)          (as stated),
 *   f(T) = M Σ_{j≤m} T^j ≥ ‖e^{𝓛̄t}‖ on [0, T].
 * No relaxation is needed. Re-deriving eq. 30: the error e = ρ̄ − ρ_b obeys
 * ‖e(t)‖ ≤ f(t)∫₀ᵗ ‖(1/n)Σ_j𝓛_j(ρ_j − ρ̄)‖dτ ≤ f(t)‖𝓛‖∫₀ᵗ (C₀e^{−K_cλ_mτ} + n‖𝓛‖/(K_cλ_m))dτ
 *   ≤ (1/K_c)(f(t)‖𝓛‖/λ_m)(C₀ + n t‖𝓛‖),
 * so D(T₂)' = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖(C₀ + nT₂‖𝓛‖)/λ_m: the stated D(T₂) drops the T₂‖𝓛‖ term that
 * eq. 30's own second line carries, and divides by n where a mean of n terms is bounded by its max.
 *
 * m and M: a quantum dynamical semigroup is bounded, so eigenvalues of 𝓛̄ on the imaginary axis are
 * semisimple and m = 0 (confirmed from the exact Jordan structure); M is the smallest of κ(V) (unit
 * eigenvectors), 1 for a normal 𝓛̄ (purely Hamiltonian: anti-Hermitian superoperator), and 2 from
 * positivity and trace preservation (‖e^{𝓛̄t}X‖_F ≤ ‖·‖₁ bounds: X = A + iB Hermitian parts,
 * ‖Φ(A)‖_F ≤ ‖Φ(A)‖₁ ≤ ‖A‖₁ ≤ √2‖A‖_F, and ‖A‖_F + ‖B‖_F ≤ √2‖X‖_F).
 */
export interface Theorem2Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly reason: string;
  readonly constants: readonly NamedConstant[];
  readonly KcStar: NamedConstant | null;
  readonly KcStarCorrected: NamedConstant | null;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly growth: GrowthBound | null;
  readonly numericChecks: readonly NumericCheck[];
}

export function theorem2(inp: TheoremInputs): Theorem2Result {
  const checks: ApplicabilityCheck[] = reducedTheoremHypotheses(inp);
  const eta = valueOf(inp.eta);
  const T1 = valueOf(inp.T1);
  const T2 = valueOf(inp.T2);
  checks.push({ name: 'η > 0', holds: eta !== null && eta > 0, detail: eta !== null ? `η = ${inp.eta!.toString()} (${inp.studySource})` : 'no η given' });
  checks.push({
    name: 'T₂ ≥ T₁ > 0', holds: T1 !== null && T2 !== null && T1 > 0 && T2 >= T1,
    detail: T1 !== null && T2 !== null ? `T₁ = ${inp.T1!.toString()}, T₂ = ${inp.T2!.toString()} (${inp.studySource})` : 'T₁, T₂ not given',
  });
  const free = inp.blended ? inp.blended.superop.freeParams() : [];
  checks.push({ name: 'numeric parameter values', holds: free.length === 0, detail: free.length === 0 ? 'all parameters have values' : `symbolic parameters without values: ${free.join(', ')}` });
  checks.push({ name: 'relaxing (not required)', holds: true, detail: 'Theorem 2 does not need (6) to be relaxing: it tracks ρ_b(t) on a finite window, orbits included' });
  const failed = checks.filter((c) => c.name !== 'Assumption 1 (product initial state)' && c.holds !== true);
  const applies = failed.length === 0;
  const empty: Theorem2Result = { applies: false, checks, reason: '', constants: [], KcStar: null, KcStarCorrected: null, KcStarByEta: [], growth: null, numericChecks: [] };
  if (!inp.separability.separable || !inp.locals || !inp.blended || !inp.steady || !inp.initialReduced) {
    return { ...empty, reason: 'Theorem 2 does not apply: Assumption 1 fails; see the coherent analysis (§5, Theorem 3).' };
  }
  if (!applies) return { ...empty, reason: `Theorem 2 does not apply: ${failed.map((c) => `${c.name} — ${c.detail}`).join('; ')}.` };
  const n = inp.n;
  const lm = inp.lambdaMin;
  const lmV = lm.numeric!;
  const C0 = consensusDefect(inp.initialReduced);
  const c0 = C0.value!;
  const normL = localGeneratorsNorm(inp.locals);
  const L = normL.value!;
  const G = lowerExact(inp.blended.superop);
  const t1 = T1!;
  const t2 = T2!;
  const growth = growthBound(G, {
    exactM: inp.steady.jordan.m,
    knownBounds: [
      // Exact structure first: a purely Hamiltonian 𝓛̄ = −i(I⊗H̄ − H̄ᵀ⊗I) is anti-Hermitian, so e^{𝓛̄t} is unitary.
      ...(inp.blended.superop.dagger().equals(inp.blended.superop.neg())
        ? [{ M: 1, m: 0, source: 'exact: 𝓛̄† = −𝓛̄ (purely Hamiltonian blended generator), so e^{𝓛̄t} is unitary and ‖e^{𝓛̄t}‖ = 1' }]
        : []),
      { M: 2, m: 0, source: '𝓛̄ generates a positive trace-preserving semigroup: ‖e^{𝓛̄t}‖_{F→F} ≤ 2 on 2×2 matrices (trace-norm contraction on Hermitian parts)' },
    ],
    times: uniformGrid(0, t2, 80),
  });
  const constants: NamedConstant[] = [];
  constants.push({ ...C0, symbol: 'C', name: 'initial consensus defect C = C₀' });
  constants.push(lm.exact ? exactConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.exact, `graph spectrum: ${lm.note}`) : numericConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lmV, lm.note));
  constants.push(normL);
  constants.push(exactConstant('m', 'polynomial growth degree of ‖e^{𝓛̄t}‖', Scalar.int(growth.m), `${growth.jordanSource}: largest Jordan block on the imaginary axis minus one = ${growth.jordanM}; bound used: ${growth.source}`));
  constants.push(numericConstant('M', 'growth constant', growth.M, `${growth.source} (candidates: ${growth.candidates.map((c) => `M = ${formatDouble(c.M)}, m = ${c.m}`).join('; ')}); grid check on [0, T₂]: max ‖e^{𝓛̄t}‖/f(t) = ${formatDouble(growth.check.maxRatio)}`));
  const f2 = growthValue(growth, t2);
  constants.push(numericConstant('f(T_2)', 'growth bound at T₂', f2, `f(T₂) = M Σ_{j≤m} T₂^j with T₂ = ${formatDouble(t2)}`));
  const D = (n * L) / lmV + (f2 * L * c0) / (n * lmV);
  const Dc = (n * L) / lmV + (f2 * L * (c0 + n * t2 * L)) / lmV;
  constants.push(numericConstant('D(T_2)', 'perturbation constant (paper)', D, 'D(T₂) = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖C/(nλ_m), as stated after Theorem 2'));
  constants.push(numericConstant("D(T_2)'", 'perturbation constant (re-derived)', Dc, "D(T₂)' = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖(C + nT₂‖𝓛‖)/λ_m: eq. 30 with the T₂‖𝓛‖ term kept and ‖(1/n)Σ_j𝓛_j(ρ_j − ρ̄)‖ ≤ ‖𝓛‖max_j‖ρ_j − ρ̄‖"));
  const k1 = transientThreshold(c0, t1, lmV, eta!);
  const k2c = (2 * Dc) / eta!;
  const KcStar = theorem2KcStar(c0, t1, lmV, D, eta!);
  const KcStarByEta = thresholdsByEta(KcStar, inp.etas, (e) => theorem2KcStar(c0, t1, lmV, D, e));
  const KcStarCorrected = numericConstant("K_c^{*\\prime}", 'coupling threshold (re-derived)', Math.max(k1, k2c), `K_c*' = max{K_{c,1}*, 2D(T₂)'/η} = max{${formatDouble(k1)}, ${formatDouble(k2c)}}`);
  constants.push(KcStar, KcStarCorrected);

  // Numeric check on [T₁, T₂]: eq. 5 and eq. 6 integrated exactly (expm), max_j ‖ρ_j − ρ_b‖_F ≤ η.
  const numericChecks: NumericCheck[] = [];
  const x0 = stackReduced(inp.initialReduced);
  const b0 = stackReduced([blendedInitial(inp.initialReduced)]);
  for (const [label, Kc] of n <= MAX_CHECK_QUBITS ? ([['paper K_c*', KcStar.value!], ["re-derived K_c*'", KcStarCorrected.value!]] as const) : []) {
    const Gr = numericReducedGenerator(inp.locals, inp.graph, Kc);
    let worst = 0;
    for (const t of uniformGrid(t1, t2, 80)) {
      const rb = propagateReduced(G, b0, t);
      worst = Math.max(worst, maxDistance(propagateReduced(Gr, x0, t), rb, n));
    }
    numericChecks.push({
      Kc, holds: worst <= eta!, observed: worst, bound: eta!,
      description: `${label} = ${formatDouble(Kc)}: max over 81 times in [T₁, T₂] of max_j‖ρ_j(t) − ρ_b(t)‖_F = ${formatDouble(worst)} (η = ${formatDouble(eta!)})`,
    });
  }
  return {
    applies, checks, reason: 'Theorem 2 applies: Assumption 1 holds, the graph is connected, and η, T₁ ≤ T₂ are given.',
    constants, KcStar, KcStarCorrected, KcStarByEta, growth, numericChecks,
  };
}

/**
 * K_c* of Theorem 2's statement at η: max{K_{c,1}*, 2D(T₂)/η}, K_{c,1}* = ln(2C/η)/(T₁λ_m) (or 0
 * when 2C ≤ η), D(T₂) the paper's.
 * @example theorem2KcStar(1, 1, 1, 1, 4).value // => 0.5
 */
export function theorem2KcStar(C: number, T1: number, lambdaMin: number, D: number, eta: number): NamedConstant {
  const k1 = transientThreshold(C, T1, lambdaMin, eta);
  const k2 = (2 * D) / eta;
  const k1Note = 2 * C > eta ? `ln(2C/η)/(T₁λ_m) = ${formatDouble(k1)}` : `2C ≤ η, so the transient term Ce^{−K_cλ_mT₁} ≤ η/2 for every K_c: K_{c,1}* = 0`;
  return numericConstant('K_c^*', 'coupling threshold (paper)', Math.max(k1, k2), `K_c* = max{K_{c,1}*, 2D(T₂)/η} with ${k1Note} and 2D(T₂)/η = ${formatDouble(k2)}`);
}
