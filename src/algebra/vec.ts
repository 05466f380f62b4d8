import { DimensionMismatch } from '../core/errors.ts';
import { ExactMatrix } from './matrix.ts';
import type { Scalar } from './scalar.ts';

/**
 * Vectorization, stated once for all of qblend (CONVENTIONS.md): **column stacking**.
 * vec(X) stacks the columns of X, so the entry X[l][l'] (the matrix unit |l⟩⟨l'| of a d×d matrix)
 * sits at index l + d·l', and vec(A X B) = (Bᵀ ⊗ A) vec(X). Every superoperator in `superop.ts`
 * is written in this convention; `unvec` is its inverse.
 *
 * @example vec(ExactMatrix.fromRows([[1, 2], [3, 4]])).toString() // => "[[1], [3], [2], [4]]"
 */
export function vec(x: ExactMatrix): ExactMatrix {
  const out: Scalar[] = new Array(x.rows * x.cols);
  for (let j = 0; j < x.cols; j++) for (let i = 0; i < x.rows; i++) out[i + x.rows * j] = x.get(i, j);
  return new ExactMatrix(x.rows * x.cols, 1, out);
}

/**
 * Inverse of `vec`: a column vector of length rows·cols back to a rows×cols matrix (column-major).
 * @example unvec(ExactMatrix.fromRows([[1], [3], [2], [4]]), 2).toString() // => "[[1, 2], [3, 4]]"
 */
export function unvec(v: ExactMatrix, rows: number): ExactMatrix {
  if (v.cols !== 1) throw new DimensionMismatch('a column vector', `${v.rows}×${v.cols}`);
  if (!Number.isInteger(rows) || rows < 1 || v.rows % rows !== 0) {
    throw new DimensionMismatch(`a length divisible by ${rows}`, v.rows);
  }
  const cols = v.rows / rows;
  return ExactMatrix.fromFunction(rows, cols, (i, j) => v.get(i + rows * j, 0));
}

/**
 * Index of the matrix unit |row⟩⟨col| of a d×d matrix in vec order: row + d·col.
 * @example vecIndex(1, 0, 2) // => 1
 */
export function vecIndex(row: number, col: number, d: number): number {
  return row + d * col;
}
