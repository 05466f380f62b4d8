/**
 * The outputs of issue 24 item 3 against independent truths: the exact Laplacian spectrum (exact
 * determinant of Q − λI at the exact λ_m; mathjs's eigenvalues as an oracle for random graphs; each
 * root inside its interval and on its polynomial), λ_max(Q_d) against the largest eigenvalue of the
 * dense coupling superoperator, and the t → ∞ limit: a degenerate kernel (pure dephasing, pure SWAP
 * coupling) gives the limit of ρ(0) — its diagonal, and the exact permutation average 𝒫_*(ρ(0)) — not
 * an arbitrary kernel element.
 */
import fc from 'fast-check';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { determinant } from '../../src/algebra/linalg.ts';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { derive } from '../../src/api/derive.ts';
import { explicitGraph, laplacian } from '../../src/model/graph.ts';
import { laplacianSpectrum, lambdaMaxInduced } from '../../src/model/laplacian-spectrum.ts';
import { parseModel } from '../../src/model/parse.ts';
import { denseLiouvillian } from '../../src/numeric/lindblad-action.ts';
import { hermitianEig } from '../../src/numeric/eig.ts';
import { scale } from '../../src/numeric/cmatrix.ts';
import { generatorLimit } from '../../src/simulate/steady-limit.ts';

const graph = (n: number, edges: [number, number, number][]) => explicitGraph(n, edges.map(([j, k, w]) => [j, k, Scalar.int(w)]));

function oracleEigenvalues(rows: number[][]): number[] {
  return (eigs(rows).values as number[]).slice().sort((a, b) => a - b);
}

describe('exact Laplacian spectrum', () => {
  it('a star with weights 1 and 2: λ_m(Q) = 3 − √3 exactly (det(Q − λ_m I) = 0 in exact arithmetic)', () => {
    const g = graph(3, [[1, 2, 1], [1, 3, 2]]);
    const s = laplacianSpectrum(g)!;
    const lm = s.lambdaMin!;
    expect(lm.kind).toBe('quadratic-surd');
    expect(lm.exact!.equals(Scalar.int(3).sub(Scalar.sqrt(Scalar.int(3))))).toBe(true);
    expect(determinant(laplacian(g).sub(ExactMatrix.identity(3).scale(lm.exact!))).isZero()).toBe(true);
    console.log(`star(1, 2): λ_m(Q) = ${lm.text} ≈ ${lm.value}`);
  });

  it('a 4-path with weights 1, 2, 3: λ_m(Q) is a root of an irreducible cubic, in trigonometric form', () => {
    const g = graph(4, [[1, 2, 1], [2, 3, 2], [3, 4, 3]]);
    const s = laplacianSpectrum(g)!;
    const lm = s.lambdaMin!;
    expect(lm.kind).toBe('cubic-trigonometric');
    expect(lm.irreducible).toBe(true);
    expect(lm.polynomial.degree).toBe(3);
    // Q's smallest nonzero eigenvalue by an independent eigensolver, and the cubic at the value.
    const rows = laplacian(g).toComplexRows().map((r) => r.map(([re]) => re));
    expect(lm.value).toBeCloseTo(oracleEigenvalues(rows)[1], 12);
    const x = lm.value;
    expect(Math.abs(x ** 3 - 12 * x ** 2 + 36 * x - 24)).toBeLessThan(1e-12);
    console.log(`path(1, 2, 3): λ_m(Q) = ${lm.text} ≈ ${lm.value}; ${lm.latex}`);
  });

  it('random weighted graphs: the exact spectrum with multiplicities equals mathjs\'s eigenvalues; each value inside its interval', () => {
    const edge = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(fc.property(fc.integer({ min: 2, max: 6 }), fc.array(edge, { minLength: 1, maxLength: 9 }), (n, raw) => {
      const seen = new Set<string>();
      const edges = raw.map(([a, b, w]) => [((a - 1) % n) + 1, ((b - 1) % n) + 1, w] as [number, number, number])
        .filter(([j, k]) => j !== k && !seen.has(`${Math.min(j, k)}-${Math.max(j, k)}`) && seen.add(`${Math.min(j, k)}-${Math.max(j, k)}`));
      if (edges.length === 0) return;
      const g = graph(n, edges);
      const s = laplacianSpectrum(g)!;
      const mine = s.eigenvalues.flatMap((e) => Array<number>(e.multiplicity).fill(e.value)).sort((a, b) => a - b);
      const oracle = oracleEigenvalues(laplacian(g).toComplexRows().map((r) => r.map(([re]) => re)));
      expect(mine).toHaveLength(n);
      mine.forEach((v, k) => expect(Math.abs(v - oracle[k])).toBeLessThan(1e-9));
      for (const e of s.eigenvalues) {
        if (e.interval) {
          expect(Number(e.interval[0])).toBeLessThanOrEqual(e.value);
          expect(Number(e.interval[1])).toBeGreaterThanOrEqual(e.value);
        }
      }
    }), { numRuns: 40 });
  });

  it('λ_max(Q_d) = 2Σa_jk is the largest eigenvalue of the dense coupling superoperator (n = 2, 3, 4)', () => {
    for (const [n, edges] of [[2, [[1, 2, 3]]], [3, [[1, 2, 1], [2, 3, 2]]], [4, [[1, 2, 1], [2, 3, 2], [3, 4, 3], [1, 4, 1]]]] as [number, [number, number, number][]][]) {
      const g = graph(n, edges);
      const coupling = denseLiouvillian({ n, hamiltonian: [], lindblad: [], edges, Kc: 1 }).coupling;
      const top = Math.max(...hermitianEig(scale(coupling, -1)).values);
      expect(lambdaMaxInduced(g)!.toComplex()[0]).toBeCloseTo(top, 10);
    }
  });
});

