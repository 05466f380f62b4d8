/**
 * mathjs `eigs` on a complex matrix, converted to qblend's interleaved storage: the independent
 * eigen-solver that test/numeric/eig-mathjs-oracle.test.ts checks `numeric/eig.ts` against, and the
 * baseline of `npm run bench -- eig`. mathjs is a development dependency only: at the 64×64 of a
 * 3-qubit Liouvillian it is two orders of magnitude slower and about nine digits less accurate than
 * `numeric/eig.ts` (docs/BENCHMARKS.md § Dense eigen-decomposition), so the product does not load it.
 */
import { eigs, complex, type Complex } from 'mathjs';
import { type CMatrix, zeros } from '../../src/numeric/cmatrix.ts';

export interface MathjsEigResult {
  /** Eigenvalues, interleaved (re, im). */
  values: Float64Array;
  /** Eigenvectors as columns (normalised to unit 2-norm here; mathjs does not normalise). */
  vectors: CMatrix;
}

function parts(z: unknown): [number, number] {
  if (typeof z === 'number') return [z, 0];
  const c = z as Complex;
  return [c.re, c.im];
}

/** mathjs `eigs` of a square complex matrix (throws whatever mathjs throws when it fails to converge). */
export function mathjsEigs(a: CMatrix, precision?: number): MathjsEigResult {
  const n = a.rows;
  const rows: Complex[][] = [];
  for (let r = 0; r < n; r++) {
    const row: Complex[] = [];
    for (let c = 0; c < n; c++) row.push(complex(a.data[2 * (r * n + c)], a.data[2 * (r * n + c) + 1]));
    rows.push(row);
  }
  const res = eigs(rows, precision === undefined ? {} : { precision }) as unknown as {
    values: unknown;
    eigenvectors: { value: unknown; vector: unknown }[];
  };
  const values = new Float64Array(2 * n);
  const vectors = zeros(n, n);
  res.eigenvectors.forEach(({ value, vector }, k) => {
    if (k >= n) return;
    const [vr, vi] = parts(value);
    values[2 * k] = vr;
    values[2 * k + 1] = vi;
    const entries = (Array.isArray(vector) ? vector : (vector as { toArray(): unknown[] }).toArray()) as unknown[];
    let nrm = 0;
    for (const e of entries) {
      const [x, y] = parts(e);
      nrm += x * x + y * y;
    }
    nrm = Math.sqrt(nrm) || 1;
    entries.forEach((e, r) => {
      const [x, y] = parts(e);
      vectors.data[2 * (r * n + k)] = x / nrm;
      vectors.data[2 * (r * n + k) + 1] = y / nrm;
    });
  });
  return { values, vectors };
}
