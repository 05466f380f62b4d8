import { DimensionMismatch } from '../core/errors.ts';
import { Scalar } from './scalar.ts';

/**
 * Dense exact matrices over the scalar field (row-major, immutable). Shapes are checked in the
 * constructor and in every binary operation; nothing pads, truncates or broadcasts.
 * @example ExactMatrix.fromRows([[1, 2], [3, 4]]).trace().toString() // => "5"
 */
export class ExactMatrix {
  readonly rows: number;
  readonly cols: number;
  private readonly data: readonly Scalar[];

  constructor(rows: number, cols: number, data: readonly Scalar[]) {
    if (data.length !== rows * cols) throw new DimensionMismatch(`${rows}×${cols} = ${rows * cols} entries`, data.length);
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  static zeros(rows: number, cols: number = rows): ExactMatrix {
    return new ExactMatrix(rows, cols, new Array<Scalar>(rows * cols).fill(Scalar.ZERO));
  }

  static identity(n: number): ExactMatrix {
    const d = new Array<Scalar>(n * n).fill(Scalar.ZERO);
    for (let i = 0; i < n; i++) d[i * n + i] = Scalar.ONE;
    return new ExactMatrix(n, n, d);
  }

  /** From rows of Scalars or integers. */
  static fromRows(rows: readonly (readonly (Scalar | number)[])[]): ExactMatrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const d: Scalar[] = [];
    for (const row of rows) {
      if (row.length !== c) throw new DimensionMismatch(`rows of length ${c}`, row.length);
      for (const v of row) d.push(typeof v === 'number' ? Scalar.int(v) : v);
    }
    return new ExactMatrix(r, c, d);
  }

