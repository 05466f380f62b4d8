import { Scalar } from '../algebra/scalar.ts';
import {
  ConstantTable, type EtaThreshold, type GrowthBound, type NamedConstant, type TheoremConstants, exactConstant, formatDouble, growthBound, growthValue, numericConstant,
  thresholdsByEta, transientThreshold, uniformGrid,
} from './common.ts';
import {
  reducedTheoremHypotheses, valueOf, type ApplicabilityCheck, type TheoremInputs, type TheoremOutcome, consensusDefect, failedHypotheses, localGeneratorsNorm, lowerExact,
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
/** Theorem 2's constants, as typed fields (Appendix B). */
export type Theorem2Key = 'C' | 'lambdaMin' | 'normL' | 'm' | 'M' | 'fT2' | 'D' | 'DPrime' | 'KcStar' | 'KcStarPrime';

export interface Theorem2Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly outcome: TheoremOutcome;
  /** C = C₀, λ_m(Q), ‖𝓛‖, m, M, f(T₂), D(T₂) (paper), D(T₂)′ (re-derived), K_c* and K_c*′. */
  readonly constants: TheoremConstants<Theorem2Key>;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly growth: GrowthBound | null;
}

export function theorem2(inp: TheoremInputs): Theorem2Result {
  const checks: ApplicabilityCheck[] = reducedTheoremHypotheses(inp);
  const eta = valueOf(inp.eta);
  const T1 = valueOf(inp.T1);
  const T2 = valueOf(inp.T2);
  checks.push({ id: 'eta', holds: eta !== null && eta > 0, eta: eta !== null ? inp.eta!.toString() : null, source: inp.studySource });
  const given = T1 !== null && T2 !== null;
  checks.push({
    id: 'window', holds: given && T1 > 0 && T2 >= T1,
    T1: given ? inp.T1!.toString() : null, T2: given ? inp.T2!.toString() : null, source: inp.studySource,
  });
  const free = inp.blended ? inp.blended.superop.freeParams() : [];
  checks.push({ id: 'numeric-parameters', holds: free.length === 0, valuesGiven: free.length === 0, free });
  checks.push({ id: 'relaxing-not-required', holds: true });
  const failed = failedHypotheses(checks);
  const applies = failed.length === 0;
  const table = new ConstantTable<Theorem2Key>();
  const empty: Omit<Theorem2Result, 'outcome'> = { applies: false, checks, constants: table.done(), KcStarByEta: [], growth: null };
  if (!inp.separability.separable || !inp.locals || !inp.blended || !inp.steady || !inp.initialReduced) {
    return { ...empty, outcome: { kind: 'assumption-1-fails' } };
  }
  if (!applies) return { ...empty, outcome: { kind: 'hypotheses-fail', failed } };
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
  table.add('C', { ...C0, symbol: 'C', name: 'initial consensus defect C = C₀' });
  table.add('lambdaMin', lm.exact ? exactConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.exact, ['graph spectrum: ', lm.note]) : numericConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lmV, lm.note));
  table.add('normL', normL);
  table.add('m', exactConstant('m', 'polynomial growth degree of ‖e^{𝓛̄t}‖', Scalar.int(growth.m), `${growth.jordanSource}: largest Jordan block on the imaginary axis minus one = ${growth.jordanM}; bound used: ${growth.source}`));
  table.add('M', numericConstant('M', 'growth constant', growth.M, `${growth.source} (candidates: ${growth.candidates.map((c) => `M = ${formatDouble(c.M)}, m = ${c.m}`).join('; ')}); grid check on [0, T₂]: max ‖e^{𝓛̄t}‖/f(t) = ${formatDouble(growth.check.maxRatio)}`));
  const f2 = growthValue(growth, t2);
  table.add('fT2', numericConstant('f(T_2)', 'growth bound at T₂', f2, `f(T₂) = M Σ_{j≤m} T₂^j with T₂ = ${formatDouble(t2)}`));
  const D = (n * L) / lmV + (f2 * L * c0) / (n * lmV);
  const Dc = (n * L) / lmV + (f2 * L * (c0 + n * t2 * L)) / lmV;
  table.add('D', numericConstant('D(T_2)', 'perturbation constant (paper)', D, 'D(T₂) = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖C/(nλ_m), as stated after Theorem 2'));
  table.add('DPrime', numericConstant("D(T_2)'", 'perturbation constant (re-derived)', Dc, "D(T₂)' = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖(C + nT₂‖𝓛‖)/λ_m: eq. 30 with the T₂‖𝓛‖ term kept and ‖(1/n)Σ_j𝓛_j(ρ_j − ρ̄)‖ ≤ ‖𝓛‖max_j‖ρ_j − ρ̄‖"));
  const k1 = transientThreshold(c0, t1, lmV, eta!);
  const k2c = (2 * Dc) / eta!;
  const KcStar = theorem2KcStar(c0, t1, lmV, D, eta!);
  const KcStarByEta = thresholdsByEta(KcStar, inp.etas, (e) => theorem2KcStar(c0, t1, lmV, D, e));
  table.add('KcStar', KcStar);
  table.add('KcStarPrime', numericConstant("K_c^{*\\prime}", 'coupling threshold (re-derived)', Math.max(k1, k2c), `K_c*' = max{K_{c,1}*, 2D(T₂)'/η} = max{${formatDouble(k1)}, ${formatDouble(k2c)}}`));
  return {
    applies, checks, outcome: { kind: 'applies' },
    constants: table.done(), KcStarByEta, growth,
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
