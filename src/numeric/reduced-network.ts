/**
 * The reduced-state network of paper eq. 5 as a sparse-graph operator, and its large-graph method:
 *
 *   dρ_j/dt = 𝓛_j ρ_j + K_c Σ_k a_jk (ρ_k − ρ_j),   j = 1..n,
 *
 * with 𝓛_j a 4×4 complex superoperator on vec(ρ_j) (column stacking: vec ρ = (ρ₀₀, ρ₁₀, ρ₀₁, ρ₁₁)),
 * shared by the nodes of a few classes. In stacked form ẏ = (⊕_j 𝓛_j − K_c·Q ⊗ I₄)y with Q the graph
 * Laplacian (CSR, up to ~10⁶ nodes). State layout: node j's vec(ρ_j) occupies doubles 8j … 8j + 7
 * (interleaved complex). `reducedNetworkOperator` is the matrix-free G that eq. 5 problems of
 * numeric/propagator.ts carry (simulate/reduced-dynamics.ts builds it from a model).
 *
 * The `chebyshev-factorized` method (registered with propagator.ts by this module; preferred by its policy for eq. 5
 * with one node class above the dense limit). With 𝓛_j = 𝓛 for all j, I ⊗ 𝓛 and Q ⊗ I₄ commute, so
 * exactly y(t + Δ) = (e^{−K_cΔQ} ⊗ e^{Δ𝓛})·y(t). e^{Δ𝓛} is a 4×4 Padé exponential; e^{−K_cΔQ} is a
 * Chebyshev expansion on the spectrum bound [0, λ̂], λ̂ = 2·max weighted degree ≥ λ_max(Q)
 * (Gershgorin): e^{−z(1+Y)} = Σ' 2(−1)^k e^{−z}I_k(z)·T_k(Y), Y = (2/λ̂)Q − I, z = K_cΔλ̂/2,
 * truncated where the tail Σ 2e^{−z}I_k(z) (a rigorous bound, |T_k| ≤ 1) is below tolerance. Cost
 * per output ≈ √(2z ln(1/ε)) sparse Laplacian products: it grows like √K_c, which is optimal for
 * polynomial methods on graphs whose λ_max/λ_m is unbounded (a 10⁶-ring has λ_m ≈ 4·10⁻¹¹), against
 * ∝ K_c for explicit schemes; three state-sized work vectors, no orthogonalisation. Several classes
 * do not commute with the coupling and go to the Krylov method.
 */
import { DimensionMismatch, UserError } from '../core/errors.ts';
import { type CMatrix, zeros, identity, kron, transpose, conj, dagger, mul, scale } from './cmatrix.ts';
import { expm } from './expm.ts';
import type { LinearOperator, PropagateOptions } from './propagate.ts';
import { propagate, registerPropagator, type LtiProblem, type LtiShape, type PropagatorMethod, type PropagatorRun, type ResolvedPropagatorOptions } from './propagator.ts';

/** Undirected weighted graph in CSR form: both directions stored, no self-loops. */
export interface CsrGraph {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly weights: Float64Array;
}

function fromEdgeList(n: number, edges: Int32Array, weights: Float64Array): CsrGraph {
  const m = weights.length;
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    deg[edges[2 * e] + 1]++;
    deg[edges[2 * e + 1] + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const rowPtr = deg.slice();
  const fill = deg.slice(0, n);
  const colIdx = new Int32Array(2 * m);
  const w = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = edges[2 * e];
    const b = edges[2 * e + 1];
    colIdx[fill[a]] = b;
    w[fill[a]++] = weights[e];
    colIdx[fill[b]] = a;
    w[fill[b]++] = weights[e];
  }
  return { n, rowPtr, colIdx, weights: w };
}

/**
 * The CSR graph of weighted edges [j, k, a_jk] on qubits 1..n (each undirected edge once, as in
 * `LoweredModel.edges`); each node's neighbours keep the edges' order.
 * @example csrGraphFromEdges(3, [[1, 2, 0.5], [2, 3, 1]]).weights[1] // => 0.5
 */
