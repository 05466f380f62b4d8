/**
 * The slow-manifold method of eq. 4 (simulate/slow-manifold.ts) against independent truths: the
 * orbit basis is an orthonormal basis of the permutation-symmetric Hermitian operators (checked with
 * SWAPs built from explicit 2×2 factors), the class sum 𝒯 = Σ_{j<k} Ad U_jk equals Σ U X U on naive
 * complex matrices, its spectrum is the content sums (the product of (𝒯 − c) over them annihilates
 * every operator, and omitting any one factor does not), the pseudo-inverse solves
 * K_c·a·𝒬_d·X = R exactly on the vectors it is built for, and the propagated ρ(t) agrees with the dense
 * matrix exponential of the Liouvillian at n = 4 and with the polynomial Krylov propagator at n = 5.
 * Off K_n: λ_m(Q) against its closed forms, the conjugate-gradient pseudo-inverse against 𝒬_d built
 * from explicit SWAPs on the graph's edges, and the propagation on path, ring, star and 3-regular
 * graphs against the dense exponential (n = 4) and Krylov (n = 5, 6).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LoweredModel } from '../../src/core/lowered-model.ts';
import { buildLindbladKernel, lindbladOperator, SparseGeneratorAction } from '../../src/numeric/lindblad-action.ts';
import { hermitianRealOperator, KRYLOV_MEMORY_BUDGET } from '../../src/numeric/propagate.ts';
import { KrylovArena } from '../../src/numeric/wasm-kernels.ts';
import { zeros, type CMatrix } from '../../src/numeric/cmatrix.ts';
import {
  RealOrbitBasis,
  OrbitGeneratorRows,
  RealClassSum,
  CouplingPseudoInverse,
  couplingContentSums,
  generatorLocality,
  chooseSlowManifold,
  slowManifoldMemoryBytes,
  slowManifoldArenaBytes,
  SLOW_MANIFOLD_MEMORY_BUDGET,
  propagateSlowManifold,
} from '../../src/simulate/slow-manifold.ts';
import { chooseFullMethod, propagateFullNetwork } from '../../src/simulate/full-network.ts';
import { uniformCoupling, ConjugateGradientPseudoInverse } from '../../src/simulate/coupling-solve.ts';
import { graphEdges, graphModel, type GraphFamily } from '../support/graph-models.ts';
import { example3Model, naiveAdd, naiveKron, naiveMul, naiveSwap, naiveZeros, seededRng, type NaiveMatrix } from '../support/numeric-reference.ts';

const binomial = (n: number, k: number) => {
  let b = 1;
  for (let i = 0; i < k; i++) b = (b * (n - i)) / (i + 1);
  return b;
};

/** Real coordinates written out from their definition: ρ_ii, √2·Re ρ_ij (i < j) at (i, j), √2·Im ρ_ij at (j, i). */
function coordinatesOf(M: NaiveMatrix): Float64Array {
  const D = M.re.length;
  const x = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    x[i * D + i] = M.re[i][i];
    for (let j = i + 1; j < D; j++) {
      x[i * D + j] = Math.SQRT2 * M.re[i][j];
      x[j * D + i] = Math.SQRT2 * M.im[i][j];
    }
  }
  return x;
}

function matrixOf(x: Float64Array, D: number): NaiveMatrix {
  const M = naiveZeros(D);
  for (let i = 0; i < D; i++) {
    M.re[i][i] = x[i * D + i];
    for (let j = i + 1; j < D; j++) {
      M.re[i][j] = M.re[j][i] = x[i * D + j] / Math.SQRT2;
      M.im[i][j] = x[j * D + i] / Math.SQRT2;
      M.im[j][i] = -M.im[i][j];
    }
  }
  return M;
}

function randomHermitian(D: number, rng: () => number): NaiveMatrix {
  const M = naiveZeros(D);
  for (let i = 0; i < D; i++) {
    M.re[i][i] = rng() - 0.5;
    for (let j = i + 1; j < D; j++) {
      M.re[i][j] = M.re[j][i] = rng() - 0.5;
      M.im[i][j] = rng() - 0.5;
      M.im[j][i] = -M.im[i][j];
    }
  }
  return M;
}

