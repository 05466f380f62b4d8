import { ExactMatrix } from '../algebra/matrix.ts';
import type { ProductInitial } from '../reduced/derive.ts';
import { Scalar } from '../algebra/scalar.ts';
import type { Graph } from '../model/graph.ts';
import type { LambdaMin, LambdaMinNote } from '../model/graph-spectrum.ts';
import { type CMatrix, fromPairs } from '../numeric/cmatrix.ts';
import { spectralNorm } from '../numeric/eig.ts';
import type { BlendedGenerator, LocalGenerator } from '../reduced/blended-generator.ts';
import type { WindowSource } from '../reduced/derive.ts';
import type { SeparabilityVerdict, SeparabilityViolation } from '../reduced/separability.ts';
import type { RelaxingReason, SteadyAnalysis } from '../reduced/steady.ts';
import {
  ConstantTable, type EtaThreshold, type LipschitzResult, type NamedConstant, type TheoremConstants, exactConstant, formatDouble, lipschitzConstant, numericConstant,
  thresholdsByEta,
} from './common.ts';

/**
 * Theorem 1 (paper §4.2, proof in Appendix A, eqs. 19–28): if Assumption 1 holds and the blended
 * dynamics (6) is relaxing, then for K_c ≥ K_c*
 *   max_j ‖ρ_j(t) − ρ_r‖_F ≤ C e^{−μt/2} for t ≤ (2/μ) ln(C/η), and ≤ η afterwards,
 * with C = (1+√2)(C₀ + L_c), C₀ = √(Σ_j ‖ρ_j(0) − ρ̄(0)‖²_F), and
 *   K_c* = max{μ/λ_m(Q), 2(1+√2)D/η},  D = (L_c‖𝓛‖/λ_m)(C₀/n + ‖𝓛‖/μ) + n‖𝓛‖/λ_m,
 * ‖𝓛‖ = ‖⊕_j 𝓛_j‖ = max_j ‖𝓛_j‖ (eq. 19, spectral norms). The statement's K_c* is the proof's
 * K_c*(η₁) = max{μ/λ_m, 2D/η₁} at η₁ = η/(1+√2): the two agree.
 *
 * Re-deriving eq. 27 shows two slips that change D (reported as errata, and a corrected K_c* is given
 * next to the paper's): the variation-of-constants kernel is e^{λ_k(t−τ)}, not e^{λ_k τ}, so
 * ∫₀ᵗ e^{−μ(t−τ)} e^{−K_cλ_m τ} dτ ≤ 1/(K_cλ_m − μ) ≤ 2/(K_cλ_m) needs K_c ≥ 2μ/λ_m; and
 * ‖(1/n)Σ_j 𝓛_j(ρ_j − ρ̄)‖_F ≤ ‖𝓛‖ max_j ‖ρ_j − ρ̄‖_F (a mean of n terms, not 1/n of one). Hence
 *   D' = n‖𝓛‖/λ_m + (L_c‖𝓛‖/λ_m)(2C₀ + n‖𝓛‖/μ),  K_c*' = max{2μ/λ_m, 2(1+√2)D'/η}.
 */
/**
 * One hypothesis of a theorem as checked on the model: which one (`id`), whether it holds, and the
 * values its sentence needs. The report writes each check's name and detail
 * (src/report/sections/theorem-text.ts); ids are unique within a theorem's checks.
 */
export type ApplicabilityCheck = { readonly holds: boolean | null } & ApplicabilityFact;

/** A hypothesis and its values (`holds`: true satisfied, false violated, null undecided, e.g. symbolic parameters). */
export type ApplicabilityFact =
  /** Assumption 1, separability: the terms that break it (`SeparabilityVerdict.violations`). */
  | { readonly id: 'separability'; readonly violations: readonly SeparabilityViolation[] }
  /** Assumption 1, product initial state (not used by the proofs): how it was decided. */
  | { readonly id: 'product-initial-state'; readonly how: ProductInitial }
  /** Theorems 1–2: a connected graph, so λ_m(Q) > 0; its value (exact text, else numeric) or why it is undefined. */
  | { readonly id: 'connected-graph'; readonly lambdaMinExact: string | null; readonly lambdaMinNumeric: number | null; readonly note: LambdaMinNote }
  /** Theorem 1: the blended dynamics (6) is relaxing; `reason` null without blended dynamics (Assumption 1 fails). */
  | { readonly id: 'relaxing'; readonly reason: RelaxingReason | null }
  /** Theorem 2 lists relaxation as not required. */
  | { readonly id: 'relaxing-not-required' }
  /** η > 0: η's exact text when it has a numeric value, and where it came from. */
  | { readonly id: 'eta'; readonly eta: string | null; readonly source: WindowSource }
  /** Numeric parameter values: `valuesGiven`, and the free parameters (Theorems 1–2; empty for 3–4). */
  | { readonly id: 'numeric-parameters'; readonly valuesGiven: boolean; readonly free: readonly string[] }
  /** T₂ ≥ T₁ > 0: their exact texts when both have numeric values, and where they came from. */
  | { readonly id: 'window'; readonly T1: string | null; readonly T2: string | null; readonly source: WindowSource }
  /** T₁ > 0 (Theorem 4). */
  | { readonly id: 't1-positive'; readonly T1: string | null; readonly source: WindowSource }
  /** Theorems 3–4: G connected, so the components of G_d are the S_n-orbits; else G's component count. */
  | { readonly id: 'coherent-connected-graph'; readonly components: number }
  /** λ_m(Q_d) > 0: its LaTeX when it has a value, else why not. */
  | { readonly id: 'lambda-m-qd'; readonly latex: string | null; readonly note: LambdaMinNote };