export function csrGraphFromEdges(n: number, edges: readonly (readonly [number, number, number])[]): CsrGraph {
  const pairs = new Int32Array(2 * edges.length);
  const weights = new Float64Array(edges.length);
  edges.forEach(([j, k, a], e) => {
    pairs[2 * e] = j - 1;
    pairs[2 * e + 1] = k - 1;
    weights[e] = a;
  });
  return fromEdgeList(n, pairs, weights);
}

/**
 * Ring (cycle) on n ≥ 3 nodes, 0-based, every edge of weight `weight`.
 * @example ringGraph(5).colIdx.length // => 10
 */
export function ringGraph(n: number, weight = 1): CsrGraph {
  if (!Number.isInteger(n) || n < 3) throw new UserError(`a ring needs at least 3 nodes, got ${n}`);
  const edges = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    edges[2 * i] = i;
    edges[2 * i + 1] = (i + 1) % n;
  }
  return fromEdgeList(n, edges, new Float64Array(n).fill(weight));
}

/**
 * rows×cols 2-D grid with 4-neighbour edges (open boundary); node (r, c) is r·cols + c.
 * @example gridGraph(2, 3).colIdx.length // => 14
 */
export function gridGraph(rows: number, cols: number, weight = 1): CsrGraph {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new UserError(`bad grid ${rows}×${cols}`);
  const m = rows * (cols - 1) + (rows - 1) * cols;
  const edges = new Int32Array(2 * m);
  let e = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) {
        edges[2 * e] = i;
        edges[2 * e++ + 1] = i + 1;
      }
      if (r + 1 < rows) {
        edges[2 * e] = i;
        edges[2 * e++ + 1] = i + cols;
      }
    }
  }
  return fromEdgeList(rows * cols, edges, new Float64Array(m).fill(weight));
}

/**
 * A random d-regular simple graph (pairing model; rejected pairings are redrawn), seeded.
 * @example randomRegularGraph(10, 3, 1).colIdx.length // => 30
 */
export function randomRegularGraph(n: number, d: number, seed = 1, weight = 1): CsrGraph {
  if ((n * d) % 2 !== 0 || d >= n || d < 1) throw new UserError(`no ${d}-regular graph on ${n} nodes`);
  let s = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: reproducible across platforms
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  for (let attempt = 0; attempt < 1000; attempt++) {
    const stubs = new Int32Array(n * d);
    for (let i = 0; i < n * d; i++) stubs[i] = Math.floor(i / d);
    for (let i = stubs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = stubs[i];
      stubs[i] = stubs[j];
      stubs[j] = t;
    }
    const seen = new Set<number>();
    let ok = true;
    // Local repair: swap a bad partner with a random later stub a few times before restarting.
    for (let e = 0; e < stubs.length && ok; e += 2) {
      let tries = 0;
      for (;;) {
        const a = stubs[e];
        const b = stubs[e + 1];
        const key = a < b ? a * n + b : b * n + a;
        if (a !== b && !seen.has(key)) {
          seen.add(key);
          break;
        }
        if (++tries > 50 || e + 2 >= stubs.length) {
          ok = false;
          break;
        }
        const j = e + 2 + Math.floor(rand() * (stubs.length - e - 2));
        const t = stubs[e + 1];
        stubs[e + 1] = stubs[j];
        stubs[j] = t;
      }
    }
    if (ok) return fromEdgeList(n, stubs, new Float64Array(stubs.length / 2).fill(weight));
  }
  throw new Error('randomRegularGraph: no simple pairing found');
}

/** max_j Σ_k a_jk. @example maxWeightedDegree(ringGraph(4)) // => 2 */
export function maxWeightedDegree(g: CsrGraph): number {
  let best = 0;
  for (let j = 0; j < g.n; j++) {
    let s = 0;
    for (let k = g.rowPtr[j]; k < g.rowPtr[j + 1]; k++) s += g.weights[k];
    if (s > best) best = s;
  }
  return best;
}

export interface ReducedNetwork {
  readonly graph: CsrGraph;
  readonly Kc: number;
  /** Local generators 𝓛_c, 4×4 on the column-stacked vec(ρ_j). */
  readonly classes: readonly CMatrix[];
  /** classOf[j] indexes `classes`; null means every node is class 0. */
  readonly classOf: Uint8Array | Uint16Array | Uint32Array | null;
}