  static fromFunction(rows: number, cols: number, f: (i: number, j: number) => Scalar): ExactMatrix {
    const d: Scalar[] = new Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) d[i * cols + j] = f(i, j);
    return new ExactMatrix(rows, cols, d);
  }

  /** A column vector. */
  static column(values: readonly Scalar[]): ExactMatrix {
    return new ExactMatrix(values.length, 1, [...values]);
  }

  get(i: number, j: number): Scalar {
    return this.data[i * this.cols + j];
  }

  /** Row-major entries (read-only view). */
  entries(): readonly Scalar[] {
    return this.data;
  }

  isSquare(): boolean {
    return this.rows === this.cols;
  }

  private sameShape(o: ExactMatrix, op: string): void {
    if (this.rows !== o.rows || this.cols !== o.cols) {
      throw new DimensionMismatch(`${op} of ${this.rows}×${this.cols}`, `${o.rows}×${o.cols}`);
    }
  }

  map(f: (x: Scalar, i: number, j: number) => Scalar): ExactMatrix {
    return ExactMatrix.fromFunction(this.rows, this.cols, (i, j) => f(this.get(i, j), i, j));
  }

  add(o: ExactMatrix): ExactMatrix {
    this.sameShape(o, 'sum');
    return new ExactMatrix(this.rows, this.cols, this.data.map((x, k) => x.add(o.data[k])));
  }

  sub(o: ExactMatrix): ExactMatrix {
    this.sameShape(o, 'difference');
    return new ExactMatrix(this.rows, this.cols, this.data.map((x, k) => x.sub(o.data[k])));
  }

  scale(c: Scalar): ExactMatrix {
    return new ExactMatrix(this.rows, this.cols, this.data.map((x) => x.mul(c)));
  }

  neg(): ExactMatrix {
    return new ExactMatrix(this.rows, this.cols, this.data.map((x) => x.neg()));
  }

  mul(o: ExactMatrix): ExactMatrix {
    if (this.cols !== o.rows) throw new DimensionMismatch(`product with ${this.cols} rows`, `${o.rows}×${o.cols}`);
    const out: Scalar[] = new Array(this.rows * o.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < o.cols; j++) {
        let acc = Scalar.ZERO;
        for (let k = 0; k < this.cols; k++) {
          const a = this.data[i * this.cols + k];
          if (a.isZero()) continue;
          const b = o.data[k * o.cols + j];
          if (b.isZero()) continue;
          acc = acc.add(a.mul(b));
        }
        out[i * o.cols + j] = acc;
      }
    }
    return new ExactMatrix(this.rows, o.cols, out);
  }

  /** Kronecker product A ⊗ B; with qubit 1 leftmost, σ^(1) = σ ⊗ I ⊗ … (CONVENTIONS.md). */
  kron(o: ExactMatrix): ExactMatrix {
    const r = this.rows * o.rows;
    const c = this.cols * o.cols;
    const out: Scalar[] = new Array(r * c);
    for (let i1 = 0; i1 < this.rows; i1++) {
      for (let j1 = 0; j1 < this.cols; j1++) {
        const a = this.get(i1, j1);
        for (let i2 = 0; i2 < o.rows; i2++) {
          for (let j2 = 0; j2 < o.cols; j2++) {
            out[(i1 * o.rows + i2) * c + j1 * o.cols + j2] = a.isZero() ? Scalar.ZERO : a.mul(o.get(i2, j2));
          }
        }
      }
    }
    return new ExactMatrix(r, c, out);
  }

  transpose(): ExactMatrix {
    return ExactMatrix.fromFunction(this.cols, this.rows, (i, j) => this.get(j, i));
  }

  conj(): ExactMatrix {
    return new ExactMatrix(this.rows, this.cols, this.data.map((x) => x.conj()));
  }

  dagger(): ExactMatrix {
    return ExactMatrix.fromFunction(this.cols, this.rows, (i, j) => this.get(j, i).conj());
  }

  trace(): Scalar {
    if (!this.isSquare()) throw new DimensionMismatch('a square matrix', `${this.rows}×${this.cols}`);
    let t = Scalar.ZERO;
    for (let i = 0; i < this.rows; i++) t = t.add(this.get(i, i));
    return t;
  }

  equals(o: ExactMatrix): boolean {
    return this.rows === o.rows && this.cols === o.cols && this.data.every((x, k) => x.equals(o.data[k]));
  }

  isZero(): boolean {
    return this.data.every((x) => x.isZero());
  }

  isHermitian(): boolean {
    if (!this.isSquare()) return false;
    for (let i = 0; i < this.rows; i++) {
      for (let j = i; j < this.cols; j++) if (!this.get(i, j).equals(this.get(j, i).conj())) return false;
    }
    return true;
  }

  /** Commutator [A, B] = AB − BA. */
  commutator(o: ExactMatrix): ExactMatrix {
    return this.mul(o).sub(o.mul(this));
  }

  freeParams(): string[] {
    const s = new Set<string>();
    for (const x of this.data) for (const p of x.freeParams()) s.add(p);
    return [...s].sort();
  }

  substitute(values: ReadonlyMap<string, Scalar>): ExactMatrix {
    return new ExactMatrix(this.rows, this.cols, this.data.map((x) => x.substitute(values)));
  }

  /** Rows of [re, im] pairs at the given parameter values (lowering). */
  toComplexRows(params: Readonly<Record<string, number>> = {}): [number, number][][] {
    const rows: [number, number][][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: [number, number][] = [];
      for (let j = 0; j < this.cols; j++) row.push(this.get(i, j).toComplex(params));
      rows.push(row);
    }
    return rows;
  }

  /**
   * LaTeX `bmatrix`.
   * @example ExactMatrix.fromRows([[1, 0], [0, -1]]).toLatex() // => "\\begin{bmatrix} 1 & 0 \\\\ 0 & -1 \\end{bmatrix}"
   */
  toLatex(): string {
    const rows: string[] = [];
    for (let i = 0; i < this.rows; i++) {
      const cells: string[] = [];
      for (let j = 0; j < this.cols; j++) cells.push(this.get(i, j).toLatex());
      rows.push(cells.join(' & '));
    }
    return `\\begin{bmatrix} ${rows.join(' \\\\ ')} \\end{bmatrix}`;
  }

  toString(): string {
    const rows: string[] = [];
    for (let i = 0; i < this.rows; i++) {
      const cells: string[] = [];
      for (let j = 0; j < this.cols; j++) cells.push(this.get(i, j).toString());
      rows.push(`[${cells.join(', ')}]`);
    }
    return `[${rows.join(', ')}]`;
  }
}