/** Which hypothesis a check is. */
export type ApplicabilityCheckId = ApplicabilityFact['id'];

/** Whether a theorem applies and, if not, why; the report writes the sentence (src/report/sections/theorem-text.ts). */
export type TheoremOutcome =
  | { readonly kind: 'applies' }
  /** Theorems 1–2: no blended reduced-state dynamics. */
  | { readonly kind: 'assumption-1-fails' }
  /** The checks with these ids fail (in check order). */
  | { readonly kind: 'hypotheses-fail'; readonly failed: readonly ApplicabilityCheckId[] }
  /** Theorem 1: the constants need values for the free parameters. */
  | { readonly kind: 'needs-parameter-values'; readonly free: readonly string[] }
  /** Theorem 1: L_c does not exist at the exact rate μ (`LipschitzResult.note`). */
  | { readonly kind: 'lc-undefined'; readonly note: string };

export interface TheoremInputs {
  readonly n: number;
  readonly graph: Graph;
  readonly separability: SeparabilityVerdict;
  readonly productInitial: ProductInitial;
  readonly locals: readonly LocalGenerator[] | null;
  readonly blended: BlendedGenerator | null;
  readonly steady: SteadyAnalysis | null;
  readonly lambdaMin: LambdaMin;
  /** ρ_j(0), exact. */
  readonly initialReduced: readonly ExactMatrix[] | null;
  readonly eta: Scalar | null;
  /** Every η of the study when it lists several (`eta` first); K_c* is also given at each. */
  readonly etas?: readonly Scalar[];
  readonly T1: Scalar | null;
  readonly T2: Scalar | null;
  /** Where η, T₁, T₂ came from (e.g. "study block", "default"). */
  readonly studySource: WindowSource;
}

/** Theorem 1's constants, as typed fields (Appendix A). */
export type Theorem1Key = 'C0' | 'lambdaMin' | 'normL' | 'mu' | 'Lc' | 'C' | 'D' | 'DPrime' | 'KcStar' | 'KcStarPrime' | 'Teta';

export interface Theorem1Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly outcome: TheoremOutcome;
  /**
   * C₀, λ_m(Q), ‖𝓛‖, μ, L_c, C, D (paper), D′ (re-derived), K_c* (paper), K_c*′ (re-derived) and
   * T_η = (2/μ)ln(C/η), as far as they are defined for the model.
   */
  readonly constants: TheoremConstants<Theorem1Key>;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  readonly lipschitz: LipschitzResult | null;
}

/** Doubles of an exact matrix (all parameters must have been substituted). */
export function lowerExact(m: ExactMatrix): CMatrix {
  return fromPairs(m.toComplexRows());
}

/** C₀² = Σ_j ‖ρ_j(0) − ρ̄(0)‖²_F, exactly. */
export function consensusDefectSquared(reduced: readonly ExactMatrix[]): Scalar {
  let mean = ExactMatrix.zeros(2);
  for (const r of reduced) mean = mean.add(r);
  mean = mean.scale(Scalar.rational(1, reduced.length));
  let s = Scalar.ZERO;
  for (const r of reduced) {
    const d = r.sub(mean);
    s = s.add(d.dagger().mul(d).trace());
  }
  return s;
}

/** C₀ exactly when C₀² is rational, else a surd-free numeric value. */
export function consensusDefect(reduced: readonly ExactMatrix[]): NamedConstant {
  const sq = consensusDefectSquared(reduced);
  const source = 'C₀ = √(Σ_j ‖ρ_j(0) − ρ̄(0)‖²_F), ρ̄(0) = (1/n)Σ_j ρ_j(0): the initial consensus defect (eqs. 24–25)';
  if (sq.isConstant() && sq.constantValue().isRational()) return exactConstant('C_0', 'initial consensus defect', Scalar.sqrt(sq), source);
  return numericConstant('C_0', 'initial consensus defect', sq.isConstant() ? Math.sqrt(sq.toComplex()[0]) : null, source);
}