/**
 * The 4×4 local generator 𝓛ρ = −i[H, ρ] + Σ γ D(L)ρ on column-stacked vec(ρ) of one qubit:
 * −i(I⊗H − Hᵀ⊗I) + Σ γ(L̄⊗L − ½I⊗L†L − ½(L†L)ᵀ⊗I) (CONVENTIONS.md).
 * @example localGenerator(zeros(2), [{ rate: 1, L: fromReal([[0, 1], [0, 0]]) }]).data[2 * 3] // => 1
 */
export function localGenerator(H: CMatrix, channels: readonly { rate: number; L: CMatrix }[]): CMatrix {
  if (H.rows !== 2 || H.cols !== 2) throw new DimensionMismatch('a 2×2 Hamiltonian', `${H.rows}×${H.cols}`);
  const I = identity(2);
  const out = zeros(4, 4);
  const acc = (m: CMatrix, cr: number, ci: number) => {
    for (let k = 0; k < 32; k += 2) {
      out.data[k] += cr * m.data[k] - ci * m.data[k + 1];
      out.data[k + 1] += cr * m.data[k + 1] + ci * m.data[k];
    }
  };
  acc(kron(I, H), 0, -1);
  acc(kron(transpose(H), I), 0, 1);
  for (const { rate, L } of channels) {
    if (L.rows !== 2 || L.cols !== 2) throw new DimensionMismatch('a 2×2 Lindblad operator', `${L.rows}×${L.cols}`);
    const LdL = mul(dagger(L), L);
    acc(kron(conj(L), L), rate, 0);
    acc(kron(I, LdL), -rate / 2, 0);
    acc(kron(transpose(LdL), I), -rate / 2, 0);
  }
  return out;
}

function validate(net: ReducedNetwork): void {
  if (net.classes.length === 0) throw new UserError('a reduced network needs at least one local generator');
  for (const c of net.classes) if (c.rows !== 4 || c.cols !== 4) throw new DimensionMismatch('4×4 local generators', `${c.rows}×${c.cols}`);
  if (net.classOf) {
    if (net.classOf.length !== net.graph.n) throw new DimensionMismatch(`${net.graph.n} class labels`, net.classOf.length);
    for (let j = 0; j < net.graph.n; j++) {
      if (net.classOf[j] >= net.classes.length) throw new UserError(`node ${j} has class ${net.classOf[j]} but only ${net.classes.length} generators exist`);
    }
  }
  if (!Number.isFinite(net.Kc) || net.Kc < 0) throw new UserError(`K_c must be finite and ≥ 0, got ${net.Kc}`);
}

/**
 * out = (⊕𝓛_j − K_c Q ⊗ I₄)·y (no allocation; `out` must not alias `y`).
 * @example reducedNetworkApplyInto(new Float64Array(24), new Float64Array(24).fill(1), { graph: ringGraph(3), Kc: 5, classes: [zeros(4)], classOf: null })[0] // => 0
 */
export function reducedNetworkApplyInto(out: Float64Array, y: Float64Array, net: ReducedNetwork): Float64Array {
  const { graph, Kc, classes, classOf } = net;
  const n = graph.n;
  if (y.length !== 8 * n || out.length !== 8 * n) throw new DimensionMismatch(`${8 * n} doubles`, `${y.length}, ${out.length}`);
  if (out === y) throw new Error('reducedNetworkApplyInto: out aliases y');
  const rowPtr = graph.rowPtr;
  const colIdx = graph.colIdx;
  const wts = graph.weights;
  for (let j = 0; j < n; j++) {
    const S = classes[classOf ? classOf[j] : 0].data;
    const b = 8 * j;
    for (let r = 0; r < 4; r++) {
      let sr = 0;
      let si = 0;
      for (let c = 0; c < 4; c++) {
        const ar = S[2 * (4 * r + c)];
        const ai = S[2 * (4 * r + c) + 1];
        const xr = y[b + 2 * c];
        const xi = y[b + 2 * c + 1];
        sr += ar * xr - ai * xi;
        si += ar * xi + ai * xr;
      }
      out[b + 2 * r] = sr;
      out[b + 2 * r + 1] = si;
    }
    const end = rowPtr[j + 1];
    for (let k = rowPtr[j]; k < end; k++) {
      const w = Kc * wts[k];
      const o = 8 * colIdx[k];
      for (let q = 0; q < 8; q++) out[b + q] += w * (y[o + q] - y[b + q]);
    }
  }
  return out;
}

