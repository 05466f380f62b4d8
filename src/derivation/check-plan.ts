/**
 * How a derivation runs the numerical checks of Theorems 3–4. They need the full ρ(t) of eq. 4 at
 * K_c = K_c* (10³–10⁶ for the models in derivations/, where eq. 4 is stiff) and a bisection over K_c
 * (ten or more propagations):
 * - n ≤ 3: the dense 4ⁿ×4ⁿ exponential, accurate at any K_c;
 * - n = 4: the dense 256×256 exponential (one per grid step size; Krylov is no cheaper there), the
 *   bisection bracketed from the study gains;
 * - n = 5, 6: Krylov at tolerance 1e-8 (the errors compared with η are ≥ 10⁻⁷), bisections bracketed
 *   from the study gains;
 * - n ≥ 7: each Krylov basis must first capture the coupling clusters and Gram–Schmidt on vectors of
 *   4ⁿ entries costs O(m²·4ⁿ), so the checks take minutes to hours (docs/BENCHMARKS.md, "--full-checks"):
 *   run only on request (`derive --full-checks`), up to MAX_FULL_QUBITS, beyond which there is no ρ(t).
 */
import { ModelTooLarge } from '../core/errors.ts';
import { MAX_FULL_QUBITS } from '../numeric/lindblad-action.ts';
import type { CheckOptions } from '../theorems/checks.ts';

/** Largest n whose Theorem 3–4 checks a derivation runs by default. */
export const MAX_COHERENT_CHECK_QUBITS = 6;

/** Krylov tolerance on ‖ρ(t)‖_F for the Theorem 3–4 checks from n = 5 on. */
export const COHERENT_CHECK_TOLERANCE = 1e-8;

export interface CoherentCheckPlan {
  readonly run: boolean;
  readonly options: Pick<CheckOptions, 'fullMethod' | 'fullTolerance' | 'seeds' | 'skipBisection'>;
  /**
   * 'default': run as for every model of this size; 'requested': run for n > MAX_COHERENT_CHECK_QUBITS
   * because `fullChecks` asked; 'too-costly': not run (n > MAX_COHERENT_CHECK_QUBITS, not requested).
   */
  readonly reason: 'default' | 'requested' | 'too-costly';
  readonly n: number;
  /** The theorems concerned (those of T3, T4 that apply). */
  readonly theorems: readonly ('T3' | 'T4')[];
}

/** `--full-checks` needs the full ρ(t) of eq. 4, which exists only up to MAX_FULL_QUBITS qubits. */
export function assertFullChecksPossible(n: number): void {
  if (n <= MAX_FULL_QUBITS) return;
  throw new ModelTooLarge(
    `--full-checks: the Theorem 3–4 checks need the full ρ(t) of eq. 4, which is not propagated beyond ${MAX_FULL_QUBITS} qubits (this model has ${n})`,
    { field: 'qubits' },
    "drop --full-checks; the report still gives the theorems' constants and the reduced and orbit-basis figures",
  );
}

/**
 * The plan for a model's Theorem 3–4 checks, by its number of qubits (see above). `fullChecks` runs
 * them for MAX_COHERENT_CHECK_QUBITS < n ≤ MAX_FULL_QUBITS too, with the n = 5, 6 settings; beyond
 * MAX_FULL_QUBITS there is no full ρ(t) to check against, and asking is a user error.
 * @example coherentCheckPlan(7, [1, 10], ['T3']).run // => false
 */
export function coherentCheckPlan(
  n: number,
  studyGainList: readonly number[],
  theorems: readonly ('T3' | 'T4')[],
  request: { fullChecks?: boolean } = {},
): CoherentCheckPlan {
  const krylov = { fullMethod: 'krylov', fullTolerance: COHERENT_CHECK_TOLERANCE, seeds: studyGainList } as const;
  const plan = (run: boolean, options: CoherentCheckPlan['options'], reason: CoherentCheckPlan['reason']): CoherentCheckPlan => ({ run, options, reason, n, theorems });
  if (n <= 3) return plan(true, {}, 'default');
  if (n === 4) return plan(true, { fullMethod: 'dense-expm', seeds: studyGainList }, 'default');
  if (n <= MAX_COHERENT_CHECK_QUBITS) return plan(true, krylov, 'default');
  if (request.fullChecks && theorems.length > 0) {
    assertFullChecksPossible(n);
    return plan(true, krylov, 'requested');
  }
  return plan(false, {}, 'too-costly');
}