/** ‖𝓛‖ = max_j ‖𝓛_j‖₂ (eq. 19), numeric. */
export function localGeneratorsNorm(locals: readonly LocalGenerator[]): NamedConstant {
  const norms = locals.map((g) => spectralNorm(lowerExact(g.superop)));
  const value = Math.max(...norms);
  return numericConstant('\\|\\mathcal{L}\\|', 'norm of ⊕_j 𝓛_j', value,
    `eq. 19: ‖⊕_j 𝓛_j‖ = max_j ‖𝓛_j‖ (spectral norms of the 4×4 column-stacked superoperators: ${norms.map((x) => formatDouble(x)).join(', ')}; row stacking is a permutation similarity, same norm)`);
}

/** The real value of a constant scalar (η, T₁, T₂ from the study block); null when symbolic or absent. */
export function valueOf(x: Scalar | null): number | null {
  if (!x || x.freeParams().length > 0) return null;
  return x.toComplex()[0];
}

/**
 * The hypotheses Theorems 1 and 2 share: Assumption 1 (separability; the product initial state it
 * also asks for is not used by the proofs, which need only eq. 5 — exact for every ρ — and
 * ‖ρ_j‖_F ≤ 1) and a connected graph, so that λ_m(Q) > 0.
 */
export function reducedTheoremHypotheses(inp: TheoremInputs): ApplicabilityCheck[] {
  const lm = inp.lambdaMin;
  return [
    { id: 'separability', holds: inp.separability.separable, violations: inp.separability.violations },
    {
      id: 'product-initial-state', how: inp.productInitial,
      holds: inp.productInitial === 'stated' || inp.productInitial === 'factorises' ? true : inp.productInitial === 'not-product' ? false : null,
    },
    { id: 'connected-graph', holds: lm.defined, lambdaMinExact: lm.exactText, lambdaMinNumeric: lm.numeric, note: lm.note },
  ];
}

/** The checks that fail, as ids in check order; the product initial state never counts (the proofs do not use it). */
export function failedHypotheses(checks: readonly ApplicabilityCheck[]): ApplicabilityCheckId[] {
  return checks.filter((c) => c.id !== 'product-initial-state' && c.holds !== true).map((c) => c.id);
}

/**
 * Theorem 1's applicability, constants and K_c*, with a numeric check of the promised bound on the
 * reduced system (eq. 5) at K_c = K_c*.
 */
