/**
 * The proofs of Theorems 1–4 as the paper's appendices order them (Appendix A for Theorem 1, B for
 * Theorem 2, C for Theorem 3, D for Theorem 4): which lines there are, the equations each spans, which
 * are evaluated along a trajectory by checks.ts (`ProofStepId`), and which of the errata of
 * derive-theorems.ts (`proofErrata`, by id) correct them. Facts only: the report words every line.
 */
import type { ProofStepId } from './checks.ts';

/**
 * A line of a proof that is not a time-dependent inequality:
 * - 'norm-facts': eqs. 19–21, ‖A ⊕ B‖ = max{‖A‖, ‖B‖}, ‖𝓛ρ‖_F ≤ ‖𝓛‖‖ρ‖_F, ‖ρ‖_F ≤ 1;
 * - 'orthogonal-split': eqs. 31–34, I = S_dS_dᵀ + P_dP_dᵀ, S_dᵀQ_dS_d = Λ_d, P_dᵀQ_d = 0, ‖P_d‖, ‖S_d‖ ≤ 1;
 * - 'threshold': the choice of K_c* that closes the proof (end of each appendix);
 * - 'projection-identity': eq. 37, ‖ν̃(t)‖ = ‖ρ(t) − 𝒫_*ρ(t)‖_F, so C = ‖ρ(0) − 𝒫_*ρ(0)‖_F.
 */
export type ProofExpositionId = 'norm-facts' | 'orthogonal-split' | 'threshold' | 'projection-identity';

/** One line of a proof, in the appendix's order. */
export interface ProofOutlineStep {
  readonly id: ProofStepId | ProofExpositionId;
  /** The paper's equation numbers the line spans (empty: an unnumbered display). */
  readonly equations: readonly number[];
  /** Evaluated along the trajectory by the theorem's check (`TheoremCheck.intermediate`). */
  readonly checked: boolean;
  /** Ids of the errata (`proofErrata`) that correct this line; empty when the line stands as printed. */
  readonly errata: readonly string[];
}

const step = (id: ProofOutlineStep['id'], equations: readonly number[], checked: boolean, errata: readonly string[] = []): ProofOutlineStep => ({ id, equations, checked, errata });

/**
 * The lines of each proof in the appendix's order. Theorem 2's proof (Appendix B) reuses eq. 25 of
 * Appendix A; Theorem 4's (Appendix D) reuses eqs. 35 and 37 of Appendix C.
 */
export const PROOF_OUTLINE: Readonly<Record<'T1' | 'T2' | 'T3' | 'T4', readonly ProofOutlineStep[]>> = {
  T1: [
    step('norm-facts', [19, 20, 21], false),
    step('consensus', [23, 24, 25], true),
    step('mean-on-subspace', [26, 27, 28], true, ['theorem1-kernel', 'mean-bound']),
    step('combined-error', [], true, ['mean-bound']),
    step('reduced-to-steady', [], true),
    step('threshold', [], false, ['theorem1-t0']),
  ],
  T2: [
    step('consensus', [25], true),
    step('mean-to-blended', [29, 30], true, ['mean-bound', 'theorem2-m']),
    step('reduced-to-blended', [], true, ['theorem2-D']),
    step('threshold', [], false, ['theorem2-D']),
  ],
  T3: [
    step('orthogonal-split', [31, 32, 33, 34], false),
    step('triangle', [], true),
    step('symmetrization', [35], true),
    step('orbit-coordinates', [36], true),
    step('coherent-combined', [], true),
    step('threshold', [], false),
    step('projection-identity', [37], false),
  ],
  T4: [
    step('symmetrization', [35], true),
    step('threshold', [], false),
    step('projection-identity', [37], false),
  ],
};