/** The stacked generator of eq. 5 as a linear operator on 4n complex entries. */
export function reducedNetworkOperator(net: ReducedNetwork): LinearOperator {
  validate(net);
  return { dim: 4 * net.graph.n, applyInto: (out, y) => reducedNetworkApplyInto(out, y, net) };
}

/**
 * e^{−z}I_k(z) for k = 0..K, with K the smallest degree whose tail 2Σ_{k>K} e^{−z}I_k(z) ≤ tol, by
 * Miller's backward recurrence I_{k−1} = (2k/z)I_k + I_{k+1}, normalised by e^{−z}(I₀ + 2ΣI_k) = 1.
 * @example Math.abs(scaledBesselI(1, 1e-15)[0] - 0.46575960759364043) < 1e-15 // => true
 */
export function scaledBesselI(z: number, tol: number): Float64Array {
  if (z === 0) return new Float64Array([1]);
  const kStart = Math.ceil(12 * Math.sqrt(z) + 40);
  const a = new Float64Array(kStart + 2);
  a[kStart + 1] = 0;
  a[kStart] = 1e-300;
  for (let k = kStart; k >= 1; k--) {
    a[k - 1] = ((2 * k) / z) * a[k] + a[k + 1];
    if (a[k - 1] > 1e250) for (let q = k - 1; q <= kStart; q++) a[q] *= 1e-250;
  }
  let norm = a[0];
  for (let k = 1; k <= kStart; k++) norm += 2 * a[k];
  for (let k = 0; k <= kStart; k++) a[k] /= norm;
  let tail = 0;
  let K = kStart;
  for (let k = kStart; k >= 1; k--) {
    tail += 2 * a[k];
    if (tail > tol) {
      K = k;
      break;
    }
    K = k - 1;
  }
  // Renormalise the truncated series to a₀ + 2Σa_k = 1: it then maps constants (the kernel of Q)
  // exactly, so Σ_j ρ_j and every tr ρ_j are conserved to round-off; the error stays ≤ 2·tail.
  const out = a.slice(0, K + 1);
  let sum = out[0];
  for (let k = 1; k <= K; k++) sum += 2 * out[k];
  for (let k = 0; k <= K; k++) out[k] /= sum;
  return out;
}

/** The one local generator when every node has the same class (the factorised method applies), else null. */
export function sharedLocalGenerator(net: ReducedNetwork): CMatrix | null {
  if (net.classes.length === 1) return net.classes[0];
  const c = net.classOf;
  if (c === null) return net.classes[0];
  for (let j = 1; j < c.length; j++) if (c[j] !== c[0]) return null;
  return net.classes[c[0]];
}

function problemNetwork(problem: LtiShape): ReducedNetwork | null {
  const s = problem.structure;
  return s?.kind === 'reduced-network' ? s.network : null;
}

/**
 * The factorised propagation of eq. 5 with one node class (see the module comment): each grid step
 * y ← (e^{−K_cΔQ} ⊗ e^{Δ𝓛})·y. The Chebyshev tail bounds the 2-norm error of the whole stack by
 * tail·‖y‖₂, so the per-step tail is max(tol, tol·max_j‖y_j(0)‖)/‖y₀‖ split over the steps.
 */