/** 𝒯X = Σ_{j<k} U_jk X U_jk with SWAPs from explicit factors. */
function naiveClassSum(n: number, X: NaiveMatrix): NaiveMatrix {
  let out = naiveZeros(X.re.length);
  for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) {
    const U = naiveSwap(n, j, k);
    out = naiveAdd(out, naiveMul(naiveMul(U, X), U));
  }
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const norm = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/** A complete-graph model with uniform weight a. */
function completeGraph(model: LoweredModel, a = 1): LoweredModel {
  const edges: [number, number, number][] = [];
  for (let j = 1; j <= model.n; j++) for (let k = j + 1; k <= model.n; k++) edges.push([j, k, a]);
  return { ...model, edges };
}

function classSumArena(n: number, extra: number) {
  const kernel = buildLindbladKernel(example3Model(n, 1));
  const arena = new KrylovArena(extra, 4 ** n, RealClassSum.indexWords(kernel));
  return { arena, T: new RealClassSum(kernel, arena) };
}

describe('content sums of the transposition class sum', () => {
  it('for n = 3 are those of (3), (2,1), (1,1,1)', () => {
    expect(couplingContentSums(3)).toEqual([3, 0, -3]);
  });

  it.each([3, 4])('are exactly the eigenvalues of 𝒯 on operators (n = %i)', (n) => {
    const D = 2 ** n;
    const sums = couplingContentSums(n);
    const X = randomHermitian(D, seededRng(7 + n));
    const apply = (factors: number[]) => {
      let Y = X;
      for (const c of factors) Y = naiveAdd(naiveClassSum(n, Y), Y, -c);
      return Y;
    };
    const size = (M: NaiveMatrix) => Math.max(...M.re.flat().map(Math.abs), ...M.im.flat().map(Math.abs));
    expect(size(apply(sums))).toBeLessThan(1e-9 * binomial(n, 2) ** sums.length);
    for (let i = 0; i < sums.length; i++) expect(size(apply(sums.filter((_, j) => j !== i)))).toBeGreaterThan(1e-3);
  });
});

describe('RealOrbitBasis', () => {
  it.each([2, 3, 4])('is an orthonormal basis of the symmetric Hermitian operators, of dimension C(n+3,3) (n = %i)', (n) => {
    const D = 2 ** n;
    const E = new RealOrbitBasis(n);
    expect(E.dim).toBe(binomial(n + 3, 3));
    const cols = Array.from({ length: E.dim }, (_, k) => {
      const v = new Float64Array(D * D);
      E.addBasisVector(v, k);
      return v;
    });
    for (let a = 0; a < E.dim; a++) for (let b = a; b < E.dim; b++) {
      let dot = 0;
      for (let p = 0; p < D * D; p++) dot += cols[a][p] * cols[b][p];
      expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-14);
    }
    // The member lists (what the sparse generator action reads) list exactly the support of each
    // column, and the supports are disjoint.
    const seen = new Uint8Array(D * D);
    cols.forEach((v, k) => {
      const w = new Float64Array(D * D);
      for (let i = E.memberStart[k]; i < E.memberStart[k + 1]; i++) {
        expect(seen[E.members[i]]).toBe(0);
        seen[E.members[i]] = 1;
        w[E.members[i]] = E.memberWeight[i];
      }
      expect(maxDiff(w, v)).toBe(0);
    });
    // Every basis operator commutes with every SWAP (U E U = E): orthonormal, symmetric and
    // C(n+3,3) of them, the real dimension of Sym^n of the 4-dimensional Hermitian 2×2 matrices.
    for (const v of cols) {
      const M = matrixOf(v, D);
      for (let j = 1; j <= n; j++) for (let k = j + 1; k <= n; k++) {
        const U = naiveSwap(n, j, k);
        expect(maxDiff(coordinatesOf(naiveMul(naiveMul(U, M), U)), v)).toBeLessThan(1e-14);
      }
    }
  });

  it('splits any operator into its symmetric part and a part orthogonal to it (property)', () => {
    const n = 3;
    const D = 8;
    const E = new RealOrbitBasis(n);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const x = coordinatesOf(randomHermitian(D, seededRng(seed)));
        const q = x.slice();
        E.removeSymmetricPart(q, new Float64Array(E.dim));
        const c = E.coordinates(q);
        const p = new Float64Array(D * D);
        E.addCombination(p, E.coordinates(x));
        // Qx ⟂ ran E, Px + Qx = x, and Px is fixed by the average over S_n's transpositions
        // (𝒯Px = C(n,2)·Px).
        const TP = coordinatesOf(naiveClassSum(n, matrixOf(p, D)));
        return norm(c) < 1e-13 && maxDiff(Float64Array.from(p, (v, i) => v + q[i]), x) < 1e-14 && maxDiff(TP, p.map((v) => 3 * v)) < 1e-13;
      }),
      { numRuns: 25 },
    );
  });
});