describe('t → ∞ limits', () => {
  it('pure dephasing (a degenerate kernel): the limit of ρ(0) is its diagonal, not another steady state', () => {
    // 𝓛 = D(σz): column-stacked vec (ρ00, ρ10, ρ01, ρ11); off-diagonals decay at rate 2.
    const L = denseLiouvillian({ n: 1, hamiltonian: [], lindblad: [{ rate: 1, terms: [{ coef: [1, 0], ops: { 1: 'z' } }] }], edges: [], Kc: 1 }).total;
    const rho0 = new Float64Array([0.3, 0, 0.2, -0.1, 0.2, 0.1, 0.7, 0]);
    const lim = generatorLimit(L, rho0);
    expect(lim.kernelDimension).toBe(2);
    expect([...lim.limit].map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0.3, 0, 0, 0, 0, 0, 0.7, 0]);
  });

  it('a SWAP coupling alone: the kernel has one dimension per orbit (C(n+3, 3)) and ρ_∞ is the exact 𝒫_*(ρ(0))', () => {
    const d = derive(parseModel('name: pure\nqubits: 3\ngraph: {edges: [[1, 2, 1], [2, 3, 2]]}\nhamiltonian: "0"\ninitial: {ket: "(|001> + |110>)/sqrt(2)"}\nstudy: {Kc: [1], time: {end: 1, steps: 3}}\n'));
    const lim = d.outputs.limits[0];
    expect(lim.kernelDimension).toBe(20);
    const exact = d.outputs.symmetrizedInitial!;
    const expected = Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => 0));
    for (const e of exact.entries) expected[parseInt(e.row, 2)][parseInt(e.col, 2)] = e.value.toComplex()[0];
    let worst = 0;
    lim.rho.forEach((row, r) => row.forEach(([re, im], c) => { worst = Math.max(worst, Math.abs(re - expected[r][c]), Math.abs(im)); }));
    expect(worst).toBeLessThan(1e-10);
    // 𝒫_*(ρ(0)) is permutation invariant, so Fig. 7's error vanishes at t = ∞.
    expect(lim.symmetrizationError).toBeLessThan(1e-10);
  });
});
