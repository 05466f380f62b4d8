/**
 * Independent references for the exact-algebra tests. Everything here is built a different way from
 * src/algebra's own helpers: Kronecker products by index formula, SWAPs from their Pauli expansion
 * ½(I + XX + YY + ZZ), the Lindblad action by direct matrix products, the induced-graph Laplacian by
 * counting edges between matrix units, determinants by cofactor expansion.
 */
import fc from 'fast-check';
import { ExactMatrix } from '../../src/algebra/matrix.ts';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { Scalar } from '../../src/algebra/scalar.ts';

export const S = (num: number, den = 1): Scalar => Scalar.rational(num, den);
export const HALF = S(1, 2);

/** Small Gaussian rationals (a + ib)/q, with q from a short list so products stay readable. */
export const gaussianArb: fc.Arbitrary<Scalar> = fc
  .tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 }), fc.constantFrom(1, 2, 3))
  .map(([a, b, q]) => S(a, q).add(Scalar.I.mul(S(b, q))));

/** Mostly zero entries, like physical operators. */
export const sparseGaussianArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(Scalar.ZERO) },
  { weight: 2, arbitrary: gaussianArb },
);

export function matrixArb(rows: number, cols: number, entry = gaussianArb): fc.Arbitrary<ExactMatrix> {
  return fc.array(entry, { minLength: rows * cols, maxLength: rows * cols }).map((d) => new ExactMatrix(rows, cols, d));
}

/** Random Hermitian d×d: real diagonal, conjugate-symmetric off-diagonal. */
export function hermitianArb(d: number): fc.Arbitrary<ExactMatrix> {
  return matrixArb(d, d, sparseGaussianArb).map((m) =>
    ExactMatrix.fromFunction(d, d, (i, j) => (i === j ? m.get(i, i).re() : i < j ? m.get(i, j) : m.get(j, i).conj())),
  );
}

export const rateArb: fc.Arbitrary<Scalar> = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })).map(([a, b]) => S(a, b));

/** A small random model on n qubits: Hermitian H, 0–2 channels with random operators and positive rates. */
export function modelArb(n: number): fc.Arbitrary<{ h: ExactMatrix; channels: { rate: Scalar; operator: ExactMatrix }[] }> {
  const d = 2 ** n;
  return fc.record({
    h: hermitianArb(d),
    channels: fc.array(fc.record({ rate: rateArb, operator: matrixArb(d, d, sparseGaussianArb) }), { minLength: 0, maxLength: 2 }),
  });
}

/** A ⊗ B by its index formula: (A ⊗ B)[i·p + k][j·q + l] = A[i][j]·B[k][l]. */
export function explicitKron(a: ExactMatrix, b: ExactMatrix): ExactMatrix {
  return ExactMatrix.fromFunction(a.rows * b.rows, a.cols * b.cols, (r, c) =>
    a.get(Math.floor(r / b.rows), Math.floor(c / b.cols)).mul(b.get(r % b.rows, c % b.cols)),
  );
}

/** The column-stacked vector written entry by entry: X[l][l'] at l + rows·l'. */
export function explicitVec(x: ExactMatrix): ExactMatrix {
  const v: Scalar[] = [];
  for (let k = 0; k < x.rows * x.cols; k++) v.push(x.get(k % x.rows, Math.floor(k / x.rows)));
  return ExactMatrix.column(v);
}

/** U_jk = ½(I + X_j X_k + Y_j Y_k + Z_j Z_k), from the Pauli expansion (not from bit swaps). */
export function swapFromPaulis(n: number, j: number, k: number): ExactMatrix {
  const letters = (p: string): string => {
    const a = Array<string>(n).fill('I');
    a[j - 1] = p;
    a[k - 1] = p;
    return a.join('');
  };
  const s = PauliSum.identity(n)
    .add(PauliSum.string(letters('X')))
    .add(PauliSum.string(letters('Y')))
    .add(PauliSum.string(letters('Z')))
    .scale(HALF);
  return s.toMatrix();
}