function runFactorized(problem: LtiProblem, options: ResolvedPropagatorOptions): PropagatorRun {
  const net = problemNetwork(problem)!;
  const S = sharedLocalGenerator(net)!;
  const { y0, times } = problem;
  const n = net.graph.n;
  let maxNode = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let q = 0; q < 8; q++) s += y0[8 * j + q] ** 2;
    maxNode = Math.max(maxNode, Math.sqrt(s));
  }
  const tol = Math.max(options.tolerance, options.tolerance * maxNode) / Math.max(vecNorm2(y0), 1e-300);
  const lamHat = 2 * maxWeightedDegree(net.graph);
  const y = y0.slice();
  const t0 = new Float64Array(8 * n);
  const t1 = new Float64Array(8 * n);
  const t2 = new Float64Array(8 * n);
  const states: Float64Array[] = [];
  let matvecs = 0;
  let exponentials = 0;
  let maxDeg = 0;
  const emit = (k: number) => {
    if (options.keepStates) states.push(y.slice());
    options.onOutput?.(k, times[k], y);
  };
  emit(0);
  const steps = Math.max(1, times.length - 1);
  for (let k = 1; k < times.length; k++) {
    const dt = times[k] - times[k - 1];
    if (dt > 0) {
      // local part: y_j ← e^{Δ𝓛}y_j
      const E = expm(scale(S, dt)).data;
      exponentials++;
      for (let j = 0; j < n; j++) {
        const b = 8 * j;
        const x0r = y[b], x0i = y[b + 1], x1r = y[b + 2], x1i = y[b + 3];
        const x2r = y[b + 4], x2i = y[b + 5], x3r = y[b + 6], x3i = y[b + 7];
        for (let r = 0; r < 4; r++) {
          const e = 8 * r;
          y[b + 2 * r] = E[e] * x0r - E[e + 1] * x0i + E[e + 2] * x1r - E[e + 3] * x1i + E[e + 4] * x2r - E[e + 5] * x2i + E[e + 6] * x3r - E[e + 7] * x3i;
          y[b + 2 * r + 1] = E[e] * x0i + E[e + 1] * x0r + E[e + 2] * x1i + E[e + 3] * x1r + E[e + 4] * x2i + E[e + 5] * x2r + E[e + 6] * x3i + E[e + 7] * x3r;
        }
      }
      // coupling part: y ← e^{−K_cΔQ}y by the Chebyshev expansion (tolerance split over the steps)
      const z = (net.Kc * dt * lamHat) / 2;
      if (z > 0) {
        const a = scaledBesselI(z, tol / steps);
        maxDeg = Math.max(maxDeg, a.length - 1);
        matvecs += chebyshevHeatInto(y, net.graph, lamHat, a, t0, t1, t2);
      }
    }
    emit(k);
  }
  return {
    method: chebyshevFactorizedMethod.name,
    states,
    stats: { matvecs, exponentials, errorEstimate: 0, roundoffFloor: 0 },
    details: { maxChebyshevDegree: maxDeg },
  };
}

/** The `chebyshev-factorized` method of eq. 5 (registered below). */
export const chebyshevFactorizedMethod: PropagatorMethod = {
  name: 'chebyshev-factorized',
  unsupported(problem: LtiShape): string | null {
    const net = problemNetwork(problem);
    if (!net) return 'needs an eq. 5 reduced-network problem';
    return sharedLocalGenerator(net) ? null : 'the nodes have different local generators (no exact factorisation)';
  },
  prefers: () => true,
  run: runFactorized,
};

registerPropagator(chebyshevFactorizedMethod);

export interface ReducedPropagateOptions extends PropagateOptions {
  /** Force the generic Krylov path even for one class (for cross-checks). */
  method?: 'auto' | 'krylov';
}

export interface ReducedPropagationResult {
  times: number[];
  states: Float64Array[];
  method: string;
  /** Sparse Laplacian products (factorised path) or full operator products (Krylov path). */
  matvecs: number;
  /** Largest Chebyshev degree used per output step (factorised path). */
  maxChebyshevDegree: number;
  /** max_{j,k} |tr ρ_j(t_k) − tr ρ_j(0)|. */
  traceDrift: number;
}

/**
 * ρ_j(t_k) for every node on the grid `times` (paper eq. 5), through `propagate` of propagator.ts:
 * `chebyshev-factorized` for one class, `krylov` (with the exact invariant Σ_j tr ρ_j) otherwise.
 * @deprecated for bench/numeric.ts's eq5 section; new code builds the problem and calls `propagate`.
 */
