import { ExactMatrix } from '../algebra/matrix.ts';
import { Scalar } from '../algebra/scalar.ts';
import { vec } from '../algebra/vec.ts';
import type { Graph } from '../model/graph.ts';
import { laplacian } from '../model/graph.ts';
import type { LambdaMin } from '../model/graph-spectrum.ts';
import { type CMatrix, fromPairs, zeros } from '../numeric/cmatrix.ts';
import { spectralNorm } from '../numeric/eig.ts';
import { expm } from '../numeric/expm.ts';
import type { BlendedGenerator, LocalGenerator } from '../reduced/blended-generator.ts';
import type { SeparabilityVerdict } from '../reduced/separability.ts';
import type { SteadyAnalysis } from '../reduced/steady.ts';
import {
  type EtaThreshold, type LipschitzResult, type NamedConstant, exactConstant, formatDouble, lipschitzConstant, numericConstant, thresholdsByEta, uniformGrid,
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

export interface NumericCheck {
  readonly Kc: number;
  readonly description: string;
  readonly holds: boolean;
  /** Largest observed error in the window the theorem speaks about, and the bound there. */
  readonly observed: number;
  readonly bound: number;
}

export interface Theorem1Result {
  readonly applies: boolean;
  readonly checks: readonly ApplicabilityCheck[];
  readonly reason: string;
  readonly constants: readonly NamedConstant[];
  readonly KcStar: NamedConstant | null;
  readonly KcStarCorrected: NamedConstant | null;
  /** K_c* at each η of the study when it lists several (the primary first), else empty. */
  readonly KcStarByEta: readonly EtaThreshold[];
  /** (2/μ) ln(C/η), after which the η-ball is promised. */
  readonly time: NamedConstant | null;
  readonly lipschitz: LipschitzResult | null;
  readonly numericChecks: readonly NumericCheck[];
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

/** The reduced system of eq. 5 at a numeric K_c: ⊕𝓛_j − K_c (Q ⊗ I₄). */
export function numericReducedGenerator(locals: readonly LocalGenerator[], graph: Graph, Kc: number): CMatrix {
  const n = locals.length;
  const q = laplacian(graph).toComplexRows();
  const out = zeros(4 * n);
  const N = 4 * n;
  locals.forEach((g, j) => {
    const rows = g.superop.toComplexRows();
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
      out.data[2 * ((4 * j + r) * N + 4 * j + c)] += rows[r][c][0];
      out.data[2 * ((4 * j + r) * N + 4 * j + c) + 1] += rows[r][c][1];
    }
  });
  for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) {
    const v = q[j][k][0];
    if (v === 0) continue;
    for (let a = 0; a < 4; a++) out.data[2 * ((4 * j + a) * N + 4 * k + a)] -= Kc * v;
  }
  return out;
}

/** x(t) = e^{Gt} x(0) for the stacked reduced states; returns the n vec(ρ_j(t)) as interleaved arrays. */
export function propagateReduced(G: CMatrix, x0: Float64Array, t: number): Float64Array {
  const d = new Float64Array(G.data.length);
  for (let k = 0; k < d.length; k++) d[k] = G.data[k] * t;
  const E = expm({ rows: G.rows, cols: G.cols, data: d });
  const out = new Float64Array(2 * G.rows);
  for (let r = 0; r < G.rows; r++) {
    let re = 0;
    let im = 0;
    for (let c = 0; c < G.cols; c++) {
      const a = E.data[2 * (r * G.cols + c)];
      const b = E.data[2 * (r * G.cols + c) + 1];
      re += a * x0[2 * c] - b * x0[2 * c + 1];
      im += a * x0[2 * c + 1] + b * x0[2 * c];
    }
    out[2 * r] = re;
    out[2 * r + 1] = im;
  }
  return out;
}

/** Interleaved stacking of exact vec(ρ_j). */
export function stackReduced(reduced: readonly ExactMatrix[]): Float64Array {
  const out = new Float64Array(8 * reduced.length);
  reduced.forEach((r, j) => {
    const v = vec(r).toComplexRows();
    for (let a = 0; a < 4; a++) {
      out[2 * (4 * j + a)] = v[a][0][0];
      out[2 * (4 * j + a) + 1] = v[a][0][1];
    }
  });
  return out;
}