export function theorem1(inp: TheoremInputs): Theorem1Result {
  const checks: ApplicabilityCheck[] = reducedTheoremHypotheses(inp);
  const relaxing = inp.steady?.relaxing.verdict ?? null;
  checks.push({ id: 'relaxing', holds: inp.steady ? relaxing : false, reason: inp.steady ? inp.steady.relaxing.reason : null });
  const eta = valueOf(inp.eta);
  checks.push({ id: 'eta', holds: eta !== null && eta > 0, eta: eta !== null ? inp.eta!.toString() : null, source: inp.studySource });
  const free = inp.blended ? inp.blended.superop.freeParams() : [];
  checks.push({ id: 'numeric-parameters', holds: free.length === 0, valuesGiven: free.length === 0, free });

  const failed = failedHypotheses(checks);
  const applies = failed.length === 0;
  const table = new ConstantTable<Theorem1Key>();
  const result = (outcome: TheoremOutcome, lipschitz: LipschitzResult | null = null, KcStarByEta: readonly EtaThreshold[] = [], holds = false): Theorem1Result => ({
    applies: holds, checks, outcome, constants: table.done(), KcStarByEta, lipschitz,
  });
  if (!inp.separability.separable || !inp.locals || !inp.blended || !inp.steady || !inp.initialReduced) {
    return result({ kind: 'assumption-1-fails' });
  }
  const n = inp.n;
  const C0 = table.add('C0', consensusDefect(inp.initialReduced));
  const lm = inp.lambdaMin;
  if (lm.defined) {
    table.add('lambdaMin', lm.exact ? exactConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.exact, ['graph spectrum: ', lm.note]) : numericConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.numeric, lm.note));
  }
  if (free.length > 0) {
    return result({ kind: 'needs-parameter-values', free });
  }
  const normL = table.add('normL', localGeneratorsNorm(inp.locals));
  const mu = inp.steady.mu;
  if (mu.defined) table.add('mu', mu.exact ? exactConstant('\\mu', '|minimal nonzero real part| of the spectrum of 𝓛̄', mu.exact, ['spectrum of 𝓛̄: ', mu.rule]) : numericConstant('\\mu', '|minimal nonzero real part|', mu.numeric, mu.rule));
  if (!applies) return result({ kind: 'hypotheses-fail', failed });
  const muV = mu.numeric!;
  const lmV = lm.numeric!;
  const c0 = C0.value!;
  const L = normL.value!;
  const lip = lipschitzConstant(lowerExact(inp.blended.superop), muV);
  const Lc = lip.Lc;
  if (!Number.isFinite(Lc)) {
    return result({ kind: 'lc-undefined', note: lip.note }, lip);
  }
  table.add('Lc', numericConstant('L_c', 'Lipschitz constant of the decaying eigen-coefficients', Lc,
    `${lip.note}; it gives ‖Σ_{Re λ_k<0} e^{λ_k t}c_k(ρ)ρ̂_k‖_F ≤ L_c e^{−μt}‖ρ‖_F as eq. 27 needs (grid check: max ratio ${formatDouble(lip.check.maxRatio)})`));
  const sqrt2 = Math.SQRT2;
  const C1 = c0 + Lc;
  const C = (1 + sqrt2) * C1;
  const exactPart = C0.exact ? Scalar.ONE.add(Scalar.sqrt(Scalar.int(2))).mul(C0.exact) : null;
  table.add('C', numericConstant('C', 'transient constant', C,
    `C = (1+√2)(C₀ + L_c): the proof's C₁ = C₀ + L_c bounds E(t), and ‖ρ_j − ρ_r‖_F ≤ (1+√2)E(t) for a relaxing 𝓛̄ (|tr X| ≤ √2‖X‖_F on 2×2)${exactPart ? `; exact part (1+√2)C₀ = ${exactPart.toString()}` : ''}`,
    exactPart ? `\\left(${exactPart.toLatex()}\\right) + (1+\\sqrt{2})L_c = ${formatDouble(C)}` : undefined));
  const D = (Lc * L / lmV) * (c0 / n + L / muV) + (n * L) / lmV;
  table.add('D', numericConstant('D', 'perturbation constant (paper)', D, 'D = (L_c‖𝓛‖/λ_m)(C₀/n + ‖𝓛‖/μ) + n‖𝓛‖/λ_m, as stated after Theorem 1 (eq. 28)'));
  const Dc = (n * L) / lmV + (Lc * L / lmV) * (2 * c0 + (n * L) / muV);
  table.add('DPrime', numericConstant("D'", 'perturbation constant (re-derived)', Dc, "D' = n‖𝓛‖/λ_m + (L_c‖𝓛‖/λ_m)(2C₀ + n‖𝓛‖/μ): eq. 27 with the kernel e^{λ(t−τ)} and ‖(1/n)Σ_j𝓛_j(ρ_j − ρ̄)‖ ≤ ‖𝓛‖max_j‖ρ_j − ρ̄‖, valid for K_c ≥ 2μ/λ_m"));
  const etaV = eta!;
  const KcStar = theorem1KcStar(muV, lmV, D, etaV);
  const KcStarByEta = thresholdsByEta(KcStar, inp.etas, (e) => theorem1KcStar(muV, lmV, D, e));
  const k1c = (2 * muV) / lmV;
  const k2c = (2 * (1 + sqrt2) * Dc) / etaV;
  table.add('KcStar', KcStar);
  table.add('KcStarPrime', numericConstant("K_c^{*\\prime}", 'coupling threshold (re-derived)', Math.max(k1c, k2c),
    `K_c*' = max{2μ/λ_m(Q), 2(1+√2)D'/η} = max{${formatDouble(k1c)}, ${formatDouble(k2c)}}`));
  const T = (2 / muV) * Math.log(C / etaV);
  table.add('Teta', numericConstant('T_\\eta', 'time after which the η-ball is promised', T,
    `T_η = (2/μ) ln(C/η) (eq. 7)${C < 2 * etaV ? '; note C < 2η here, where the proof\'s last step (η₁²/C₁ + η₁/2 ≤ η₁) needs C ≥ 2η' : ''}`));
  return result({ kind: 'applies' }, lip, KcStarByEta, true);
}

/**
 * K_c* of Theorem 1's statement at η: max{μ/λ_m(Q), 2(1+√2)D/η}, D the paper's (after eq. 28).
 * @example theorem1KcStar(1, 1, 0, 0.1).value // => 1
 */
export function theorem1KcStar(mu: number, lambdaMin: number, D: number, eta: number): NamedConstant {
  const k1 = mu / lambdaMin;
  const k2 = (2 * (1 + Math.SQRT2) * D) / eta;
  return numericConstant('K_c^*', 'coupling threshold (paper)', Math.max(k1, k2),
    `K_c* = max{μ/λ_m(Q), 2(1+√2)D/η} = max{${formatDouble(k1)}, ${formatDouble(k2)}} (statement of Theorem 1; equals the proof's K_c*(η/(1+√2)))`);
}
