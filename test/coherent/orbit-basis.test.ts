import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { projectedGeneratorSparse, projectedGeneratorExact, csrToPairs } from '../../src/coherent/orbit-basis.ts';
import { exactGeneratorTerms, lowerGeneratorTerms, type GeneratorTerms, type Complex } from '../../src/coherent/sandwich.ts';
import { orbitIndex } from '../../src/coherent/orbits.ts';
import { bruteProjection, opFromTerms, rng, type C } from './brute.ts';

const TOL = 1e-12;

/** A random few-body model: 1- and 2-body Pauli terms (ordered, non-symmetric), one or two channels. */
function randomModel(n: number, seed: number): GeneratorTerms<Complex> {
  const r = rng(seed);
  const L = 'IXYZ';
  const string = (weight: number): string => {
    const s = Array(n).fill('I');
    const qs = new Set<number>();
    while (qs.size < Math.min(weight, n)) qs.add(Math.floor(r() * n));
    for (const q of qs) s[q] = L[1 + Math.floor(r() * 3)];
    return s.join('');
  };
  const hamiltonian = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, k) => ({ letters: string(1 + (k % 2)), coef: [r() - 0.5, 0] as Complex }));
  const channels = Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
    rate: [0.5 + r(), 0] as Complex,
    terms: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({ letters: string(1 + (k % 2)), coef: [r() - 0.5, r() - 0.5] as Complex })),
  }));
  return { n, hamiltonian, channels };
}

function compare(g: GeneratorTerms<Complex>): number {
  const n = g.n;
  const H = opFromTerms(n, g.hamiltonian.map((t) => ({ letters: t.letters, coef: t.coef as C })));
  const chans = g.channels.map((c) => ({ rate: c.rate[0], L: opFromTerms(n, c.terms.map((t) => ({ letters: t.letters, coef: t.coef as C }))) }));
  const brute = bruteProjection(n, H, chans);
  const fast = csrToPairs(projectedGeneratorSparse(g).csr);
  const orbits = orbitIndex(n);
  let err = 0;
  for (let m = 0; m < orbits.size; m++) {
    for (let mp = 0; mp < orbits.size; mp++) {
      const b = brute.get(orbits.counts[m].join(','))?.get(orbits.counts[mp].join(',')) ?? [0, 0];
      err = Math.max(err, Math.hypot(fast[m][mp][0] - b[0], fast[m][mp][1] - b[1]));
    }
  }
  return err;
}

describe('orbit-basis Proj(A_d) against brute force', () => {
  it.each([1, 2, 3, 4, 5])('random non-symmetric models, n = %i', (n) => {
    for (let seed = 1; seed <= 4; seed++) expect(compare(randomModel(n, 100 * n + seed))).toBeLessThan(TOL);
  });

  it('n = 6, random model', () => {
    expect(compare(randomModel(6, 4242))).toBeLessThan(TOL);
  });

  it('Example 3 (σx^(j)σy^(k), j > k, σ± drive, collective L): exact equals numeric equals brute force', () => {
    const n = 3;
    let H = PauliSum.zero(n);
    for (let j = 1; j <= n; j++) {
      H = H.add(PauliSum.local(n, j, 'z'));
      H = H.add(PauliSum.local(n, j, '+').add(PauliSum.local(n, j, '-')).scale(Scalar.rational(1, 20)));
      for (let k = 1; k < j; k++) H = H.add(PauliSum.local(n, j, 'x').mul(PauliSum.local(n, k, 'y')));
    }
    let L = PauliSum.zero(n);
    for (let j = 1; j <= n; j++) {
      L = L.add(PauliSum.local(n, j, '-').scale(Scalar.sqrt(Scalar.decimal('0.05'))));
      L = L.add(PauliSum.local(n, j, 'z').scale(Scalar.sqrt(Scalar.decimal('0.02'))));
    }
    const exact = exactGeneratorTerms(n, H, [{ operator: L, rate: Scalar.ONE }]);
    const g = lowerGeneratorTerms(exact);
    expect(compare(g)).toBeLessThan(TOL);
    const ex = projectedGeneratorExact(exact).toComplexRows();
    const num = csrToPairs(projectedGeneratorSparse(g).csr);
    let err = 0;
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) err = Math.max(err, Math.hypot(ex[i][j][0] - num[i][j][0], ex[i][j][1] - num[i][j][1]));
    expect(err).toBeLessThan(TOL);
  });
});