export function propagateReducedNetwork(
  net: ReducedNetwork,
  y0: Float64Array,
  times: readonly number[],
  options: ReducedPropagateOptions = {},
): ReducedPropagationResult {
  validate(net);
  const n = net.graph.n;
  if (y0.length !== 8 * n) throw new DimensionMismatch(`${8 * n} doubles`, y0.length);
  const traces0 = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    traces0[2 * j] = y0[8 * j] + y0[8 * j + 6];
    traces0[2 * j + 1] = y0[8 * j + 1] + y0[8 * j + 7];
  }
  let traceDrift = 0;
  // Σ_j tr ρ_j is an exact invariant of eq. 5 (weights on the ρ₀₀ and ρ₁₁ slots of every node).
  const invariant = new Float64Array(4 * n);
  for (let j = 0; j < n; j++) invariant[4 * j] = invariant[4 * j + 3] = 1;
  const run = propagate(
    { dim: 4 * n, y0, times, operator: () => reducedNetworkOperator(net), structure: { kind: 'reduced-network', network: net }, invariant },
    {
      method: options.method === 'krylov' ? 'krylov' : 'auto',
      tolerance: Math.max(options.atol ?? 1e-10, options.rtol ?? 1e-10),
      keepStates: options.keepStates,
      onOutput: (k, t, y) => {
        for (let j = 0; j < n; j++) {
          const d = Math.hypot(y[8 * j] + y[8 * j + 6] - traces0[2 * j], y[8 * j + 1] + y[8 * j + 7] - traces0[2 * j + 1]);
          if (d > traceDrift) traceDrift = d;
        }
        options.onOutput?.(k, t, y);
      },
    },
  );
  const maxChebyshevDegree = run.method === chebyshevFactorizedMethod.name ? (run.details as { maxChebyshevDegree: number }).maxChebyshevDegree : 0;
  return { times: [...times], states: run.states, method: run.method, matvecs: run.stats.matvecs, maxChebyshevDegree, traceDrift };
}

function vecNorm2(x: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * x[k];
  return Math.sqrt(s);
}

/** out = Y·x with Y = (2/λ̂)Q − I, on 8 doubles per node (unrolled: this is the hot loop at 10⁶ nodes). */
function shiftedLaplacianInto(out: Float64Array, x: Float64Array, g: CsrGraph, lamHat: number): void {
  const c = 2 / lamHat;
  const { rowPtr, colIdx, weights } = g;
  const n = g.n;
  for (let j = 0; j < n; j++) {
    const b = 8 * j;
    let deg = 0;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    const end = rowPtr[j + 1];
    for (let k = rowPtr[j]; k < end; k++) {
      const w = weights[k];
      deg += w;
      const o = 8 * colIdx[k];
      s0 += w * x[o];
      s1 += w * x[o + 1];
      s2 += w * x[o + 2];
      s3 += w * x[o + 3];
      s4 += w * x[o + 4];
      s5 += w * x[o + 5];
      s6 += w * x[o + 6];
      s7 += w * x[o + 7];
    }
    const dj = c * deg - 1;
    out[b] = dj * x[b] - c * s0;
    out[b + 1] = dj * x[b + 1] - c * s1;
    out[b + 2] = dj * x[b + 2] - c * s2;
    out[b + 3] = dj * x[b + 3] - c * s3;
    out[b + 4] = dj * x[b + 4] - c * s4;
    out[b + 5] = dj * x[b + 5] - c * s5;
    out[b + 6] = dj * x[b + 6] - c * s6;
    out[b + 7] = dj * x[b + 7] - c * s7;
  }
}

/**
 * y ← Σ_k c_k T_k(Y)·y with c₀ = a₀, c_k = 2(−1)^k a_k (a_k = e^{−z}I_k(z)), in place with three
 * work vectors. Returns the number of Laplacian products.
 */
function chebyshevHeatInto(y: Float64Array, g: CsrGraph, lamHat: number, a: Float64Array, tPrev: Float64Array, tCur: Float64Array, tNext: Float64Array): number {
  const N = y.length;
  tPrev.set(y);
  for (let i = 0; i < N; i++) y[i] = a[0] * tPrev[i];
  if (a.length === 1) return 0;
  shiftedLaplacianInto(tCur, tPrev, g, lamHat);
  let c = -2 * a[1];
  for (let i = 0; i < N; i++) y[i] += c * tCur[i];
  let p = tPrev;
  let q = tCur;
  let r = tNext;
  for (let k = 2; k < a.length; k++) {
    shiftedLaplacianInto(r, q, g, lamHat);
    c = (k % 2 === 0 ? 2 : -2) * a[k];
    for (let i = 0; i < N; i++) {
      const v = 2 * r[i] - p[i];
      r[i] = v;
      y[i] += c * v;
    }
    const t = p;
    p = q;
    q = r;
    r = t;
  }
  return a.length - 1;
}
