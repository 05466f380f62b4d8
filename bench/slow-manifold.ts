/**
 * Second feasibility measurement for the eq. 4 goal the polynomial Krylov propagator does not meet
 * (time at K_c = 10³ within 2× of K_c = 1, docs/BENCHMARKS.md): propagation on the slow invariant
 * subspace of 𝓐 = 𝓛₀ − K_c𝒬_d, built from the exactly known spectrum of the SWAP coupling on the
 * complete graph. Not a product code path; the table says what it would cost.
 *
 * The coupling on K_n with unit weights. 𝒬_d = Σ_{j<k}(I − Ad U_jk) = C(n,2)·I − 𝒯, where
 * 𝒯 = Σ_{j<k} Ad U_jk is the class sum of the transpositions of S_n acting on operators by
 * permuting tensor factors. The operator space is (ℂ⁴)^{⊗n}, whose S_n-isotypic components are
 * labelled by the partitions λ ⊢ n with at most four rows (Schur–Weyl duality for GL(4)); the class
 * sum is central, so it acts on component λ as the scalar c(λ) = Σ_{boxes}(column − row), the
 * content sum (Frobenius's character formula, as used by Diaconis & Shahshahani, Z. Wahrsch. verw.
 * Gebiete 57 (1981) 159). Hence ker 𝒬_d is the symmetric operators (λ = (n)), of dimension
 * d = C(n+3,3) with the orbit basis E, the gap is C(n,2) − c((n−1,1)) = n, and (K_c𝒬_d)⁺ = p(𝒯)
 * with p the Newton interpolant of 1/(K_c(C(n,2) − c)) on the distinct contents (0 at c = C(n,2)).
 *
 * The slow invariant subspace (adiabatic elimination made exact). Write P = EE^† and Q = I − P;
 * since 𝒬_d·E = 0, the invariant subspace of 𝓐 near ran P is ran(E + X), X = QX, with 𝓐(E + X) =
 * (E + X)·B, B = E^†𝓛₀(E + X) (d × d). Its Q part is the Riccati equation
 *   K_c𝒬_d·X = Q𝓛₀(E + X) − X·B,
 * solved by the fixed point X ← (K_c𝒬_d)⁺[Q𝓛₀(E + X) − X·B] from X = 0, which contracts by about
 * ‖𝓛₀‖/(K_c·n) per iteration. A polynomial Krylov step to τ₀ = ln(100/tol)/(K_c·n) first damps the
 * fast part of ρ₀ below tol/100; after it ρ(t) = (E + X)·e^{(t−τ₀)B}·E^†ρ(τ₀).
 *
 * Cost: d applications of 𝓛₀ for 𝓛₀E, d more per iteration for 𝓛₀X, and d pseudo-inverses per
 * iteration, each (#contents − 1) applications of 𝒯. The table compares that count, in units of one
 * application of 𝓐 (𝒯's time measured in the same run), with the polynomial propagator's products
 * at K_c and at K_c = 1 on the identical problem.
 */
import { cmatrix, matvecInto } from '../src/numeric/cmatrix.ts';
import { expm } from '../src/numeric/expm.ts';
import { buildLindbladKernel, lindbladOperator, couplingApplyInto, type LindbladKernel } from '../src/numeric/lindblad-action.ts';
import { propagateDensityMatrix } from '../src/numeric/propagate.ts';
import { orbitIndex, unitCounts } from '../src/coherent/orbits.ts';
import { example3Model } from '../test/support/numeric-reference.ts';
import { type BenchSection, type BenchRow, numberOption } from './section.ts';
import { productFactors, productState } from './numeric.ts';

/** Partitions of n into at most `rows` parts, largest part ≤ max. */
function partitions(n: number, max: number, rows: number): number[][] {
  if (n === 0) return [[]];
  if (rows === 0) return [];
  const out: number[][] = [];
  for (let first = Math.min(n, max); first >= 1; first--) for (const rest of partitions(n - first, first, rows - 1)) out.push([first, ...rest]);
  return out;
}

