import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse.ts';
import { projectedGeneratorSparse, csrApplyInto } from '../../src/coherent/orbit-basis.ts';
import { orbitIndex, logOrbitSize } from '../../src/coherent/orbits.ts';
import { deriveCoherent } from '../../src/coherent/derive.ts';
import { theorem3 } from '../../src/theorems/theorem3.ts';
import { theorem4 } from '../../src/theorems/theorem4.ts';
import type { Complex, GeneratorTerms } from '../../src/coherent/sandwich.ts';
// The same Example-3-like terms the orbit-basis benchmark builds: Σσz + (1/20)Σσx + Σ_{j>k}σx^(j)σy^(k); L = √(1/20)Σσ₋ + √(1/50)Σσz.
import { example3Terms } from '../../bench/orbit-basis.ts';


describe('orbit basis at n = 50 (slow)', () => {
  it('Example-3-like Proj(A_d): p = 23,426 built in seconds, trace-preserving', () => {
    const t0 = performance.now();
    const g = projectedGeneratorSparse(example3Terms(50));
    const seconds = (performance.now() - t0) / 1000;
    expect(g.csr.dim).toBe(23426);
    expect(seconds).toBeLessThan(20);
    const o = orbitIndex(50);
    // tᵀB = 0, checked as ⟨t, B x⟩ = 0 for random x
    const x = new Float64Array(2 * o.size).map((_, i) => Math.sin(i * 1.3));
    const y = csrApplyInto(new Float64Array(x.length), g.csr, x);
    let re = 0, im = 0, scale = 0;
    o.counts.forEach((c, m) => {
      if (c[1] !== 0 || c[2] !== 0) return;
      const t = Math.exp(0.5 * logOrbitSize(c));
      re += t * y[2 * m]; im += t * y[2 * m + 1]; scale = Math.max(scale, t * Math.hypot(y[2 * m], y[2 * m + 1]));
    });
    expect(Math.hypot(re, im)).toBeLessThan(1e-9 * scale);
  }, 120_000);

  it('deriveCoherent on a 50-qubit Example 3 with a product initial state', () => {
    const n = 50;
    const factors = Array.from({ length: n }, (_, j) => (j % 2 ? '"|0><0|"' : '"|+><+|"')).join(', ');
    const m = parseModel(`name: ex3-50
qubits: ${n}
graph: complete
hamiltonian: "sum(j=1..${n}, sz(j)) + 0.1/2 * sum(j=1..${n}, sp(j) + sm(j)) + sum(j>k, sx(j)*sy(k))"
lindblad:
  - operator: "sqrt(0.05) * sum(j=1..${n}, sm(j)) + sqrt(0.02) * sum(j=1..${n}, sz(j))"
    rate: 1
initial: {product: [${factors}]}
study: {Kc: [1], eta: 0.01, T1: 1, T2: 10}
`);
    const d = deriveCoherent(m);
    const study = { eta: m.study.eta, T1: m.study.T1, T2: m.study.T2 };
    expect(d.components).toBe(23426);
    expect(d.lambdaMin.value).toBe(50);
    expect(d.norm!.kind).toBe('upper-bound');
    expect(theorem3(d, study).applies).toBe(true);
    expect(theorem4(d, study).applies).toBe(true);
    // tr ρ(0) = Σ_m √|V_m| y_m over diagonal orbits = 1
    let tr = 0;
    d.componentCounts.forEach((c, k) => { if (c[1] === 0 && c[2] === 0) tr += Math.exp(0.5 * logOrbitSize(c)) * d.initial.values[k].numeric[0]; });
    expect(Math.abs(tr - 1)).toBeLessThan(1e-10);
  }, 300_000);
});