describe('OrbitGeneratorRows', () => {
  it.each([3, 4])('G·X = Eᵀ𝓛₀X for random X, against dense 𝓛₀ products (n = %i, a model with 3-body terms and a collective channel)', (n) => {
    const D = 2 ** n;
    const rng = seededRng(7 * n);
    const model: LoweredModel = {
      ...example3Model(n, 0),
      hamiltonian: [...example3Model(n, 0).hamiltonian, { coef: [0.3, 0], ops: { 1: 'x', 2: 'z', 3: 'y' } }],
      lindblad: [...example3Model(n, 0).lindblad, { rate: 0.2, terms: [{ coef: [1, 0], ops: { 1: '-' } }, { coef: [0.5, -0.25], ops: { 2: '+' } }] }],
    };
    const kernel0 = buildLindbladKernel(model);
    const L0 = hermitianRealOperator(lindbladOperator(kernel0), D);
    const E = new RealOrbitBasis(n);
    const G = OrbitGeneratorRows.build(E, new SparseGeneratorAction(kernel0, { adjoint: true }), 2 ** 30, new Float64Array(2 * D * D), new Float64Array(D * D));
    expect(G).not.toBeNull();
    const X = Array.from({ length: E.dim }, () => Float64Array.from({ length: D * D }, () => rng() - 0.5));
    const B = new Float64Array(E.dim * E.dim).fill(0.25);
    G!.addProductInto(B, X);
    const image = new Float64Array(D * D);
    let worst = 0;
    X.forEach((x, k) => {
      L0.applyInto(image, x);
      const c = E.coordinates(image);
      for (let r = 0; r < E.dim; r++) worst = Math.max(worst, Math.abs(B[r * E.dim + k] - 0.25 - c[r]));
    });
    expect(worst).toBeLessThan(1e-12);
    // A table larger than allowed is refused rather than built.
    expect(OrbitGeneratorRows.build(E, new SparseGeneratorAction(kernel0, { adjoint: true }), 100, new Float64Array(2 * D * D), new Float64Array(D * D))).toBeNull();
  });
});

describe('RealClassSum', () => {
  it.each([3, 4])('equals Σ U_jk X U_jk on complex matrices, with the shift and the added vector (n = %i)', (n) => {
    const D = 2 ** n;
    const { arena, T } = classSumArena(n, 3);
    const rng = seededRng(40 + n);
    const X = randomHermitian(D, rng);
    const Z = randomHermitian(D, rng);
    arena.vectors[0].set(coordinatesOf(X));
    arena.vectors[1].set(coordinatesOf(Z));
    const TX = coordinatesOf(naiveClassSum(n, X));
    T.stepInto(2, 0);
    expect(maxDiff(arena.vectors[2], TX)).toBeLessThan(1e-13);
    T.stepInto(2, 0, 1.5, -0.25, 1);
    const x = coordinatesOf(X);
    const z = coordinatesOf(Z);
    expect(maxDiff(arena.vectors[2], TX.map((v, i) => v - 1.5 * x[i] - 0.25 * z[i]))).toBeLessThan(1e-13);
  });
});