/** max_j ‖ρ_j − target‖_F for a stacked state and a target vec (interleaved, length 8). */
export function maxDistance(x: Float64Array, target: Float64Array, n: number): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let a = 0; a < 8; a++) s += (x[8 * j + a] - target[a]) ** 2;
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

/** Largest n for the dense numeric checks of the theorems on eq. 5. */
export const MAX_CHECK_QUBITS = 12;

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
  const empty: Theorem1Result = {
    applies: false, checks, reason: '', constants: [], KcStar: null, KcStarCorrected: null, KcStarByEta: [], time: null, lipschitz: null, numericChecks: [],
  };
  if (!inp.separability.separable || !inp.locals || !inp.blended || !inp.steady || !inp.initialReduced) {
    return { ...empty, reason: 'Theorem 1 does not apply: Assumption 1 fails, so there is no blended reduced-state dynamics; see the coherent analysis (§5, Theorems 3–4).' };
  }
  const n = inp.n;
  const constants: NamedConstant[] = [];
  const C0 = consensusDefect(inp.initialReduced);
  constants.push(C0);
  const lm = inp.lambdaMin;
  if (lm.defined) {
    constants.push(lm.exact ? exactConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.exact, `graph spectrum: ${lm.note}`) : numericConstant('\\lambda_m(Q)', 'smallest nonzero Laplacian eigenvalue', lm.numeric, lm.note));
  }
  if (free.length > 0) {
    return { ...empty, constants, reason: `Theorem 1's constants need numeric parameter values (free: ${free.join(', ')}); μ and ρ_r are given as formulas above.` };
  }
  const normL = localGeneratorsNorm(inp.locals);
  constants.push(normL);
  const mu = inp.steady.mu;
  if (mu.defined) constants.push(mu.exact ? exactConstant('\\mu', '|minimal nonzero real part| of the spectrum of 𝓛̄', mu.exact, `spectrum of 𝓛̄: ${mu.rule}`) : numericConstant('\\mu', '|minimal nonzero real part|', mu.numeric, mu.rule));
  if (!applies) {
    const reason = `Theorem 1 does not apply: ${failed.map((c) => `${c.name} — ${c.detail}`).join('; ')}.`;
    return { ...empty, constants, reason };
  }
  const muV = mu.numeric!;
  const lmV = lm.numeric!;
  const c0 = C0.value!;
  const L = normL.value!;
  const lip = lipschitzConstant(lowerExact(inp.blended.superop), muV);
  const Lc = lip.Lc;
  if (!Number.isFinite(Lc)) {
    return {
      ...empty, constants, lipschitz: lip,
      reason: `Theorem 1's constant L_c does not exist at the exact rate μ: ${lip.note}. The proof's bound ‖…‖ ≤ L_c e^{−μt} fails for a defective decaying eigenvalue (t e^{−μt}); it holds with any μ' < μ instead.`,
    };
  }
  constants.push(numericConstant('L_c', 'Lipschitz constant of the decaying eigen-coefficients', Lc,
    `${lip.note}; it gives ‖Σ_{Re λ_k<0} e^{λ_k t}c_k(ρ)ρ̂_k‖_F ≤ L_c e^{−μt}‖ρ‖_F as eq. 27 needs (grid check: max ratio ${formatDouble(lip.check.maxRatio)})`));
  const sqrt2 = Math.SQRT2;
  const C1 = c0 + Lc;
  const C = (1 + sqrt2) * C1;
  const exactPart = C0.exact ? Scalar.ONE.add(Scalar.sqrt(Scalar.int(2))).mul(C0.exact) : null;
  constants.push(numericConstant('C', 'transient constant', C,
    `C = (1+√2)(C₀ + L_c): the proof's C₁ = C₀ + L_c bounds E(t), and ‖ρ_j − ρ_r‖_F ≤ (1+√2)E(t) for a relaxing 𝓛̄ (|tr X| ≤ √2‖X‖_F on 2×2)${exactPart ? `; exact part (1+√2)C₀ = ${exactPart.toString()}` : ''}`,
    exactPart ? `\\left(${exactPart.toLatex()}\\right) + (1+\\sqrt{2})L_c = ${formatDouble(C)}` : undefined));
  const D = (Lc * L / lmV) * (c0 / n + L / muV) + (n * L) / lmV;
  constants.push(numericConstant('D', 'perturbation constant (paper)', D, 'D = (L_c‖𝓛‖/λ_m)(C₀/n + ‖𝓛‖/μ) + n‖𝓛‖/λ_m, as stated after Theorem 1 (eq. 28)'));
  const Dc = (n * L) / lmV + (Lc * L / lmV) * (2 * c0 + (n * L) / muV);
  constants.push(numericConstant("D'", 'perturbation constant (re-derived)', Dc, "D' = n‖𝓛‖/λ_m + (L_c‖𝓛‖/λ_m)(2C₀ + n‖𝓛‖/μ): eq. 27 with the kernel e^{λ(t−τ)} and ‖(1/n)Σ_j𝓛_j(ρ_j − ρ̄)‖ ≤ ‖𝓛‖max_j‖ρ_j − ρ̄‖, valid for K_c ≥ 2μ/λ_m"));
  const etaV = eta!;
  const KcStar = theorem1KcStar(muV, lmV, D, etaV);
  const KcStarByEta = thresholdsByEta(KcStar, inp.etas, (e) => theorem1KcStar(muV, lmV, D, e));
  const k1c = (2 * muV) / lmV;
  const k2c = (2 * (1 + sqrt2) * Dc) / etaV;
  const KcStarCorrected = numericConstant("K_c^{*\\prime}", 'coupling threshold (re-derived)', Math.max(k1c, k2c),
    `K_c*' = max{2μ/λ_m(Q), 2(1+√2)D'/η} = max{${formatDouble(k1c)}, ${formatDouble(k2c)}}`);
  const T = (2 / muV) * Math.log(C / etaV);
  const time = numericConstant('T_\\eta', 'time after which the η-ball is promised', T,
    `T_η = (2/μ) ln(C/η) (eq. 7)${C < 2 * etaV ? '; note C < 2η here, where the proof\'s last step (η₁²/C₁ + η₁/2 ≤ η₁) needs C ≥ 2η' : ''}`);
  constants.push(KcStar, KcStarCorrected, time);

  // Numeric check on eq. 5 at both thresholds: the bound C e^{−μt/2} before T_η and η after.
  const numericChecks: NumericCheck[] = [];
  const steady = inp.steady.steadyStates;
  // The check integrates the 4n-dimensional eq. 5 with dense expm at 121 times: kept to n ≤ 12.
  if (steady.kind === 'unique' && n <= MAX_CHECK_QUBITS) {
    const target = stackReduced([steady.rho]);
    const x0 = stackReduced(inp.initialReduced);
    const horizon = Math.max(T, 0) + 6 / muV;
    for (const [label, Kc] of [['paper K_c*', KcStar.value!], ["re-derived K_c*'", KcStarCorrected.value!]] as const) {
      const G = numericReducedGenerator(inp.locals, inp.graph, Kc);
      let worstBefore = 0;
      let worstAfter = 0;
      let holds = true;
      for (const t of uniformGrid(0, horizon, 120)) {
        const d = maxDistance(propagateReduced(G, x0, t), target, n);
        if (t <= T) {
          const b = C * Math.exp((-muV * t) / 2);
          worstBefore = Math.max(worstBefore, d / b);
          if (d > b * (1 + 1e-9)) holds = false;
        } else {
          worstAfter = Math.max(worstAfter, d);
          if (d > etaV) holds = false;
        }
      }
      numericChecks.push({
        Kc, holds, observed: worstAfter, bound: etaV,
        description: `${label} = ${formatDouble(Kc)}: eq. 5 integrated exactly (expm) on 121 times in [0, T_η + 6/μ]; max_j‖ρ_j − ρ_r‖_F/(Ce^{−μt/2}) ≤ ${formatDouble(worstBefore)} before T_η, max error ${formatDouble(worstAfter)} after T_η (η = ${formatDouble(etaV)})`,
      });
    }
  }
  return {
    applies, checks, reason: 'Theorem 1 applies: Assumption 1 holds, the graph is connected and the blended dynamics is relaxing.',
    constants, KcStar, KcStarCorrected, KcStarByEta, time, lipschitz: lip, numericChecks,
  };
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
