import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { productState, sparseState } from '../../src/model/network.ts';
import { SparseOperator } from '../../src/model/sparse.ts';
import { orbitInitialCondition, liftToDensity, liftToDensityExact, orbitObservableWeights, orbitExpectation } from '../../src/coherent/projection.ts';
import { permutationInvariantProjection } from '../../src/coherent/induced-graph.ts';
import { denseGenerator, generatorNorm } from '../../src/coherent/superop-norm.ts';
import { orbitIndex, unitCounts } from '../../src/coherent/orbits.ts';
import type { Complex, GeneratorTerms } from '../../src/coherent/sandwich.ts';
import { lindbladAction, opFromTerms, rng, zerosD, type C } from './brute.ts';

const TOL = 1e-12;

function randomFactor(r: () => number): ExactMatrix {
  // a random exact 2×2 density-like factor (Hermitian, rational entries)
  const a = Scalar.rational(1 + Math.floor(r() * 5), 8);
  const b = Scalar.rational(Math.floor(r() * 5) - 2, 16).add(Scalar.I.mul(Scalar.rational(Math.floor(r() * 5) - 2, 16)));
  return ExactMatrix.fromRows([[a, b], [b.conj(), Scalar.ONE.sub(a)]]);
}

describe('y_d(0) = P_dᵀ vec ρ(0) and the lift', () => {
  it('product states: generating function (exact and doubles) = brute-force orbit sums', () => {
    const r = rng(9);
    for (const n of [1, 2, 3, 4]) {
      const factors = Array.from({ length: n }, () => randomFactor(r));
      const st = productState(factors, factors.map(() => null), '');
      const rho = st.toMatrix().toComplexRows();
      const orbits = orbitIndex(n);
      const d = 2 ** n;
      const sums: C[] = orbits.counts.map(() => [0, 0]);
      const sizes = orbits.counts.map(() => 0);
      for (let l = 0; l < d; l++) for (let lp = 0; lp < d; lp++) {
        const c = unitCounts(l, lp, n);
        const m = orbits.rank(c[0], c[1], c[2]);
        sums[m][0] += rho[l][lp][0];
        sums[m][1] += rho[l][lp][1];
        sizes[m]++;
      }
      const exact = orbitInitialCondition(st, { exact: true });
      const num = orbitInitialCondition(st, { exact: false });
      expect(exact.kind).toBe('exact');
      expect(num.kind).toBe('numeric');
      sums.forEach((s, m) => {
        const want = [s[0] / Math.sqrt(sizes[m]), s[1] / Math.sqrt(sizes[m])];
        expect(Math.hypot(exact.values[m].numeric[0] - want[0], exact.values[m].numeric[1] - want[1])).toBeLessThan(TOL);
        expect(Math.hypot(num.values[m].numeric[0] - want[0], num.values[m].numeric[1] - want[1])).toBeLessThan(TOL);
      });
      // lift: vec⁻¹(P_d y_d) = 𝒫_*(ρ) (eq. 13), computed by summing the n! conjugations
      const lift = liftToDensity(num.values.map((v) => v.numeric), n);
      const data = new Float64Array(2 * d * d);
      rho.forEach((row, i) => row.forEach(([re, im], j) => { data[2 * (i * d + j)] = re; data[2 * (i * d + j) + 1] = im; }));
      const Pst = permutationInvariantProjection({ rows: d, cols: d, data }, n);
      for (let i = 0; i < data.length; i++) expect(Math.abs(lift.data[i] - Pst.data[i])).toBeLessThan(TOL);
    }
  });

  it('Example 3: y_d(0) is 1/√3 on the orbit (2,0,0,1), exact', () => {
    const op = SparseOperator.fromEntries(3, [
      { row: '001', col: '001', value: Scalar.rational(1, 6) },
      { row: '010', col: '010', value: Scalar.rational(2, 6) },
      { row: '100', col: '100', value: Scalar.rational(3, 6) },
    ]);
    const y = orbitInitialCondition(sparseState(op, null as never, ''), { exact: true });
    const m = orbitIndex(3).rank(2, 0, 0);
    expect(y.values[m].exact!.equals(Scalar.sqrt(Scalar.rational(1, 3)))).toBe(true);
    expect(y.values.filter((v) => !v.exact!.isZero())).toHaveLength(1);
    // exact lift: ρ_d = 𝒫_*(ρ(0)) = (1/3)(|001⟩⟨001| + |010⟩⟨010| + |100⟩⟨100|)
    const lift = liftToDensityExact(y.values.map((v) => v.exact!), 3);
    expect(lift.get(1, 1).equals(Scalar.rational(1, 3))).toBe(true);
    expect(lift.get(4, 4).equals(Scalar.rational(1, 3))).toBe(true);
    expect(lift.trace().equals(Scalar.ONE)).toBe(true);
  });

  it('observables in the orbit basis: ⟨O⟩ = tr(O ρ_d) (against dense matrices)', () => {
    const r = rng(3);
    for (const n of [2, 3, 4]) {
      const factors = Array.from({ length: n }, () => randomFactor(r));
      const st = productState(factors, factors.map(() => null), '');
      const y = orbitInitialCondition(st, { exact: false }).values;
      const yv = new Float64Array(2 * y.length);
      y.forEach((v, m) => { yv[2 * m] = v.numeric[0]; yv[2 * m + 1] = v.numeric[1]; });
      const lift = liftToDensity(y.map((v) => v.numeric), n);
      const d = 2 ** n;
      const obs = [
        { letters: 'X' + 'I'.repeat(n - 1), coef: [0.7, 0] as Complex },
        { letters: 'ZY' + 'I'.repeat(n - 2), coef: [0.3, -0.2] as Complex },
        { letters: 'I'.repeat(n - 1) + 'Z', coef: [1, 0] as Complex },
      ];
      const O = opFromTerms(n, obs.map((t) => ({ letters: t.letters, coef: t.coef as C })));
      let re = 0, im = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
        const a = O[j][i];
        const b = [lift.data[2 * (i * d + j)], lift.data[2 * (i * d + j) + 1]];
        re += a[0] * b[0] - a[1] * b[1];
        im += a[0] * b[1] + a[1] * b[0];
      }
      const got = orbitExpectation(orbitObservableWeights(n, obs), yv);
      expect(Math.hypot(got[0] - re, got[1] - im)).toBeLessThan(1e-12);
    }
  });
});

