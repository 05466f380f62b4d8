/**
 * Bench: blended coherent dynamics (paper eq. 17) in the S_n-orbit basis for n = 50 and 100 qubits of
 * an Example-3-like model on the complete graph:
 *   H = Σ_j σz^(j) + (1/20) Σ_j (σ₊^(j) + σ₋^(j)) + Σ_{j>k} σx^(j)σy^(k),
 *   L = √(1/20) Σ_j σ₋^(j) + √(1/50) Σ_j σz^(j)   (one collective channel),
 *   ρ(0) = (1/6)(|0…01⟩⟨0…01| + 2|0…010⟩⟨0…010| + 3|10…0⟩⟨10…0|),
 * propagated on t ∈ [0, 1] (n = 50, 11 outputs) and [0, 0.05] (n = 100, 6 outputs) by default (adaptive
 * Krylov exponential on the sparse Proj(A_d), tolerance 1e-10). The window is short because the all-to-all σxσy coupling of unit
 * strength makes ‖H‖ grow like n²/2 (≈ 10³ at n = 50, 5·10³ at n = 100): the solution oscillates that
 * fast, and any propagator needs work ∝ ‖A‖·t; `run([{ n, tEnd, outputs }])` sets other windows. Reports term construction, build (Proj(A_d) via coherent/orbit-basis.ts), propagation wall
 * times, the trace of the final state (tr ρ = Σ_m y_m √|V_m| over the diagonal orbits, must stay 1) and
 * memory (RSS and heap after the run).
 *
 * Run alone: npx tsx bench/simulate-coherent.ts
 */
import { pathToFileURL } from 'node:url';
import { propagateCoherent } from '../src/simulate/coherent-dynamics.ts';
import { projectedGeneratorSparse } from '../src/coherent/orbit-basis.ts';
import type { Complex, GeneratorTerms } from '../src/coherent/sandwich.ts';
import { logOrbitSize } from '../src/coherent/orbits.ts';
import type { BenchSection } from './section.ts';
import { example3Terms } from './orbit-basis.ts';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note: string;
}


/**
 * y_d(0) = P_dᵀ vec ρ(0) for ρ(0) = (1/6)(|0…01⟩⟨0…01| + 2|0…010⟩⟨0…010| + 3|10…0⟩⟨10…0|): all three
 * units lie in the orbit (n₀₀, n₀₁, n₁₀, n₁₁) = (n − 1, 0, 0, 1), of size n, so y = (1/6 + 2/6 + 3/6)/√n there.
 */
export function initialCoordinates(n: number, rank: (a: number, b: number, c: number) => number, p: number): Float64Array {
  const y = new Float64Array(2 * p);
  y[2 * rank(n - 1, 0, 0)] = 1 / Math.sqrt(n);
  return y;
}

/** tr ρ from orbit coordinates: diagonal orbits have n₀₁ = n₁₀ = 0, and tr = Σ y_m √|V_m|. */
function traceOf(y: Float64Array, n: number, counts: readonly (readonly [number, number, number, number])[]): number {
  let tr = 0;
  counts.forEach((c, m) => {
    if (c[1] === 0 && c[2] === 0) tr += y[2 * m] * Math.exp(0.5 * logOrbitSize(c));
  });
  void n;
  return tr;
}

export interface BenchCase {
  n: number;
  tEnd: number;
  outputs: number;
}

/** Default cases: n = 50 on [0, 1] (11 outputs) and n = 100 on [0, 0.05] (6 outputs) (‖A‖ is ≈ 4× larger and p ≈ 7.5× larger there). */
export const DEFAULT_CASES: readonly BenchCase[] = [
  { n: 50, tEnd: 1, outputs: 11 },
  { n: 100, tEnd: 0.05, outputs: 6 },
];

export function run(cases: readonly BenchCase[] = DEFAULT_CASES): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const window of cases) {
    const n = window.n;
    const times = Array.from({ length: window.outputs }, (_, k) => (window.tEnd * k) / (window.outputs - 1));
    const t0 = performance.now();
    const terms = example3Terms(n);
    const t1 = performance.now();
    const g = projectedGeneratorSparse(terms);
    const yd0 = initialCoordinates(n, g.orbits.rank, g.csr.dim);
    const t2 = performance.now();
    const traj = propagateCoherent(g, yd0, times);
    const t3 = performance.now();
    const last = traj.states[traj.states.length - 1];
    const tr = traceOf(last, n, g.orbits.counts);
    const mem = process.memoryUsage();
    const p = g.csr.dim;
    const nnz = g.csr.rowPtr[p];
    rows.push(
      { name: `eq17 n=${n} terms`, value: t1 - t0, unit: 'ms', note: `generator terms: ${terms.hamiltonian.length} Hamiltonian strings, ${terms.channels[0].terms.length} jump-operator strings` },
      { name: `eq17 n=${n} build`, value: t2 - t1, unit: 'ms', note: `Proj(A_d) in the orbit basis: p = ${p}, nnz = ${nnz}; y_d(0)` },
      { name: `eq17 n=${n} propagate`, value: t3 - t2, unit: 'ms', note: `${traj.method}, ${traj.matvecs ?? 0} sparse matvecs, ${window.outputs} outputs on [0, ${window.tEnd}], tol 1e-10` },
      { name: `eq17 n=${n} |tr ρ(T) − 1|`, value: Math.abs(tr - 1), unit: '', note: `trace of vec⁻¹(P_d y_d(${window.tEnd})) from the diagonal orbits` },
      { name: `eq17 n=${n} rss`, value: mem.rss / 2 ** 20, unit: 'MiB', note: 'resident set size after the run (process total)' },
      { name: `eq17 n=${n} heap`, value: mem.heapUsed / 2 ** 20, unit: 'MiB', note: 'V8 heap used after the run (typed arrays are outside it)' },
    );
  }
  return rows;
}

export const coherentDynamicsSection: BenchSection = {
  name: 'eq17',
  tags: ['coherent', 'orbit'],
  description: 'blended coherent dynamics (eq. 17) in the orbit basis for an Example-3-like model, n = 50 and 100',
  async run(_args, report) {
    report({
      title: 'Eq. 17 in the orbit basis: build and propagate',
      rows: run().map((r) => ({ benchmark: r.name, value: Number(r.value.toPrecision(4)), unit: r.unit, note: r.note })),
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = run();
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.toPrecision(4).padStart(10)} ${r.unit.padEnd(4)}  ${r.note}`);
}