/** The distinct content sums c(λ) of λ ⊢ n with ≤ 4 rows, decreasing (c((n)) = C(n,2) first). */
export function contentSums(n: number): number[] {
  const sums = partitions(n, n, 4).map((lambda) => lambda.reduce((s, len, row) => s + (len * (len - 1)) / 2 - row * len, 0));
  return [...new Set(sums)].sort((a, b) => b - a);
}

/** x ↦ 𝒯x = Σ_{j<k} U_jk x U_jk through the kernel's coupling action (𝒯 = K_c-free coupling + C(n,2)). */
class ClassSum {
  applications = 0;
  private readonly pairs: number;
  constructor(private readonly kernel: LindbladKernel) {
    this.pairs = (kernel.n * (kernel.n - 1)) / 2;
  }
  applyInto(out: Float64Array, x: Float64Array): void {
    couplingApplyInto(out, x, this.kernel, 1);
    for (let i = 0; i < out.length; i++) out[i] += this.pairs * x[i];
    this.applications++;
  }
}

/** (K_c𝒬_d)⁺ as the Newton-form polynomial in 𝒯 on the content sums (Horner, two work vectors). */
class CouplingPseudoInverse {
  private readonly coefficients: number[];
  private readonly acc: Float64Array;
  private readonly image: Float64Array;
  constructor(
    private readonly T: ClassSum,
    private readonly nodes: number[],
    pairs: number,
    Kc: number,
    length: number,
  ) {
    const dd = nodes.map((c) => (c === pairs ? 0 : 1 / (Kc * (pairs - c))));
    for (let j = 1; j < nodes.length; j++) for (let i = nodes.length - 1; i >= j; i--) dd[i] = (dd[i] - dd[i - 1]) / (nodes[i] - nodes[i - j]);
    this.coefficients = dd;
    this.acc = new Float64Array(length);
    this.image = new Float64Array(length);
  }
  applyInto(out: Float64Array, x: Float64Array): void {
    const { coefficients: dd, nodes, acc, image } = this;
    const last = nodes.length - 1;
    for (let i = 0; i < x.length; i++) acc[i] = dd[last] * x[i];
    for (let j = last - 1; j >= 0; j--) {
      this.T.applyInto(image, acc);
      for (let i = 0; i < x.length; i++) acc[i] = image[i] - nodes[j] * acc[i] + dd[j] * x[i];
    }
    out.set(acc);
  }
}

/**
 * The orthonormal orbit basis of the symmetric operators, E_o = |orbit|^{−1/2}·Σ_{(a,b) ∈ o}|a⟩⟨b|,
 * with the project's canonical orbit labels (coherent/orbits.ts: colour counts of |a⟩⟨b|).
 */
class OrbitBasis {
  readonly orbitOf: Int32Array;
  readonly scale: number[];
  constructor(n: number) {
    const D = 2 ** n;
    const orbits = orbitIndex(n);
    const sizes = new Array<number>(orbits.size).fill(0);
    this.orbitOf = new Int32Array(D * D);
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < D; b++) {
        const [c00, c01, c10] = unitCounts(a, b, n);
        const o = orbits.rank(c00, c01, c10);
        this.orbitOf[a * D + b] = o;
        sizes[o]++;
      }
    }
    this.scale = sizes.map((s) => 1 / Math.sqrt(s));
  }
  get dim(): number {
    return this.scale.length;
  }
  /** E^†x, interleaved complex. */
  coordinates(x: Float64Array): Float64Array {
    const c = new Float64Array(2 * this.dim);
    for (let i = 0; i < this.orbitOf.length; i++) {
      const o = this.orbitOf[i];
      c[2 * o] += x[2 * i] * this.scale[o];
      c[2 * o + 1] += x[2 * i + 1] * this.scale[o];
    }
    return c;
  }
  /** x ← Qx = x − EE^†x. */
  removeSymmetricPart(x: Float64Array): void {
    const c = this.coordinates(x);
    for (let i = 0; i < this.orbitOf.length; i++) {
      const o = this.orbitOf[i];
      x[2 * i] -= c[2 * o] * this.scale[o];
      x[2 * i + 1] -= c[2 * o + 1] * this.scale[o];
    }
  }
  vector(o: number): Float64Array {
    const v = new Float64Array(2 * this.orbitOf.length);
    for (let i = 0; i < this.orbitOf.length; i++) if (this.orbitOf[i] === o) v[2 * i] = this.scale[o];
    return v;
  }
}