describe('CouplingPseudoInverse', () => {
  it.each([4, 5])('solves K_c·a·𝒬_d·X = R for R = Q𝓛₀E_k, 𝒬_d = C(n,2) − 𝒯 (n = %i)', (n) => {
    const D = 2 ** n;
    const N = D * D;
    const model = example3Model(n, 0);
    const L0 = hermitianRealOperator(lindbladOperator(buildLindbladKernel(model)), D);
    const E = new RealOrbitBasis(n);
    const { arena, T } = classSumArena(n, 4);
    const gain = 750;
    // R has depth ≤ ℓ = 2 (𝓛₀ is 2-local), so the degree-(#contents of depth 1…2 − 1) interpolant is exact there.
    const pinv = new CouplingPseudoInverse(T, n, generatorLocality(model), gain, [2, 3]);
    expect(pinv.degree).toBe(couplingContentSums(n, 2, 1).length - 1);
    let tested = 0;
    for (let k = 0; k < E.dim && tested < 6; k++) {
      const e = new Float64Array(N);
      E.addBasisVector(e, k);
      L0.applyInto(arena.vectors[0], e);
      E.removeSymmetricPart(arena.vectors[0], new Float64Array(E.dim));
      const R = arena.vectors[0].slice();
      // Some 𝓛₀E_k are symmetric themselves (e.g. 𝓛₀ of an S_n-invariant state); R is then rounding noise.
      if (norm(R) < 1e-6) continue;
      tested++;
      pinv.applyInto(1, 0);
      const X = arena.vectors[1].slice();
      const TX = coordinatesOf(naiveClassSum(n, matrixOf(X, D)));
      const QX = X.map((v, i) => gain * (binomial(n, 2) * v - TX[i]));
      expect(maxDiff(QX, R) / norm(R)).toBeLessThan(1e-12);
      // and X has no symmetric part (the pseudo-inverse's range is ran Q)
      expect(norm(E.coordinates(X))).toBeLessThan(1e-12 * norm(X));
    }
    expect(tested).toBe(6);
  });
});

describe('model classification', () => {
  it('generatorLocality: a collective channel Σ_j L_j is 2-local, single-site terms 1-local, a 3-body term 3-local', () => {
    expect(generatorLocality(example3Model(4, 1))).toBe(2);
    const local: LoweredModel = { n: 3, hamiltonian: [{ coef: [1, 0], ops: { 1: 'z' } }], lindblad: [{ rate: 1, terms: [{ coef: [1, 0], ops: { 2: '-' } }] }], edges: [[1, 2, 1]], Kc: 1 };
    expect(generatorLocality(local)).toBe(1);
    expect(generatorLocality({ ...local, hamiltonian: [{ coef: [1, 0], ops: { 1: 'x', 2: 'y', 3: 'z' } }] })).toBe(3);
  });

  it('auto picks slow-manifold on connected graphs with one weight at strong coupling, within memory', () => {
    expect(chooseFullMethod(example3Model(5, 1000))).toBe('slow-manifold');
    expect(chooseFullMethod(example3Model(5, 1))).toBe('krylov');
    expect(chooseFullMethod(example3Model(3, 1000))).toBe('dense-expm');
    expect(chooseFullMethod(graphModel(5, graphEdges('path', 5), 1000))).toBe('slow-manifold');
    expect(chooseFullMethod(graphModel(5, graphEdges('path', 5), 10))).toBe('krylov');
    // Two components: ker 𝒬_d is larger than the symmetric operators, so the method does not apply.
    expect(chooseFullMethod(graphModel(5, [[1, 2], [3, 4], [4, 5]], 1e6))).toBe('krylov');
    // X, twelve work vectors and C(n,2) int32 gather words per position in one WebAssembly memory,
    // R, four vectors, the sparse action's complex image and 24 bytes of orbit tables per position on
    // the host: at n = 10 the arena (2.5 GiB) still fits 4 GiB and the whole run 6 GiB.
    expect(slowManifoldArenaBytes(9)).toBe(8 * 4 ** 9 * (220 + 12) + 4 * 36 * 4 ** 9);
    expect(slowManifoldMemoryBytes(9)).toBe(slowManifoldArenaBytes(9) + 8 * 4 ** 9 * (220 + 4 + 2) + 24 * 4 ** 9);
    expect(slowManifoldArenaBytes(10)).toBeLessThan(KRYLOV_MEMORY_BUDGET);
    expect(slowManifoldMemoryBytes(10)).toBeLessThan(SLOW_MANIFOLD_MEMORY_BUDGET);
    expect(chooseSlowManifold(example3Model(4, 1000))).toBe(true);
  });
});

