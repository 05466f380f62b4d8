/**
 * What a reader looks for beyond the paper's figures (issue 24): the exact spectrum of the graph
 * Laplacian Q with λ_m(Q) and λ_max(Q), λ_max(Q_d) of the induced graph, the permutation-invariant
 * projection 𝒫_*(ρ(0)) exactly (the state the coupling drives ρ(0) towards, paper §5.1), and for small
 * n at each study K_c the full network's t → ∞ limit of ρ(0) with the kernel dimension and the
 * figures' errors at t = ∞ (simulate/steady-limit.ts). Facts only; the report writes them.
 */
import { Scalar } from '../algebra/scalar.ts';
import { laplacianSpectrum, lambdaMaxInduced, type LaplacianSpectrum } from '../model/laplacian-spectrum.ts';
import { stateOperator, type NetworkModel } from '../model/network.ts';
import type { SimulationResult } from '../simulate/simulate.ts';
import { blendedLimits, networkLimit, STEADY_LIMIT_MAX_QUBITS, type NetworkLimit } from '../simulate/steady-limit.ts';

/** Largest n for which 𝒫_*(ρ(0)) is written out entry by entry (n! permutations of 4ⁿ entries at most). */
export const SYMMETRIZED_INITIAL_MAX_QUBITS = 4;

export interface SymmetrizedInitial {
  readonly n: number;
  /** The nonzero entries of 𝒫_*(ρ(0)) = (1/n!) Σ_π U_π ρ(0) U_π†, exact, ordered by (row, column). */
  readonly entries: readonly { readonly row: string; readonly col: string; readonly value: Scalar }[];
}

export interface NetworkOutputs {
  /** The exact spectrum of Q (null for symbolic weights or large n). */
  readonly spectrum: LaplacianSpectrum | null;
  /** λ_max(Q_d) = 2Σ a_jk, exact for n ≤ 4 (model/laplacian-spectrum.ts); null otherwise. */
  readonly lambdaMaxInduced: Scalar | null;
  readonly symmetrizedInitial: SymmetrizedInitial | null;
  /** Per study K_c, the t → ∞ limit (n ≤ `STEADY_LIMIT_MAX_QUBITS`, with a simulation); empty otherwise. */
  readonly limits: readonly NetworkLimit[];
  /** dim ker of 𝓛̄ (eq. 6) and of Proj(A_d) (eq. 17), when computed with the limits. */
  readonly blendedKernelDimension: number | null;
  readonly coherentKernelDimension: number | null;
}

/** All permutations of 0…n−1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

/**
 * 𝒫_*(ρ(0)) exactly: each entry |l⟩⟨l'| moves to |π(l)⟩⟨π(l')| (the qubits' bits permuted alike) with
 * weight 1/n!.
 */
export function symmetrizedInitial(model: NetworkModel): SymmetrizedInitial | null {
  const n = model.qubits;
  if (n > SYMMETRIZED_INITIAL_MAX_QUBITS) return null;
  const perms = permutations(n);
  const weight = Scalar.rational(1, perms.length);
  const acc = new Map<string, Scalar>();
  for (const e of stateOperator(model.initial).entries()) {
    const v = e.value.mul(weight);
    for (const p of perms) {
      const row = p.map((q) => e.row[q]).join('');
      const col = p.map((q) => e.col[q]).join('');
      const key = `${row}|${col}`;
      acc.set(key, (acc.get(key) ?? Scalar.ZERO).add(v));
    }
  }
  const entries = [...acc].filter(([, v]) => !v.isZero()).map(([k, value]) => {
    const [row, col] = k.split('|');
    return { row, col, value };
  });
  entries.sort((a, b) => (a.row === b.row ? (a.col < b.col ? -1 : 1) : a.row < b.row ? -1 : 1));
  return { n, entries };
}

/** The outputs of a model (`simulation` null: no limits). */
export function networkOutputs(model: NetworkModel, simulation: SimulationResult | null): NetworkOutputs {
  let limits: NetworkLimit[] = [];
  let blendedKernelDimension: number | null = null;
  let coherentKernelDimension: number | null = null;
  if (simulation && model.qubits <= STEADY_LIMIT_MAX_QUBITS && simulation.context.rho0) {
    const b = blendedLimits(simulation.context);
    blendedKernelDimension = b.blendedKernelDimension;
    coherentKernelDimension = b.coherentKernelDimension;
    limits = simulation.Kc.map((Kc) => networkLimit(simulation.context, Kc, b)).filter((l): l is NetworkLimit => l !== null);
  }
  return {
    spectrum: laplacianSpectrum(model.graph),
    lambdaMaxInduced: lambdaMaxInduced(model.graph),
    symmetrizedInitial: symmetrizedInitial(model),
    limits, blendedKernelDimension, coherentKernelDimension,
  };
}