describe('structure of Proj(A_d) at scale (n = 20, p = 1771)', () => {
  /** A random symmetric-looking few-body model on n qubits (1-body and ordered 2-body terms on random qubits). */
  function scaled(n: number, seed: number): GeneratorTerms<Complex> {
    const r = rng(seed);
    const str = (ops: Record<number, string>) => Array.from({ length: n }, (_, q) => ops[q] ?? 'I').join('');
    const L = 'XYZ';
    const pick = () => Math.floor(r() * n);
    const hamiltonian = Array.from({ length: 12 }, (_, k) => {
      const a = pick();
      let b = pick();
      while (b === a) b = pick();
      return { letters: str(k % 2 ? { [a]: L[k % 3] } : { [a]: L[k % 3], [b]: L[(k + 1) % 3] }), coef: [r() - 0.5, 0] as Complex };
    });
    const terms = Array.from({ length: 6 }, (_, k) => ({ letters: str({ [pick()]: L[k % 3] }), coef: [r() - 0.5, r() - 0.5] as Complex }));
    return { n, hamiltonian, channels: [{ rate: [0.8, 0], terms }] };
  }

  it('trace preservation: tᵀ Proj(A_d) = 0 with t_m = √|V_m| on diagonal orbits (tr ρ = Σ_m t_m y_m)', () => {
    const n = 20;
    const g = projectedGeneratorSparse(scaled(n, 77));
    const o = orbitIndex(n);
    const t = o.counts.map((c) => (c[1] === 0 && c[2] === 0 ? Math.exp(0.5 * logSize(c)) : 0));
    const acc = new Float64Array(2 * o.size);
    for (let r = 0; r < o.size; r++) for (let e = g.csr.rowPtr[r]; e < g.csr.rowPtr[r + 1]; e++) {
      acc[2 * g.csr.colIdx[e]] += t[r] * g.csr.values[2 * e];
      acc[2 * g.csr.colIdx[e] + 1] += t[r] * g.csr.values[2 * e + 1];
    }
    const scale = Math.max(...t);
    for (const v of acc) expect(Math.abs(v)).toBeLessThan(1e-10 * scale);
  });

  it('Hermiticity preservation: B_{m̄ m̄\'} = conj(B_{m m\'}) where m̄ swaps n01 ↔ n10', () => {
    const n = 12;
    const g = projectedGeneratorSparse(scaled(n, 78));
    const o = orbitIndex(n);
    const bar = o.counts.map((c) => o.rank(c[0], c[2], c[1]));
    const get = (r: number, c: number): [number, number] => {
      for (let e = g.csr.rowPtr[r]; e < g.csr.rowPtr[r + 1]; e++) if (g.csr.colIdx[e] === c) return [g.csr.values[2 * e], g.csr.values[2 * e + 1]];
      return [0, 0];
    };
    for (let r = 0; r < o.size; r++) for (let e = g.csr.rowPtr[r]; e < g.csr.rowPtr[r + 1]; e++) {
      const c = g.csr.colIdx[e];
      const b = get(bar[r], bar[c]);
      expect(Math.abs(b[0] - g.csr.values[2 * e]) + Math.abs(b[1] + g.csr.values[2 * e + 1])).toBeLessThan(1e-12);
    }
  });
});

function logSize(c: readonly number[]): number {
  const lf = (k: number) => { let s = 0; for (let i = 2; i <= k; i++) s += Math.log(i); return s; };
  return lf(c[0] + c[1] + c[2] + c[3]) - c.reduce((s, x) => s + lf(x), 0);
}
