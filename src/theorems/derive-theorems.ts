/**
 * Theorems 1–4 of the paper added to a derivation: each theorem reads the §4 value
 * (`reduced/derive.ts`, `deriveReduced`) or the §5 value (`coherent/derive.ts`, `deriveCoherent`) it
 * applies to and returns its hypotheses, typed constants and K_c*; nothing here re-derives §4 or §5.
 * Plus the errata found while re-deriving the proofs of Theorems 1–2 (Appendices A–B).
 */
import type { Scalar } from '../algebra/scalar.ts';
import type { NetworkModel } from '../model/network.ts';
import type { Erratum, ReducedDerivation } from '../reduced/derive.ts';
import type { CoherentDerivation } from '../coherent/derive.ts';
import { type Theorem1Result, type TheoremInputs, theorem1 } from './theorem1.ts';
import { type Theorem2Result, theorem2 } from './theorem2.ts';
import { type CoherentStudy, type Theorem3Result, theorem3 } from './theorem3.ts';
import { type Theorem4Result, theorem4 } from './theorem4.ts';

/** The four theorems of one model, each with its applicability, constants and K_c*. */
export interface TheoremResults {
  readonly T1: Theorem1Result;
  readonly T2: Theorem2Result;
  readonly T3: Theorem3Result;
  readonly T4: Theorem4Result;
  /** Errata in the proofs of Theorems 1–2 (empty when Assumption 1 fails and they do not apply). */
  readonly proofErrata: readonly Erratum[];
}

export type TheoremKey = 'T1' | 'T2' | 'T3' | 'T4';

/** Errata in the proofs of Theorems 1–2, found by re-deriving eqs. 24–30. */
export function proofErrata(): Erratum[] {
  return [
    {
      id: 'theorem1-kernel', location: 'Appendix A, display before eq. 27', stated: '∫₀ᵗ e^{λ_k τ} c_k(…(τ)) dτ', derived: '∫₀ᵗ e^{λ_k (t−τ)} c_k(…(τ)) dτ (variation of constants)', residual: '—',
      likelyCause: 'typo in the convolution kernel; with the correct kernel ∫₀ᵗe^{−μ(t−τ)}e^{−K_cλ_mτ}dτ ≤ 1/(K_cλ_m − μ), not 1/(μ + K_cλ_m), so eq. 28 needs K_c > μ/λ_m strictly (K_c ≥ 2μ/λ_m gives the factor 2)',
    },
    {
      id: 'mean-bound', location: 'Appendix A eq. 27 and Appendix B eq. 29', stated: '‖(1/n)Σ_j 𝓛_j(ρ_j − ρ̄)‖_F ≤ (‖𝓛‖/n) max_j ‖ρ_j − ρ̄‖_F', derived: '≤ ‖𝓛‖ max_j ‖ρ_j − ρ̄‖_F (a mean of n terms is bounded by their max, not by 1/n of it)', residual: 'factor n',
      likelyCause: 'the 1/n of the mean kept after bounding the sum by one term; the re-derived D′ and K_c*′ are reported next to the paper\'s',
    },
    {
      id: 'theorem2-D', location: 'Theorem 2, D(T₂); Appendix B after eq. 30', stated: 'D(T₂) = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖C/(nλ_m)', derived: 'D(T₂) = n‖𝓛‖/λ_m + f(T₂)‖𝓛‖(C/n + T₂‖𝓛‖)/λ_m from eq. 30 as printed (and with C + nT₂‖𝓛‖ after the mean-bound fix)', residual: 'missing f(T₂)T₂‖𝓛‖²/λ_m',
      likelyCause: 'the t‖𝓛‖ term of eq. 30\'s second line was dropped when D(t) was read off; eq. 30 also writes 1 − e^{K_cλ_mt} for 1 − e^{−K_cλ_mt}',
    },
    {
      id: 'theorem1-t0', location: 'Theorem 1, eq. 7 (first line) from E(t) ≤ C₁e^{−μt} + D/K_c', stated: 'E(t) ≤ C₁e^{−μt/2} for 0 ≤ t ≤ (2/μ)ln(C₁/η₁)', derived: 'E(t) ≤ C₁e^{−μt} + η₁/2, which exceeds C₁e^{−μt/2} near t = 0', residual: 'up to D/K_c ≤ η₁/2 at t = 0',
      likelyCause: 'the D/K_c term is dropped on the transient window; the tail claim E ≤ η₁ after the time also needs C₁ ≥ 2η₁ (η₁²/C₁ + η₁/2 ≤ η₁)',
    },
    {
      id: 'theorem2-m', location: 'Appendix B before eq. 29', stated: "m: index of the largest Jordan block of 𝓛's row stacking", derived: 'm: largest Jordan block of 𝓛̄ among eigenvalues on the imaginary axis, minus one (= 0 for any Lindbladian: the semigroup is bounded)', residual: '—',
      likelyCause: '𝓛 (the direct sum) written for 𝓛̄; decaying Jordan blocks do not make ‖e^{𝓛̄t}‖ grow',
    },
  ];
}

/** Every η of the study (K_c* is given at each), unless the §4 derivation was asked for another η. */
function studyEtas(model: NetworkModel, reduced: ReducedDerivation): { etas?: readonly Scalar[] } {
  return model.study.etaList && reduced.eta === model.study.eta ? { etas: model.study.etaList } : {};
}

/** η, T₁, T₂ for the theorems (the §4 derivation resolved them, with their defaults and source). */
function coherentStudy(model: NetworkModel, reduced: ReducedDerivation): CoherentStudy {
  return {
    ...(reduced.eta ? { eta: reduced.eta } : {}), ...studyEtas(model, reduced),
    T1: reduced.T1, T2: reduced.T2, Kc: model.study.Kc, source: reduced.windowSource,
  };
}

/**
 * Theorems 1–4 for a model, from its §4 and §5 derivations.
 * @example ((m) => deriveTheorems(m, deriveReduced(m), deriveCoherent(m)).T1.applies)(parseModel('qubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial:\n  product: [\'|0><0|\', \'|1><1|\']\n')) // => false
 */
export function deriveTheorems(model: NetworkModel, reduced: ReducedDerivation, coherent: CoherentDerivation): TheoremResults {
  const analysis = reduced.blendedAtValues ?? reduced.blended;
  const inputs: TheoremInputs = {
    n: reduced.n, graph: reduced.graph, separability: reduced.separability, productInitial: reduced.productInitial,
    locals: reduced.localsAtValues, blended: analysis?.generator ?? null, steady: analysis?.steady ?? null,
    lambdaMin: reduced.lambdaMin, initialReduced: reduced.initialReduced, eta: reduced.eta, T1: reduced.T1, T2: reduced.T2, studySource: reduced.windowSource,
    ...studyEtas(model, reduced),
  };
  const study = coherentStudy(model, reduced);
  return {
    T1: theorem1(inputs),
    T2: theorem2(inputs),
    T3: theorem3(coherent, study),
    T4: theorem4(coherent, study),
    proofErrata: reduced.separability.separable ? proofErrata() : [],
  };
}
