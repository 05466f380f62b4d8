import { ExactMatrix } from '../algebra/matrix.ts';
import { partialTraceToQubit } from '../algebra/operator.ts';
import { Scalar } from '../algebra/scalar.ts';
import type { Graph } from '../model/graph.ts';
import { laplacian } from '../model/graph.ts';
import type { InitialState } from '../model/network.ts';
import type { LocalGenerator } from './blended-generator.ts';

/**
 * Paper eq. 5 as one exact linear system on the n single-qubit states. With
 * x = (vec ρ₁; …; vec ρₙ) ∈ C^{4n} (column stacking per qubit),
 *   dx/dt = (⊕_j 𝓛_j − K_c (Q ⊗ I₄)) x,
 * because K_c Σ_{k} a_jk (ρ_k − ρ_j) = −K_c Σ_k Q_jk ρ_k (Q the Laplacian, Q_jj = Σ_k a_jk).
 *
 * Why eq. 5 is exact under separability, for every ρ (product or not): take Tr_{¬j} of each term of
 * eq. 4.
 *  - Hamiltonian: Tr_{¬j}[H_k^(k), ρ] = 0 for k ≠ j (the partial trace over qubit k of a commutator
 *    with an operator on qubit k vanishes by cyclicity of that trace), and Tr_{¬j}[H_j^(j), ρ] = [H_j, ρ_j].
 *  - Dissipators: for L on qubit k ≠ j, Tr_k D(L^(k))ρ = 0 because D(L) is trace preserving on qubit k;
 *    for L on qubit j, Tr_{¬j} D(L^(j))ρ = D(L)ρ_j.
 *  - Coupling: D(U_jk)ρ = U_jk ρ U_jk − ρ. If the edge touches j, Tr_{¬j}(U_jk ρ U_jk) = ρ_k (the swap
 *    moves qubit k's marginal into slot j); if it does not, Tr_{¬j}(U_ab ρ U_ab) = ρ_j (the swap acts
 *    inside the traced qubits), so the term contributes ρ_j − ρ_j = 0.
 * Only linearity and these identities are used: Assumption 1's product initial state is NOT needed
 * for eq. 5 (it is needed for nothing in Theorems 1–2 either; their proofs use eq. 5 and ‖ρ_j‖_F ≤ 1).
 */
export interface ReducedSystem {
  readonly n: number;
  /** The 4n×4n generator ⊕𝓛_j − K_c (Q ⊗ I₄). */
  readonly generator: ExactMatrix;
  /** The coupling gain used (the symbolic parameter K_c unless a value was given). */
  readonly Kc: Scalar;
  readonly latex: string;
}

export interface ReducedSystemOptions {
  /** Coupling gain; default: the symbolic parameter `K_c`. */
  Kc?: Scalar;
}

/**
 * Builds eq. 5's generator from the local generators and the graph.
 * @example reducedSystem(localGenerators({ qubits: 2, hamiltonian: PauliSum.local(2, 1, 'z'), lindblad: [] }), pathGraph(2)).generator.rows // => 8
 */
export function reducedSystem(locals: readonly LocalGenerator[], graph: Graph, options: ReducedSystemOptions = {}): ReducedSystem {
  const n = locals.length;
  if (graph.qubits !== n) throw new RangeError(`graph on ${graph.qubits} qubits, ${n} local generators`);
  const Kc = options.Kc ?? Scalar.param('K_c');
  const q = n === 0 ? ExactMatrix.zeros(0) : laplacian(graph);
  const out = ExactMatrix.fromFunction(4 * n, 4 * n, (r, c) => {
    const bj = Math.floor(r / 4);
    const bk = Math.floor(c / 4);
    let v = bj === bk ? locals[bj].superop.get(r % 4, c % 4) : Scalar.ZERO;
    if (r % 4 === c % 4) {
      const qjk = q.get(bj, bk);
      if (!qjk.isZero()) v = v.sub(Kc.mul(qjk));
    }
    return v;
  });
  return {
    n, generator: out, Kc,
    latex: `\\frac{d\\rho_j}{dt} = \\mathcal{L}_j\\rho_j + ${Kc.toLatex()}\\sum_{\\{j,k\\}\\in\\mathbb{E}} a_{jk}(\\rho_k - \\rho_j),\\quad j = 1,\\dots,${n}`,
  };
}

/** Whether the initial state is a product ρ₁ ⊗ … ⊗ ρₙ (as stated in the model). */
export function isProductInitial(initial: InitialState): boolean {
  return initial.kind === 'product';
}

/**
 * The reduced states ρ_j(0) = Tr_{¬j} ρ(0): the factors of a product state, else exact partial traces
 * of the dense state (n ≤ 10).
 */
export function initialReducedStates(initial: InitialState): ExactMatrix[] {
  if (initial.kind === 'product') return [...initial.factors];
  const rho = initial.toMatrix();
  const out: ExactMatrix[] = [];
  for (let j = 1; j <= initial.qubits; j++) out.push(partialTraceToQubit(rho, initial.qubits, j));
  return out;
}

/**
 * The steps of the derivation of eq. 5 from eq. 4, in order: the partial trace of every term, the
 * Hamiltonian, the dissipators, the SWAP coupling, and linearity (why no product state is needed).
 * The report writes each step's sentence.
 */
export const EQUATION_5_STEPS = ['partial-trace', 'hamiltonian', 'dissipators', 'coupling', 'linearity'] as const;
export type Equation5Step = (typeof EQUATION_5_STEPS)[number];