/** A product state with random Bloch vectors (|r| ≤ 1). */
function randomProductState(n: number, rng: () => number): CMatrix {
  let rho: NaiveMatrix = { re: [[1]], im: [[0]] };
  for (let j = 0; j < n; j++) {
    const [x, y, z] = [rng() - 0.5, rng() - 0.5, rng() - 0.5].map((v) => 1.1 * v);
    rho = naiveKron(rho, { re: [[(1 + z) / 2, x / 2], [x / 2, (1 - z) / 2]], im: [[0, -y / 2], [y / 2, 0]] });
  }
  const D = rho.re.length;
  const m = zeros(D, D);
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) m.data.set([rho.re[a][b], rho.im[a][b]], 2 * (a * D + b));
  return m;
}

function collect(model: LoweredModel, rho0: CMatrix, times: number[], method: 'dense-expm' | 'krylov' | 'slow-manifold', tolerance: number) {
  const states: Float64Array[] = [];
  const run = propagateFullNetwork(model, rho0, times, { method, tolerance, onState: (_k, _t, r) => states.push(r.slice()) });
  return { run, states };
}

const frobeniusGap = (a: Float64Array[], b: Float64Array[]) => Math.max(...a.map((x, k) => norm(x.map((v, i) => v - b[k][i]))));

describe('propagateSlowManifold', () => {
  // Three distinct steps (three dense exponentials); 0.002 lies inside the fast transient at K_c ≥ 100.
  const times = [0, 0.002, 0.5, 1, 1.5, 2];

  it.each([100, 1000, 10000])('agrees with the dense exponential of the Liouvillian at n = 4, K_c = %i, within the tolerance', (Kc) => {
    const model = example3Model(4, Kc);
    const rho0 = randomProductState(4, seededRng(Kc));
    const ref = collect(model, rho0, times, 'dense-expm', 0);
    const tol = 1e-8;
    const sm = collect(model, rho0, times, 'slow-manifold', tol);
    expect(sm.run.method).toBe('slow-manifold');
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(tol);
    expect(sm.run.monitors.maxTraceDrift).toBeLessThan(1e-12);
    expect(sm.run.monitors.minEigenvalue).toBeGreaterThan(-1e-9);
  });

  it('takes the slow subspace at strong coupling and agrees with the polynomial Krylov propagator at n = 5 on a random K_n model', () => {
    const rng = seededRng(99);
    // Random Hamiltonian terms with support up to n and random channels: ℓ up to 5, so the
    // pseudo-inverse needs every content sum after one iteration.
    const base: LoweredModel = {
      n: 5,
      hamiltonian: [
        ...example3Model(5, 0).hamiltonian,
        { coef: [0.3, 0], ops: { 1: 'x', 3: 'z', 5: 'y' } },
      ],
      lindblad: [{ rate: 0.4, terms: [{ coef: [1, 0], ops: { 2: '-' } }] }, { rate: 0.1, terms: [{ coef: [1, 0], ops: { 4: 'z' } }, { coef: [0.5, 0], ops: { 1: '+' } }] }],
      edges: [],
      Kc: 3000,
    };
    const model = completeGraph(base, 0.8);
    const rho0 = randomProductState(5, rng);
    const tol = 1e-8;
    const sm = collect(model, rho0, times, 'slow-manifold', tol);
    const ref = collect(model, rho0, times, 'krylov', 1e-12);
    expect(sm.run.slowManifold?.fellBack).toBe(false);
    expect(sm.run.slowManifold?.slowDimension).toBe(56);
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(tol);
  });

  it('falls back to the polynomial propagator when the fixed point does not contract (ε ≈ 0.26), still within the tolerance', () => {
    const model = example3Model(4, 10);
    const rho0 = randomProductState(4, seededRng(5));
    const ref = collect(model, rho0, times, 'dense-expm', 0);
    const sm = collect(model, rho0, times, 'slow-manifold', 1e-8);
    expect(sm.run.slowManifold?.fellBack).toBe(true);
    expect(sm.run.slowManifold?.iterations).toBeGreaterThan(0);
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(1e-8);
  });

  it('at weak coupling the fast-transient step spans the whole grid and no slow subspace is built', () => {
    const model = example3Model(4, 1);
    const rho0 = randomProductState(4, seededRng(6));
    const ref = collect(model, rho0, times, 'dense-expm', 0);
    const sm = collect(model, rho0, times, 'slow-manifold', 1e-8);
    expect(sm.run.slowManifold?.iterations).toBe(0);
    expect(sm.run.slowManifold?.slowDimension).toBe(0);
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(1e-8);
  });

  it('refuses a disconnected graph or unequal weights, saying why', () => {
    const model = { ...example3Model(4, 1000), edges: [[1, 2, 1], [3, 4, 1]] as [number, number, number][] };
    expect(() => propagateSlowManifold(model, randomProductState(4, seededRng(1)), times, { tolerance: 1e-8 })).toThrow(/connected with one positive weight/);
    const uneven = { ...example3Model(4, 1000), edges: [[1, 2, 1], [2, 3, 2], [3, 4, 1]] as [number, number, number][] };
    expect(() => propagateSlowManifold(uneven, randomProductState(4, seededRng(1)), times, { tolerance: 1e-8 })).toThrow(/connected with one positive weight/);
  });
});

