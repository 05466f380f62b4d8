/**
 * Exact-algebra benchmarks: steady states (null spaces) of exact Liouvillians, Berkowitz
 * characteristic polynomials and exact roots. Run alone with `npx tsx bench/algebra-exact.ts`;
 * `run()` returns rows `{ name, value, unit, note }`, and `algebraSection` is the same as a
 * bench/run.ts section (register it in SECTIONS).
 */
import { pathToFileURL } from 'node:url';
import { characteristicPolynomial, exactRoots } from '../src/algebra/charpoly.ts';
import { nullSpace } from '../src/algebra/linalg.ts';
import { ExactMatrix } from '../src/algebra/matrix.ts';
import { embed, PAULI } from '../src/algebra/operator.ts';
import { Scalar } from '../src/algebra/scalar.ts';
import { liouvillianParts } from '../src/algebra/superop.ts';
import type { BenchSection } from './section.ts';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note: string;
}

/**
 * A generic exact n-qubit model: H = Σ_j (j/2) σ_z^(j) + c σ_x^(1) σ_x^(2) with c = √3 (surd entries;
 * c = 2 with `surd: false`, a Gaussian-rational model comparable to the measurement), decay
 * σ₋ at rate 1/(j+1) and dephasing σ_z at rate 1/4 on each qubit, SWAP coupling on a path, K_c = 2.
 */
export function benchModel(n: number, options: { surd?: boolean } = {}): ExactMatrix {
  const d = 2 ** n;
  let h = ExactMatrix.zeros(d, d);
  for (let j = 1; j <= n; j++) h = h.add(embed(n, j, PAULI.z).scale(Scalar.rational(j, 2)));
  const coupling = options.surd === false ? Scalar.int(2) : Scalar.sqrt(Scalar.int(3));
  if (n >= 2) h = h.add(embed(n, 1, PAULI.x).mul(embed(n, 2, PAULI.x)).scale(coupling));
  const channels = [];
  for (let j = 1; j <= n; j++) {
    channels.push({ rate: Scalar.rational(1, j + 1), operator: embed(n, j, PAULI.minus) });
    channels.push({ rate: Scalar.rational(1, 4), operator: embed(n, j, PAULI.z) });
  }
  const edges: [number, number, number][] = [];
  for (let j = 1; j < n; j++) edges.push([j, j + 1, 1]);
  return liouvillianParts({ hamiltonian: h, channels, edges, Kc: Scalar.int(2) }).total;
}

function time<T>(f: () => T, repeat: number): { ms: number; value: T } {
  let value = f();
  const t0 = performance.now();
  for (let k = 0; k < repeat; k++) value = f();
  return { ms: (performance.now() - t0) / repeat, value };
}

export function run(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [n, repeat] of [[2, 20], [3, 3]] as const) {
    const build = time(() => benchModel(n), 1);
    const L = build.value;
    const ns = time(() => nullSpace(L), repeat);
    rows.push({ name: `algebra: exact Liouvillian build, n = ${n} (${L.rows}×${L.cols})`, value: build.ms, unit: 'ms', note: 'H with a √3 term, 2n channels, path coupling' });
    rows.push({
      name: `algebra: exact steady state (null space), ${L.rows}×${L.cols}`,
      value: ns.ms,
      unit: 'ms',
      note: `Gauss–Jordan over Q(i)(√3), null space dimension ${ns.value.length}; issue #2 measured 1.7 ms (16×16) / 174 ms (64×64) with a plain Gaussian-rational core`,
    });
  }
  for (const n of [2, 3]) {
    const L = benchModel(n, { surd: false });
    const ns = time(() => nullSpace(L), n === 2 ? 20 : 3);
    rows.push({
      name: `algebra: exact steady state (null space), ${L.rows}×${L.cols}, Gaussian rationals only`,
      value: ns.ms,
      unit: 'ms',
      note: 'same model with c = 2: the setting of the issue #2 measurement (1.7 ms / 174 ms)',
    });
  }
  const L2 = benchModel(2);
  const cp = time(() => characteristicPolynomial(L2), 3);
  rows.push({ name: 'algebra: Berkowitz characteristic polynomial, 16×16', value: cp.ms, unit: 'ms', note: `degree ${cp.value.degree()}, coefficients in Q(√3)` });
  const roots = time(() => exactRoots(cp.value), 1);
  const exact = roots.value.roots.filter((r) => r.kind !== 'numeric').length;
  rows.push({
    name: 'algebra: exactRoots of that polynomial',
    value: roots.ms,
    unit: 'ms',
    note: `${exact} exact, ${roots.value.roots.length - exact} numeric with certified radius ≤ ${Math.max(...roots.value.roots.map((r) => r.radius ?? 0)).toExponential(1)}`,
  });
  // A symbolic spectrum: two qubits, one symbolic decay rate γ.
  const g = Scalar.param('gamma');
  const h = embed(2, 1, PAULI.z).add(embed(2, 2, PAULI.z).scale(Scalar.int(2)));
  const sym = liouvillianParts({
    hamiltonian: h,
    channels: [
      { rate: g, operator: embed(2, 1, PAULI.minus) },
      { rate: Scalar.ONE, operator: embed(2, 2, PAULI.minus) },
    ],
    edges: [[1, 2, 1]],
    Kc: Scalar.ONE,
  }).total;
  const symPoly = time(() => characteristicPolynomial(sym), 1);
  const symRoots = time(() => exactRoots(symPoly.value), 1);
  rows.push({ name: 'algebra: Berkowitz charpoly, 16×16 with symbolic γ', value: symPoly.ms, unit: 'ms', note: 'entries in Q(i)(γ)' });
  rows.push({
    name: 'algebra: exactRoots, symbolic γ',
    value: symRoots.ms,
    unit: 'ms',
    note: `complete: ${symRoots.value.complete} (${symRoots.value.factors.length} verified factors)`,
  });
  return rows;
}

export const algebraSection: BenchSection = {
  name: 'algebra',
  tags: ['exact'],
  description: 'exact steady states (16×16, 64×64), Berkowitz characteristic polynomials, exact roots',
  async run(_args, report) {
    report({
      title: 'Exact algebra (BigInt field Q(i)(√m…)(params))',
      rows: run().map((r) => ({ benchmark: r.name.replace(/^algebra: /, ''), value: Number(r.value.toFixed(2)), unit: r.unit, note: r.note })),
      notes: ['timings are means over repeats after one warm-up run; single-threaded node'],
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of run()) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} — ${r.note}`);
}