describe('dense generator and ‖A_d‖', () => {
  const model: GeneratorTerms<Complex> = {
    n: 2,
    hamiltonian: [{ letters: 'ZI', coef: [1, 0] }, { letters: 'XY', coef: [0.5, 0] }],
    channels: [{ rate: [0.7, 0], terms: [{ letters: 'XI', coef: [0.5, 0] }, { letters: 'YI', coef: [0, 0.5] }, { letters: 'IZ', coef: [0.2, 0.1] }] }],
  };
  it('denseGenerator applied to vec X equals the hand-written Lindblad action (column stacking)', () => {
    const A = denseGenerator(model);
    const r = rng(1);
    const d = 4;
    const X = zerosD(d).map((row) => row.map(() => [r() - 0.5, r() - 0.5] as C));
    const H = opFromTerms(2, model.hamiltonian.map((t) => ({ letters: t.letters, coef: t.coef as C })));
    const L = opFromTerms(2, model.channels[0].terms.map((t) => ({ letters: t.letters, coef: t.coef as C })));
    const want = lindbladAction(H, [{ rate: 0.7, L }], X);
    const N = 16;
    for (let row = 0; row < N; row++) {
      let re = 0, im = 0;
      for (let col = 0; col < N; col++) {
        const a = [A.data[2 * (row * N + col)], A.data[2 * (row * N + col) + 1]];
        const x = X[col % d][Math.floor(col / d)];
        re += a[0] * x[0] - a[1] * x[1];
        im += a[0] * x[1] + a[1] * x[0];
      }
      const w = want[row % d][Math.floor(row / d)];
      expect(Math.hypot(re - w[0], im - w[1])).toBeLessThan(TOL);
    }
  });

  it('‖A_d‖ (dense numeric) ≤ the rigorous term bound, and power iteration agrees', () => {
    const nrm = generatorNorm(model);
    expect(nrm.kind).toBe('numeric-dense');
    expect(nrm.value).toBeLessThanOrEqual(nrm.bound.value);
    // independent: power iteration on AᴴA
    const A = denseGenerator(model);
    const N = 16;
    let v = Array.from({ length: N }, (_, i) => [Math.sin(i + 1), Math.cos(i)] as C);
    let lam = 0;
    for (let it = 0; it < 3000; it++) {
      const Av = Array.from({ length: N }, (_, r) => { let re = 0, im = 0; for (let c = 0; c < N; c++) { const a = A.data[2 * (r * N + c)], b = A.data[2 * (r * N + c) + 1]; re += a * v[c][0] - b * v[c][1]; im += a * v[c][1] + b * v[c][0]; } return [re, im] as C; });
      const AhAv = Array.from({ length: N }, (_, c) => { let re = 0, im = 0; for (let r = 0; r < N; r++) { const a = A.data[2 * (r * N + c)], b = -A.data[2 * (r * N + c) + 1]; re += a * Av[r][0] - b * Av[r][1]; im += a * Av[r][1] + b * Av[r][0]; } return [re, im] as C; });
      const nv = Math.sqrt(AhAv.reduce((s, x) => s + x[0] ** 2 + x[1] ** 2, 0));
      lam = nv / Math.sqrt(v.reduce((s, x) => s + x[0] ** 2 + x[1] ** 2, 0));
      v = AhAv.map((x) => [x[0] / nv, x[1] / nv] as C);
    }
    expect(Math.abs(Math.sqrt(lam) - nrm.value)).toBeLessThan(1e-8 * nrm.value);
  });

  it('large n uses the rigorous bound', () => {
    const n = 6;
    const s = (q: number, L: string) => Array.from({ length: n }, (_, i) => (i === q ? L : 'I')).join('');
    const g: GeneratorTerms<Complex> = { n, hamiltonian: [{ letters: s(0, 'Z'), coef: [2, 0] }, { letters: 'I'.repeat(n), coef: [5, 0] }], channels: [{ rate: [0.5, 0], terms: [{ letters: s(1, 'X'), coef: [0.5, 0] }, { letters: s(1, 'Y'), coef: [0, 0.5] }] }] };
    const nrm = generatorNorm(g);
    expect(nrm.kind).toBe('upper-bound');
    // 2·2 (identity part of H dropped) + 2·0.5·(0.5 + 0.5)² = 5
    expect(nrm.value).toBeCloseTo(5, 14);
  });
});