/** out += (a + ib)·x for interleaved complex vectors. */
function addScaled(out: Float64Array, ar: number, ai: number, x: Float64Array): void {
  if (ar === 0 && ai === 0) return;
  for (let i = 0; i < out.length; i += 2) {
    out[i] += ar * x[i] - ai * x[i + 1];
    out[i + 1] += ar * x[i + 1] + ai * x[i];
  }
}

function millisecondsPerApplication(apply: (out: Float64Array, x: Float64Array) => void, length: number): number {
  const x = new Float64Array(length).map((_, i) => Math.sin(i));
  const out = new Float64Array(length);
  apply(out, x);
  const reps = 10;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) apply(out, x);
  return (performance.now() - t0) / reps;
}

export const slowManifoldSection: BenchSection = {
  name: 'slow',
  tags: ['numeric', 'feasibility'],
  description: 'eq. 4 on its slow invariant subspace (exact SWAP-coupling spectrum on K_n): cost against polynomial Krylov',
  async run(args, report) {
    const ns = (args.options.get('n') ?? '5,6').split(',').map(Number);
    const kcs = (args.options.get('kc') ?? '100,1000,10000').split(',').map(Number);
    const tol = numberOption(args, 'tol', 1e-8);
    const times = Array.from({ length: 101 }, (_, k) => k / 10);
    const rows: BenchRow[] = [];
    for (const n of ns) {
      const D = 2 ** n;
      const length = 2 * D * D;
      const pairs = (n * (n - 1)) / 2;
      const rho0 = productState(productFactors(n));
      const basis = new OrbitBasis(n);
      const d = basis.dim;
      const nodes = contentSums(n);
      const L0 = lindbladOperator(buildLindbladKernel(example3Model(n, 0)));
      const atKc1 = propagateDensityMatrix(lindbladOperator(buildLindbladKernel(example3Model(n, 1))), rho0, times, { atol: tol, rtol: tol, keepStates: false });
      for (const Kc of kcs) {
        const kernel = buildLindbladKernel(example3Model(n, Kc));
        const A = lindbladOperator(kernel);
        const T = new ClassSum(kernel);
        const pinv = new CouplingPseudoInverse(T, nodes, pairs, Kc, length);
        // Phase 1: damp the fast part of ρ₀ (gap K_c·n) with the polynomial propagator.
        const tau0 = Math.log(100 / tol) / (Kc * n);
        const phase1 = propagateDensityMatrix(A, rho0, [0, tau0], { atol: tol / 4, rtol: tol / 4, keepStates: true });
        let L0Applications = 0;
        const E = Array.from({ length: d }, (_, o) => basis.vector(o));
        const applyL0 = (x: Float64Array) => {
          const out = new Float64Array(length);
          L0.applyInto(out, x);
          L0Applications++;
          return out;
        };
        const W = E.map(applyL0);
        let X = E.map(() => new Float64Array(length));
        let Z = E.map(() => new Float64Array(length));
        const B = new Float64Array(2 * d * d);
        const assembleB = () => {
          const col = new Float64Array(length);
          for (let o = 0; o < d; o++) {
            for (let i = 0; i < length; i++) col[i] = W[o][i] + Z[o][i];
            const c = basis.coordinates(col);
            for (let r = 0; r < d; r++) {
              B[2 * (r * d + o)] = c[2 * r];
              B[2 * (r * d + o) + 1] = c[2 * r + 1];
            }
          }
        };
        const rhs = new Float64Array(length);
        let iterations = 0;
        let previousUpdate = Infinity;
        for (;;) {
          assembleB();
          let update2 = 0;
          const next = E.map(() => new Float64Array(length));
          for (let o = 0; o < d; o++) {
            for (let i = 0; i < length; i++) rhs[i] = W[o][i] + Z[o][i];
            basis.removeSymmetricPart(rhs);
            for (let r = 0; r < d; r++) addScaled(rhs, -B[2 * (r * d + o)], -B[2 * (r * d + o) + 1], X[r]);
            pinv.applyInto(next[o], rhs);
            for (let i = 0; i < length; i++) update2 += (next[o][i] - X[o][i]) ** 2;
          }
          X = next;
          Z = X.map(applyL0);
          iterations++;
          const update = Math.sqrt(update2);
          // Linear convergence: the next update is predicted as update²/previousUpdate.
          const predicted = Number.isFinite(previousUpdate) ? (update * update) / previousUpdate : update;
          previousUpdate = update;
          if (predicted <= tol || iterations >= 12) break;
        }
        assembleB();
        const c0 = basis.coordinates(phase1.states[1]);
        const first = expm(cmatrix(d, d, B.map((v) => v * (times[1] - tau0))));
        const stepE = expm(cmatrix(d, d, B.map((v) => v * (times[2] - times[1]))));
        const reference = propagateDensityMatrix(A, rho0, times, { atol: 1e-12, rtol: 1e-12, keepStates: true });
        let worst = 0;
        let c = new Float64Array(2 * d);
        matvecInto(c, first, c0);
        const y = new Float64Array(length);
        for (let k = 1; k < times.length; k++) {
          if (k > 1) {
            const cNext = new Float64Array(2 * d);
            matvecInto(cNext, stepE, c);
            c = cNext;
          }
          y.fill(0);
          for (let o = 0; o < d; o++) {
            addScaled(y, c[2 * o], c[2 * o + 1], E[o]);
            addScaled(y, c[2 * o], c[2 * o + 1], X[o]);
          }
          let e2 = 0;
          for (let i = 0; i < length; i++) e2 += (y[i] - reference.states[k][i]) ** 2;
          worst = Math.max(worst, Math.sqrt(e2));
        }
        const polynomial = propagateDensityMatrix(A, rho0, times, { atol: tol, rtol: tol, keepStates: false });
        const classSumApplications = T.applications;
        const weightT = millisecondsPerApplication((o, x) => T.applyInto(o, x), length) / millisecondsPerApplication((o, x) => A.applyInto(o, x), length);
        const equivalent = phase1.stats.matvecs + L0Applications + weightT * classSumApplications;
        rows.push({
          n,
          K_c: Kc,
          'd = C(n+3,3)': d,
          contents: nodes.length,
          iterations,
          err_F: worst.toExponential(1),
          'phase 1 products': phase1.stats.matvecs,
          '𝓛₀ products': L0Applications,
          '𝒯 products': classSumApplications,
          '𝒯 / 𝓐 time': weightT.toFixed(2),
          '𝓐-equivalents': Math.round(equivalent),
          'polynomial, K_c': polynomial.stats.matvecs,
          'polynomial, K_c = 1': atKc1.stats.matvecs,
          'ratio to K_c = 1': (equivalent / atKc1.stats.matvecs).toFixed(2),
        });
      }
    }
    report({
      title: 'eq. 4 on the slow invariant subspace (Example-3-like model on K_n, t ∈ [0, 10], 101 outputs)',
      rows,
      notes: [
        `err_F: max over the grid of ‖ρ(t_k) − ρ_ref(t_k)‖_F against the polynomial propagator at 1e-12; tolerance ${tol}.`,
        '𝓐-equivalents = phase-1 products + 𝓛₀ products + (𝒯 products)·(time of 𝒯 / time of 𝓐), both measured in this run.',
        'ratio to K_c = 1: 𝓐-equivalents over the polynomial propagator\'s products at K_c = 1 (the 2× goal needs ≤ 2).',
      ],
    });
  },
};