/** dρ/dt of eq. 4 by matrix products: −i[H, ρ] + Σ γ D(L)ρ + K_c Σ a (UρU − ρ). */
export function lindbladReference(
  h: ExactMatrix,
  channels: readonly { rate: Scalar; operator: ExactMatrix }[],
  rho: ExactMatrix,
  coupling: { n: number; edges: readonly [number, number, Scalar][]; Kc: Scalar } | null = null,
): ExactMatrix {
  let out = h.mul(rho).sub(rho.mul(h)).scale(Scalar.I.neg());
  for (const { rate, operator: l } of channels) {
    const ld = l.dagger();
    const term = l.mul(rho).mul(ld).sub(ld.mul(l).mul(rho).scale(HALF)).sub(rho.mul(ld).mul(l).scale(HALF));
    out = out.add(term.scale(rate));
  }
  if (coupling) {
    for (const [j, k, a] of coupling.edges) {
      const u = swapFromPaulis(coupling.n, j, k);
      out = out.add(u.mul(rho).mul(u).sub(rho).scale(a.mul(coupling.Kc)));
    }
  }
  return out;
}

/**
 * Laplacian Q_d of the induced graph (CONVENTIONS.md): nodes are matrix units |l⟩⟨l'| at l + 2ⁿ l';
 * an edge of weight a_jk joins it to |S(l)⟩⟨S(l')| when they differ, S exchanging bits j and k.
 */
export function inducedLaplacian(n: number, edges: readonly [number, number, number][]): ExactMatrix {
  const d = 2 ** n;
  const D = d * d;
  const q: number[][] = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  const swap = (l: number, j: number, k: number): number => {
    const bits = l.toString(2).padStart(n, '0').split('');
    [bits[j - 1], bits[k - 1]] = [bits[k - 1], bits[j - 1]];
    return parseInt(bits.join(''), 2);
  };
  for (const [j, k, a] of edges) {
    for (let l = 0; l < d; l++) {
      for (let lp = 0; lp < d; lp++) {
        const u = l + d * lp;
        const v = swap(l, j, k) + d * swap(lp, j, k);
        if (u === v) continue;
        q[u][v] -= a;
        q[u][u] += a;
      }
    }
  }
  return ExactMatrix.fromFunction(D, D, (i, j) => Scalar.int(q[i][j]));
}

/** det by Laplace expansion along the first row (exponential; small matrices only). */
export function cofactorDeterminant(m: ExactMatrix): Scalar {
  const n = m.rows;
  if (n === 0) return Scalar.ONE;
  if (n === 1) return m.get(0, 0);
  let det = Scalar.ZERO;
  for (let j = 0; j < n; j++) {
    const a = m.get(0, j);
    if (a.isZero()) continue;
    const minor = ExactMatrix.fromFunction(n - 1, n - 1, (r, c) => m.get(r + 1, c < j ? c : c + 1));
    const term = a.mul(cofactorDeterminant(minor));
    det = j % 2 === 0 ? det.add(term) : det.sub(term);
  }
  return det;
}

/** ρ₁ ⊗ … ⊗ ρₙ by the index formula (qubit 1 most significant). */
export function productState(factors: readonly ExactMatrix[]): ExactMatrix {
  return factors.slice(1).reduce((acc, f) => explicitKron(acc, f), factors[0]);
}

/** Random single-qubit density matrices: ½(I + xσx + yσy + zσz) with rational Bloch vector in the ball. */
export const qubitStateArb: fc.Arbitrary<ExactMatrix> = fc
  .tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }))
  .map(([x, y, z]) => {
    const [bx, by, bz] = [S(x, 4), S(y, 4), S(z, 4)];
    return ExactMatrix.fromRows([
      [HALF.mul(Scalar.ONE.add(bz)), HALF.mul(bx.sub(Scalar.I.mul(by)))],
      [HALF.mul(bx.add(Scalar.I.mul(by))), HALF.mul(Scalar.ONE.sub(bz))],
    ]);
  });