describe('strong coupling on any connected graph', () => {
  it('uniformCoupling: λ_m(Q) of the path, ring, star and K_n in closed form; null off its domain', () => {
    for (let n = 4; n <= 8; n++) {
      const at = (family: GraphFamily) => uniformCoupling(graphModel(n, graphEdges(family, n), 1))!;
      expect(at('path').lambdaM).toBeCloseTo(2 - 2 * Math.cos(Math.PI / n), 12);
      expect(at('ring').lambdaM).toBeCloseTo(2 - 2 * Math.cos((2 * Math.PI) / n), 12);
      expect(at('star').lambdaM).toBeCloseTo(1, 12);
      expect(at('star').lambdaMax).toBeCloseTo(n, 12);
      expect(at('complete')).toMatchObject({ lambdaM: n, complete: true });
      expect(at('path').complete).toBe(false);
    }
    expect(uniformCoupling(completeGraph(example3Model(4, 1), 0.5))).toMatchObject({ weight: 0.5, lambdaM: 4, edges: 6, complete: true });
    const uneven = example3Model(4, 1);
    expect(uniformCoupling({ ...uneven, edges: uneven.edges.map(([j, k, w], i) => [j, k, i === 0 ? 2 * w : w] as [number, number, number]) })).toBeNull();
    expect(uniformCoupling({ n: 4, edges: [[1, 2, 1], [3, 4, 1]] })).toBeNull();
    expect(uniformCoupling({ n: 3, edges: [[1, 2, 1], [2, 3, 0.5]] })).toBeNull();
    expect(uniformCoupling({ n: 3, edges: [] })).toBeNull();
    expect(uniformCoupling({ n: 3, edges: [[1, 2, 1], [2, 1, 1], [2, 3, 1]] })).toBeNull();
  });

  it('the conjugate-gradient pseudo-inverse solves K_c·𝒬_d·X = b on ran Q, 𝒬_d = a·Σ_edges(I − Ad U) from explicit SWAPs (n = 4)', () => {
    const n = 4;
    const D = 2 ** n;
    const E = new RealOrbitBasis(n);
    fc.assert(
      fc.property(fc.constantFrom<GraphFamily>('path', 'ring', 'star'), fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(100, 1000), (family, seed, Kc) => {
        const edges = graphEdges(family, n);
        const model = graphModel(n, edges, Kc);
        const kernel = buildLindbladKernel(model);
        const arena = new KrylovArena(4, D * D, RealClassSum.indexWords(kernel));
        const T = new RealClassSum(kernel, arena);
        const { lambdaM } = uniformCoupling(model)!;
        const accuracy = 1e-13;
        const cg = new ConjugateGradientPseudoInverse(T, Kc, lambdaM, accuracy, [2, 3]);
        const b = coordinatesOf(randomHermitian(D, seededRng(seed)));
        E.removeSymmetricPart(b, new Float64Array(E.dim));
        arena.vectors[0].set(b);
        const bound = cg.applyInto(1, 0, false);
        const X = arena.vectors[1].slice();
        let QX = naiveZeros(D);
        const Xm = matrixOf(X, D);
        for (const [j, k] of edges) {
          const U = naiveSwap(n, j, k);
          const UXU = naiveMul(naiveMul(U, Xm), U);
          QX = naiveAdd(QX, naiveAdd(Xm, { re: UXU.re.map((r) => r.map((v) => -v)), im: UXU.im.map((r) => r.map((v) => -v)) }));
        }
        const lhs = coordinatesOf(QX).map((v) => Kc * v);
        // The residual bound: ‖K_c𝒬_d X − b‖ ≤ bound·K_c·λ_m; and X has no symmetric part.
        expect(bound).toBeLessThanOrEqual(accuracy);
        expect(norm(lhs.map((v, i) => v - b[i]))).toBeLessThanOrEqual(1.01 * bound * Kc * lambdaM + 1e-14 * norm(b));
        expect(norm(E.coordinates(X))).toBeLessThan(1e-12 * norm(X));
        arena.release();
      }),
      { numRuns: 12 },
    );
  });

  // Three distinct steps (three dense exponentials); 0.002 lies inside the fast transient.
  const times = [0, 0.002, 0.5, 1, 1.5, 2];

  // K₄ is the only 3-regular graph on 4 nodes (it takes the exact pseudo-inverse of K_n).
  const families4: GraphFamily[] = ['path', 'ring', 'star', 'random-3-regular'];
  it.each(families4.flatMap((f) => [100, 1000].map((Kc) => [f, Kc] as const)))('agrees with the dense exponential at n = 4 on the %s graph, K_c = %i, within the tolerance', (family, Kc) => {
    const model = graphModel(4, graphEdges(family, 4), Kc);
    const rho0 = randomProductState(4, seededRng(Kc + family.length));
    const ref = collect(model, rho0, times, 'dense-expm', 0);
    const tol = 1e-8;
    const sm = collect(model, rho0, times, 'slow-manifold', tol);
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(tol);
    if (Kc === 1000) expect(sm.run.slowManifold?.fellBack).toBe(false);
    expect(sm.run.monitors.maxTraceDrift).toBeLessThan(1e-12);
  });

  it.each((['path', 'ring', 'star'] as const).flatMap((f) => [100, 1000].map((Kc) => [f, Kc] as const)))('agrees with the polynomial Krylov propagator at n = 5 on the %s graph, K_c = %i', (family, Kc) => {
    const model = graphModel(5, graphEdges(family, 5), Kc);
    const rho0 = randomProductState(5, seededRng(7 * Kc + family.length));
    const tol = 1e-8;
    const sm = collect(model, rho0, times, 'slow-manifold', tol);
    const ref = collect(model, rho0, times, 'krylov', 1e-12);
    if (Kc === 1000) {
      expect(sm.run.slowManifold?.fellBack).toBe(false);
      expect(sm.run.slowManifold?.conjugateGradientSteps).toBeGreaterThan(0);
    }
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(tol);
  });

  it('agrees with the polynomial Krylov propagator on a random 3-regular graph at n = 6, K_c = 1000', () => {
    const model = graphModel(6, graphEdges('random-3-regular', 6, 3), 1000);
    const rho0 = randomProductState(6, seededRng(61));
    const tol = 1e-8;
    const sm = collect(model, rho0, times, 'slow-manifold', tol);
    const ref = collect(model, rho0, times, 'krylov', 1e-12);
    expect(sm.run.slowManifold?.fellBack).toBe(false);
    expect(sm.run.slowManifold?.slowDimension).toBe(binomial(9, 3));
    expect(frobeniusGap(sm.states, ref.states)).toBeLessThan(tol);
  });
});
