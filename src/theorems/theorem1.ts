import { ExactMatrix } from '../algebra/matrix.ts';
import { Scalar } from '../algebra/scalar.ts';
import type { Graph } from '../model/graph.ts';
import type { LambdaMin } from '../model/graph-spectrum.ts';
import { type CMatrix, fromPairs } from '../numeric/cmatrix.ts';
import { spectralNorm } from '../numeric/eig.ts';
import type { BlendedGenerator, LocalGenerator } from '../reduced/blended-generator.ts';
import type { SeparabilityVerdict } from '../reduced/separability.ts';
import type { SteadyAnalysis } from '../reduced/steady.ts';
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
export interface ApplicabilityCheck {
  readonly name: string;
  /** true: satisfied; false: violated; null: cannot be decided (e.g. symbolic parameters). */
  readonly holds: boolean | null;
  readonly detail: string;
}

export interface TheoremInputs {
  readonly n: number;
  readonly graph: Graph;
  readonly separability: SeparabilityVerdict;
  readonly productInitial: boolean;
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
  readonly studySource: string;
}

/** Theorem 1's constants, as typed fields (Appendix A). */
export type Theorem1Key = 'C0' | 'lambdaMin' | 'normL' | 'mu' | 'Lc' | 'C' | 'D' | 'DPrime' | 'KcStar' | 'KcStarPrime' | 'Teta';

export interface Theorem1Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly reason: string;
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
  return [
    { name: 'Assumption 1 (separability)', holds: inp.separability.separable, detail: inp.separability.reason },
    {
      name: 'Assumption 1 (product initial state)', holds: inp.productInitial,
      detail: inp.productInitial ? 'ρ(0) is given as a product state' : 'ρ(0) is not given as a product; the proof only uses eq. 5 (exact for every ρ) and ‖ρ_j‖_F ≤ 1, so this clause is not actually needed',
    },
    { name: 'connected graph (λ_m(Q) > 0)', holds: inp.lambdaMin.defined, detail: inp.lambdaMin.defined ? `λ_m(Q) = ${inp.lambdaMin.exactText ?? inp.lambdaMin.numeric}` : inp.lambdaMin.note },
  ];
}

/**
 * Theorem 1's applicability, constants and K_c*, with a numeric check of the promised bound on the
 * reduced system (eq. 5) at K_c = K_c*.
 */
export function theorem1(inp: TheoremInputs): Theorem1Result {
  const checks: ApplicabilityCheck[] = reducedTheoremHypotheses(inp);
  const relaxing = inp.steady?.relaxing.verdict ?? null;
  checks.push({ name: 'blended dynamics (6) relaxing', holds: inp.steady ? relaxing : false, detail: inp.steady ? inp.steady.relaxing.reason : 'no blended dynamics without Assumption 1' });
  const eta = valueOf(inp.eta);
  checks.push({ name: 'η > 0 given', holds: eta !== null && eta > 0, detail: eta !== null ? `η = ${inp.eta!.toString()} (${inp.studySource})` : 'no η in the study block' });
  const free = inp.blended ? inp.blended.superop.freeParams() : [];
  checks.push({ name: 'numeric parameter values', holds: free.length === 0, detail: free.length === 0 ? 'all parameters have values' : `symbolic parameters without values: ${free.join(', ')} (the constants are numeric)` });

  const failed = checks.filter((c) => c.name !== 'Assumption 1 (product initial state)' && c.holds !== true);
  const applies = failed.length === 0;
  const table = new ConstantTable<Theorem1Key>();
  const result = (reason: string, lipschitz: LipschitzResult | null = null, KcStarByEta: readonly EtaThreshold[] = [], holds = false): Theorem1Result => ({
    applies: holds, checks, reason, constants: table.done(), KcStarByEta, lipschitz,
  });
  if (!inp.separability.separable || !inp.locals || !inp.blended || !inp.steady || !inp.initialReduced) {
    return result('Theorem 1 does not apply: Assumption 1 fails, so there is no blended reduced-state dynamics; see the coherent analysis (§5, Theorems 3–4).');
  }
  const n = inp.n;
  const C0 = table.add('C0', consensusDefect(inp.initialReduced));
  const lm = inp.lambdaMin;
  if (lm.defined) {
    table.add('lambdaMin', lm.exact ? exactConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.exact, `graph spectrum: ${lm.note}`) : numericConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.numeric, lm.note));
  }
  if (free.length > 0) {
    return result(`Theorem 1's constants need numeric parameter values (free: ${free.join(', ')}); μ and ρ_r are given as formulas above.`);
  }
  const normL = table.add('normL', localGeneratorsNorm(inp.locals));
  const mu = inp.steady.mu;
  if (mu.defined) table.add('mu', mu.exact ? exactConstant('\\mu', '|minimal nonzero real part| of the spectrum of 𝓛̄', mu.exact, `spectrum of 𝓛̄: ${mu.rule}`) : numericConstant('\\mu', '|minimal nonzero real part|', mu.numeric, mu.rule));
  if (!applies) return result(`Theorem 1 does not apply: ${failed.map((c) => `${c.name} — ${c.detail}`).join('; ')}.`);
  const muV = mu.numeric!;
  const lmV = lm.numeric!;
  const c0 = C0.value!;
  const L = normL.value!;
  const lip = lipschitzConstant(lowerExact(inp.blended.superop), muV);
  const Lc = lip.Lc;
  if (!Number.isFinite(Lc)) {
    return result(`Theorem 1's constant L_c does not exist at the exact rate μ: ${lip.note}. The proof's bound ‖…‖ ≤ L_c e^{−μt} fails for a defective decaying eigenvalue (t e^{−μt}); it holds with any μ' < μ instead.`, lip);
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
  return result('Theorem 1 applies: Assumption 1 holds, the graph is connected and the blended dynamics is relaxing.', lip, KcStarByEta, true);
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
