import { fromReal } from '../numeric/cmatrix.ts';
import { hermitianEig } from '../numeric/eig.ts';
import { type BlendedDerivation, type Erratum, type ReducedModelInput, type ReducedOptions, deriveBlended } from '../reduced/derive.ts';
import { type Json, blendedToJson } from '../reduced/to-json.ts';
import type { NamedConstant } from './common.ts';
import { type Theorem1Result, type TheoremInputs, theorem1 } from './theorem1.ts';
import { type Theorem2Result, theorem2 } from './theorem2.ts';

/**
 * The whole of the paper's §4 for one model: `deriveBlended` (exact: separability, eq. 5, eq. 6,
 * steady states, spectra, λ_m, exact errata) plus Theorems 1–2 with every constant, the errata found
 * while re-deriving their proofs (Appendices A–B), and an explanation per constant. Plain data, no I/O.
 * It lives in the theorems layer because `reduced` may import neither the float layer nor the
 * theorems (test/architecture.test.ts); explicit graphs get λ_m from the Hermitian eigensolver here.
 */
export interface ReducedDerivation extends BlendedDerivation {
  readonly theorem1: Theorem1Result;
  readonly theorem2: Theorem2Result;
}

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

function constantExplanation(c: NamedConstant): string {
  return `$${c.symbol} = ${c.latex}$${c.kind === 'numeric' ? ' (numeric)' : ''}: ${c.source}.`;
}

/**
 * §4 with the theorems.
 * @example deriveReduced(parseModel('qubits: 2\ngraph: complete\nhamiltonian: sz(1)\ninitial:\n  product: [\'|0><0|\', \'|1><1|\']\n')).theorem1.applies // => false
 */
export function deriveReduced(model: ReducedModelInput, options: ReducedOptions = {}): ReducedDerivation {
  const b = deriveBlended(model, {
    eigenvalues: (rows) => Array.from(hermitianEig(fromReal(rows), { vectors: false }).values),
    ...options,
  });
  const analysis = b.blendedAtValues ?? b.blended;
  const inputs: TheoremInputs = {
    n: b.n, graph: b.graph, separability: b.separability, productInitial: b.productInitial,
    locals: b.localsAtValues, blended: analysis?.generator ?? null, steady: analysis?.steady ?? null,
    lambdaMin: b.lambdaMin, initialReduced: b.initialReduced, eta: b.eta, T1: b.T1, T2: b.T2, studySource: b.windowSource,
    // An η given in the options replaces the study's, list included.
    ...(options.eta === undefined && model.study.etaList ? { etas: model.study.etaList } : {}),
  };
  const t1 = theorem1(inputs);
  const t2 = theorem2(inputs);
  const explanations = [...b.explanations];
  explanations.push(`Theorem 1: ${t1.reason}`);
  for (const c of t1.constants) explanations.push(constantExplanation(c));
  explanations.push(`Theorem 2: ${t2.reason}`);
  for (const c of t2.constants) explanations.push(constantExplanation(c));
  const errata = b.separability.separable ? [...b.errata, ...proofErrata()] : [...b.errata];
  return { ...b, theorem1: t1, theorem2: t2, errata, explanations };
}

function constantJson(c: NamedConstant | null): Json {
  if (!c) return null;
  return {
    symbol: c.symbol, name: c.name, kind: c.kind, exact: c.exact ? c.exact.toString() : null, value: c.value, latex: c.latex, source: c.source,
    accuracy: c.accuracy ?? null,
  };
}

function theoremJson(t: Theorem1Result | Theorem2Result, extra: Record<string, Json>): Json {
  return {
    applies: t.applies,
    reason: t.reason,
    checks: t.checks.map((c) => ({ name: c.name, holds: c.holds, detail: c.detail })),
    KcStar: constantJson(t.KcStar),
    KcStarCorrected: constantJson(t.KcStarCorrected),
    constants: t.constants.map(constantJson),
    numericChecks: t.numericChecks.map((c) => ({ Kc: c.Kc, holds: c.holds, observed: c.observed, bound: c.bound, description: c.description })),
    ...extra,
  };
}

/**
 * The JSON block `reduced` (issue 3): `separable`, `generator`, `steadyStates`, `spectrum`, `mu`,
 * `relaxing`, `invariantSubspace`, `definition1Literal`, `graph.lambdaMin`, `theorems.T1`,
 * `theorems.T2`, `errata`, `explanations`, … Deterministic.
 */
export function reducedToJson(d: ReducedDerivation): Json {
  const out = blendedToJson(d);
  const t1 = d.theorem1;
  const t2 = d.theorem2;
  out.theorems = {
    T1: theoremJson(t1, {
      time: constantJson(t1.time),
      lipschitz: t1.lipschitz
        ? { Lc: t1.lipschitz.Lc, kappaV: t1.lipschitz.kappaV, note: t1.lipschitz.note, gridMaxRatio: t1.lipschitz.check.maxRatio, holds: t1.lipschitz.check.holds }
        : null,
    }),
    T2: theoremJson(t2, {
      growth: t2.growth
        ? {
            M: t2.growth.M, m: t2.growth.m, source: t2.growth.source, jordanM: t2.growth.jordanM, jordanSource: t2.growth.jordanSource,
            gridMaxRatio: t2.growth.check.maxRatio, holds: t2.growth.check.holds,
            candidates: t2.growth.candidates.map((c) => ({ M: c.M, m: c.m, source: c.source })),
          }
        : null,
    }),
  };
  return out;
}
