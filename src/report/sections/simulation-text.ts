/**
 * The sentences of a simulation's notes and of where its steady state came from, written from the
 * facts that src/simulate returns (STYLE.md §7, "Facts below, sentences above"). The JSON writer
 * (report/json/simulation.ts) and the numerics section's monitors both call these.
 */
import type { SimulationNote, SteadySource } from '../../simulate/context.ts';
import { separabilityReasonText } from './derivation-text.ts';

/**
 * Where the relaxing verdict and ρ_r of a simulation came from.
 * @example steadySourceText('exact') // => "exact (reduced derivation)"
 */
export function steadySourceText(s: SteadySource): string {
  return s === 'exact' ? 'exact (reduced derivation)' : 'numeric (eigen-decomposition of the lowered 𝓛̄)';
}

/**
 * One note of a simulation: a method, the source of a value, or what was left out and why.
 * @example simulationNoteText({ kind: 'eq17', orbitDimension: 10 }) // => "eq. 17: Proj(A_d) in the S_n-orbit basis (p = 10) from coherent/orbit-basis.ts; y_d(0) = P_dᵀ vec ρ(0)"
 */
export function simulationNoteText(n: SimulationNote): string {
  switch (n.kind) {
    case 'no-full-state':
      return `n = ${n.n} > ${n.maxQubits}: the full ρ(t) of eq. 4 is not propagated (it would need 8·4ⁿ·(m + 14) bytes); eq. 4 metrics (Figs. 6–7) are omitted`;
    case 'not-separable': return `not separable (${separabilityReasonText(n.separability)}): eqs. 5–6 and Figs. 1–3 do not apply`;
    case 'eq17-not-propagated':
      return `eq. 17 is not propagated here for n = ${n.n}: without ρ(t) of eq. 4 there is no Fig. 6/7 metric to compare with (coherent-dynamics.ts propagates it at any n; see bench/simulate-coherent.ts)`;
    case 'disconnected-graph': return 'the graph is disconnected: eq. 17 in the S_n-orbit basis and Theorems 3–4 are not simulated';
    case 'eq6':
      return `eq. 6: ρ_b(t) = e^{𝓛̄t}ρ_b(0) with the exact 𝓛̄ of reduced/ lowered once (dense 4×4 exponential); relaxing and ρ_r: ${steadySourceText(n.steadySource)}`;
    case 'figures-from-eq5': return 'Figs. 1–3 use the reduced states of eq. 5, exact for a separable model; eq5VsEq4 reports their agreement with the partial traces of eq. 4';
    case 'not-relaxing': return '𝓛̄ is not relaxing: Fig. 1 (distance to ρ_r) does not apply';
    case 'eq4':
      return n.method === 'dense-expm'
        ? 'eq. 4: dense exponential of the 4ⁿ×4ⁿ Liouvillian per distinct grid step (exact to rounding, insensitive to K_c)'
        : `eq. 4: matrix-free Lindblad kernel under the adaptive Krylov exponential, tolerance ${n.tolerance} on ‖ρ‖_F over the grid`;
    case 'eq17': return `eq. 17: Proj(A_d) in the S_n-orbit basis (p = ${n.orbitDimension}) from coherent/orbit-basis.ts; y_d(0) = P_dᵀ vec ρ(0)`;
  }
}
