import { Scalar } from '../algebra/scalar.ts';
import { PauliSum } from '../algebra/pauli.ts';
import { ExprError, RESERVED_NAMES, suggest, type Binder, type Expr, type IndexExpr, type LocalOp } from './expr.ts';
import { expandBits, SparseOperator } from './sparse.ts';

/**
 * Evaluation of expression trees into exact objects.
 *
 * - `operator` mode: an operator on n qubits as a `PauliSum` (Hamiltonians, Lindblad operators).
 * - `state` mode: an operator on n qubits as a `SparseOperator` (initial states written with
 *   ket-bras; also each single-qubit factor of a product state, with n = 1).
 * - `scalar` mode: an exact `Scalar` (rates, weights, parameter values, study values).
 *
 * A scalar c added to an operator means c·I. Names that are not operators, functions, bound index
 * variables or declared parameters are errors (so a typo such as `sigmaz` without an index, or
 * `gama`, never silently becomes a new symbolic parameter).
 *
 * In `state` mode an expression may also be a ket |ψ⟩ = Σ_b c_b |b⟩ (kets, sums, exact
 * coefficients): its value is the vector of amplitudes, which the caller turns into |ψ⟩⟨ψ|.
 */
export type EvalMode = 'operator' | 'state' | 'scalar';

export interface EvalOptions {
  mode: EvalMode;
  /** Number of qubits (ignored in scalar mode, except as the value of `n`). */
  qubits: number;
  /** Declared parameter names; a name used here stays a symbolic parameter unless `values` binds it. */
  parameters: ReadonlySet<string>;
  /** Values substituted for parameters during evaluation (e.g. for initial states). */
  values?: ReadonlyMap<string, Scalar>;
  /**
   * Indexed parameters: name → number of entries. Entry j of `delta` is the parameter `delta_j`,
   * written `delta[j]` (docs/derivation-format.md, "Indexed parameters").
   */
  indexed?: ReadonlyMap<string, number>;
  /** The declared graph's edges (j < k, weight a_jk), for `a(j, k)` and `sum({j,k} in edges, …)`. */
  edges?: readonly { readonly j: number; readonly k: number; readonly weight: Scalar }[];
  /** Index variables bound outside the expression (the `for:` index of a Lindblad entry). */
  env?: ReadonlyMap<string, number>;
  /**
   * The count of expanded terms, shared by several evaluations (all channels of one `for:` entry)
   * so that `MAX_SUM_TERMS` bounds them together; by default each evaluation counts alone.
   */
  budget?: TermBudget;
}

/** Terms expanded so far against `MAX_SUM_TERMS`. */
export interface TermBudget {
  terms: number;
  /** Whose terms they are, for the message (default: this expression). */
  readonly owner?: string;
}

export type Value =
  | { kind: 'scalar'; s: Scalar }
  | { kind: 'op'; p: PauliSum }
  | { kind: 'state'; m: SparseOperator }
  | { kind: 'ket'; k: ReadonlyMap<string, Scalar> };

const LOCAL_MATRICES: Record<LocalOp, Scalar[][]> = {
  x: [[Scalar.ZERO, Scalar.ONE], [Scalar.ONE, Scalar.ZERO]],
  y: [[Scalar.ZERO, Scalar.I.neg()], [Scalar.I, Scalar.ZERO]],
  z: [[Scalar.ONE, Scalar.ZERO], [Scalar.ZERO, Scalar.ONE.neg()]],
  '+': [[Scalar.ZERO, Scalar.ZERO], [Scalar.ONE, Scalar.ZERO]],
  '-': [[Scalar.ZERO, Scalar.ONE], [Scalar.ZERO, Scalar.ZERO]],
  '0': [[Scalar.ONE, Scalar.ZERO], [Scalar.ZERO, Scalar.ZERO]],
  '1': [[Scalar.ZERO, Scalar.ZERO], [Scalar.ZERO, Scalar.ONE]],
};

/** Pauli expansion of a 2×2 matrix: A = ½ Σ_P tr(P A) P. */
function pauliOf2x2(n: number, q: number, a: Scalar[][]): PauliSum {
  const half = Scalar.rational(1, 2);
  const cI = a[0][0].add(a[1][1]).mul(half);
  const cX = a[0][1].add(a[1][0]).mul(half);
  const cY = a[0][1].sub(a[1][0]).mul(Scalar.I).mul(half); // tr(Y A)/2 = (i a01 − i a10)/2
  const cZ = a[0][0].sub(a[1][1]).mul(half);
  return PauliSum.identity(n).scale(cI)
    .add(PauliSum.local(n, q, 'x').scale(cX))
    .add(PauliSum.local(n, q, 'y').scale(cY))
    .add(PauliSum.local(n, q, 'z').scale(cZ));
}

/** The 2×2 matrix |a⟩⟨b| for single characters a, b ∈ {0, 1, +, −}. */
function singleKetBra(a: string, b: string): Scalar[][] {
  const m = SparseOperator.ketBra(a, b);
  return [[m.get('0', '0'), m.get('0', '1')], [m.get('1', '0'), m.get('1', '1')]];
}

/**
 * Most terms all the sums of one expression may expand to together (docs/derivation-format.md,
 * "Limits"). Sums expand lazily, so a range past the qubits stops at the first bad index.
 */
export const MAX_SUM_TERMS = 100_000;

/**
 * Most pairs of terms one operator product may multiply (terms of the left factor × terms of the
 * right): a product of sums such as (sx(1) + sz(1))(sx(2) + sz(2))… grows exponentially.
 */
export const MAX_PRODUCT_PAIRS = 250_000;

/**
 * Most basis states a ket may have nonzero amplitude on (docs/derivation-format.md, "Limits"):
 * ρ(0) = |ψ⟩⟨ψ| then has at most 256² = 65,536 entries.
 */
export const MAX_KET_BASIS_STATES = 256;

function termCount(v: Value): number {
  return v.kind === 'op' ? v.p.termCount() : v.kind === 'state' ? v.m.entryCount() : v.kind === 'ket' ? v.k.size : 1;
}

function tooManyBasisStates(count: string, pos: number, what = 'this ket has amplitude on'): ExprError {
  return new ExprError(`${what} ${count} basis states, more than the limit of ${MAX_KET_BASIS_STATES}`, pos,
    'write ρ(0) as a product of single-qubit factors (initial.product), which may be kets such as |+>');
}

/** Σ of two kets' amplitudes (exact zeros dropped). */
function addKets(a: ReadonlyMap<string, Scalar>, b: ReadonlyMap<string, Scalar>, sign: Scalar, pos: number): Map<string, Scalar> {
  const out = new Map(a);
  for (const [bits, c] of b) {
    const v = (out.get(bits) ?? Scalar.ZERO).add(c.mul(sign));
    if (v.isZero()) out.delete(bits);
    else out.set(bits, v);
  }
  if (out.size > MAX_KET_BASIS_STATES) throw tooManyBasisStates(out.size.toLocaleString('en-US'), pos);
  return out;
}

const KIND_NAME: Record<Value['kind'], string> = { scalar: 'a number', op: 'an operator', state: 'an operator', ket: 'a ket' };

class Evaluator {
  /** Terms expanded so far by the sums of this expression (or of every expression sharing the budget). */
  private readonly budget: TermBudget;
  constructor(private readonly o: EvalOptions) {
    this.budget = o.budget ?? { terms: 0 };
  }

  private identity(): Value {
    if (this.o.mode === 'operator') return { kind: 'op', p: PauliSum.identity(this.o.qubits) };
    return { kind: 'state', m: SparseOperator.identity(this.o.qubits) };
  }

  /** c·I for a scalar meeting an operator in a sum. */
  private promote(v: Value): Value {
    return v.kind === 'scalar' ? this.scale(this.identity(), v.s) : v;
  }

  private scale(v: Value, c: Scalar): Value {
    if (v.kind === 'scalar') return { kind: 'scalar', s: v.s.mul(c) };
    if (v.kind === 'op') return { kind: 'op', p: v.p.scale(c) };
    if (v.kind === 'ket') {
      if (c.isZero()) return { kind: 'ket', k: new Map() };
      return { kind: 'ket', k: new Map([...v.k].map(([bits, a]) => [bits, a.mul(c)])) };
    }
    return { kind: 'state', m: v.m.scale(c) };
  }

  private add(a: Value, b: Value, negate: boolean, pos: number): Value {
    if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', s: negate ? a.s.sub(b.s) : a.s.add(b.s) };
    if (a.kind === 'ket' || b.kind === 'ket') {
      if (a.kind === 'ket' && b.kind === 'ket') return { kind: 'ket', k: addKets(a.k, b.k, negate ? Scalar.ONE.neg() : Scalar.ONE, pos) };
      throw new ExprError(`cannot ${negate ? 'subtract' : 'add'} ${KIND_NAME[b.kind]} ${negate ? 'from' : 'to'} ${KIND_NAME[a.kind]}`, pos,
        'a state is either a ket |ψ> (kets and numbers times kets) or an operator (ket-bras |a><b|, I, sx(j), …)');
    }
    const x = this.promote(a);
    const y = this.promote(b);
    if (x.kind === 'op' && y.kind === 'op') return { kind: 'op', p: negate ? x.p.sub(y.p) : x.p.add(y.p) };
    if (x.kind === 'state' && y.kind === 'state') return { kind: 'state', m: negate ? x.m.sub(y.m) : x.m.add(y.m) };
    throw new Error('mixed operator kinds');
  }

  private mul(a: Value, b: Value, pos: number): Value {
    if (a.kind === 'scalar') return this.scale(b, a.s);
    if (b.kind === 'scalar') return this.scale(a, b.s);
    if (a.kind === 'ket' || b.kind === 'ket') {
      throw new ExprError(`cannot multiply ${KIND_NAME[a.kind]} by ${KIND_NAME[b.kind]}: a ket is multiplied only by numbers`, pos,
        'write a ket on all qubits, e.g. |0011>, or a product state as initial.product with one ket per qubit');
    }
    const pairs = termCount(a) * termCount(b);
    if (pairs > MAX_PRODUCT_PAIRS) {
      throw new ExprError(`this product multiplies ${termCount(a).toLocaleString('en-US')} × ${termCount(b).toLocaleString('en-US')} terms, more than the limit of ${MAX_PRODUCT_PAIRS.toLocaleString('en-US')} pairs`, pos,
        'expand fewer sums into one product (docs/derivation-format.md, "Limits")');
    }
    if (a.kind === 'op' && b.kind === 'op') return { kind: 'op', p: a.p.mul(b.p) };
    if (a.kind === 'state' && b.kind === 'state') return { kind: 'state', m: a.m.mul(b.m) };
    throw new Error('mixed operator kinds');
  }

  /**
   * Counts the work of expanding a ket, a ket-bra or a ket-bra's Pauli strings against the term
   * limit shared with the sums (its first term is free, so a single basis ket-bra costs what it
   * did as one term of a sum): many wide ket-bras inside a sum would otherwise run for hours.
   */
  private spend(terms: number, pos: number, what: string): void {
    this.budget.terms += terms - 1;
    if (this.budget.terms > MAX_SUM_TERMS) {
      throw new ExprError(`the sums and ket-bras of ${this.budget.owner ?? 'this expression'} expand to more than ${MAX_SUM_TERMS.toLocaleString('en-US')} terms (a ket-bra counting ${what})`, pos,
        'write fewer or narrower ket-bras (a ket-bra on n qubits inside an operator is 2^n Pauli strings; each label + or - doubles a state\'s entries)');
    }
  }

  private noOperators(e: Expr, what: string): never {
    throw new ExprError(`${what} must be a number, not an operator`, e.pos,
      this.o.mode === 'scalar' ? 'operators (sx(1), |0><0|, I, …) are not allowed in a scalar field' : undefined);
  }

  eval(e: Expr, env: ReadonlyMap<string, number>): Value {
    switch (e.type) {
      case 'number':
        return { kind: 'scalar', s: Scalar.decimal(e.text) };
      case 'imag':
        return { kind: 'scalar', s: Scalar.I };
      case 'identity':
        if (this.o.mode === 'scalar') this.noOperators(e, 'the identity I');
        return this.identity();
      case 'name':
        return { kind: 'scalar', s: this.name(e.name, e.pos, env) };
      case 'local': {
        if (this.o.mode === 'scalar') this.noOperators(e, `operator ${e.spelled}(…)`);
        const q = this.qubitIndex(e.index, env);
        if (this.o.mode === 'operator') return { kind: 'op', p: PauliSum.local(this.o.qubits, q, e.op) };
        return { kind: 'state', m: SparseOperator.local(this.o.qubits, q, LOCAL_MATRICES[e.op]) };
      }
      case 'ketbra': {
        if (this.o.mode === 'scalar') this.noOperators(e, `the ket-bra |${e.ket}><${e.bra}|`);
        const n = this.o.qubits;
        if (e.ket.length !== n || e.bra.length !== n) {
          const bad = e.ket.length !== n ? e.ket : e.bra;
          throw new ExprError(`the ket-bra |${e.ket}><${e.bra}| has ${bad.length} qubit label${bad.length === 1 ? '' : 's'}, but the model has ${n} qubit${n === 1 ? '' : 's'}`, e.pos,
            `write one label (0, 1, + or -) per qubit, qubit 1 first, e.g. |${'0'.repeat(n)}><${'0'.repeat(n)}|`);
        }
        if (this.o.mode === 'state') {
          // |a⟩⟨b| has 2^(labels ± in a) × 2^(labels ± in b) entries: each side is bounded like a ket.
          const sides = [e.ket, e.bra].map((bits) => [...bits].filter((b) => b === '+' || b === '-').length);
          const wide = sides.find((k) => 2 ** k > MAX_KET_BASIS_STATES);
          if (wide !== undefined) throw tooManyBasisStates(`2^${wide}`, e.pos, `one side of the ket-bra |${e.ket.length > 12 ? `${e.ket.slice(0, 12)}…` : e.ket}><…| spans`);
          this.spend(2 ** (sides[0] + sides[1]), e.pos, 'its entries');
          return { kind: 'state', m: SparseOperator.ketBra(e.ket, e.bra) };
        }
        if (2 ** n > MAX_PRODUCT_PAIRS) {
          throw new ExprError(`the ket-bra |${e.ket}><${e.bra}| in an operator is a sum of 2^${n} Pauli strings, more than the limit of ${MAX_PRODUCT_PAIRS.toLocaleString('en-US')} terms`, e.pos,
            'write the operator with sx, sy, sz, sp, sm, P0, P1 on the qubits it acts on');
        }
        this.spend(2 ** n, e.pos, `its 2^${n} Pauli strings`);
        let p = PauliSum.identity(n);
        for (let q = 1; q <= n; q++) p = p.mul(pauliOf2x2(n, q, singleKetBra(e.ket[q - 1], e.bra[q - 1])));
        return { kind: 'op', p };
      }
      case 'ket': {
        if (this.o.mode !== 'state') {
          throw new ExprError(`the ket |${e.bits}> is a state, not ${this.o.mode === 'scalar' ? 'a number' : 'an operator'}`, e.pos,
            this.o.mode === 'operator' ? `write the projector |${e.bits}><${e.bits}| or a transition |a><b|` : undefined);
        }
        const n = this.o.qubits;
        if (e.bits.length !== n) {
          throw new ExprError(`the ket |${e.bits}> has ${e.bits.length} qubit label${e.bits.length === 1 ? '' : 's'}, but ${n === 1 ? 'a factor of a product state is one qubit' : `the model has ${n} qubits`}`, e.pos,
            `write one label (0, 1, + or -) per qubit, qubit 1 first, e.g. |${'0'.repeat(n)}>`);
        }
        const superposed = [...e.bits].filter((b) => b === '+' || b === '-').length;
        if (2 ** superposed > MAX_KET_BASIS_STATES) throw tooManyBasisStates(`2^${superposed}`, e.pos);
        this.spend(2 ** superposed, e.pos, 'its amplitudes');
        return { kind: 'ket', k: new Map(expandBits(e.bits)) };
      }
      case 'indexed':
        return { kind: 'scalar', s: this.indexedParameter(e.name, e.index, e.pos, env) };
      case 'weight': {
        const j = this.qubitIndex(e.j, env);
        const k = this.qubitIndex(e.k, env);
        const edges = this.edgeList(e.pos, 'a(j, k)');
        const edge = edges.find((x) => x.j === Math.min(j, k) && x.k === Math.max(j, k));
        return { kind: 'scalar', s: edge ? edge.weight : Scalar.ZERO };
      }
      case 'sqrt': {
        const a = this.eval(e.arg, env);
        if (a.kind !== 'scalar' || !a.s.isConstant() || !a.s.isReal()) {
          throw new ExprError('sqrt(…) takes a real constant (a rational number), e.g. sqrt(3) or sqrt(0.05)', e.pos,
            'for √γ·L with a symbolic γ, write the operator L and put γ into rate:');
        }
        try {
          return { kind: 'scalar', s: Scalar.sqrt(a.s) };
        } catch {
          throw new ExprError(`sqrt(${a.s.toString()}) is not exact in qblend's number field: only square roots of rational numbers are`, e.pos);
        }
      }
      case 'dag': {
        const a = this.eval(e.arg, env);
        if (a.kind === 'scalar') return { kind: 'scalar', s: a.s.conj() };
        if (a.kind === 'op') return { kind: 'op', p: a.p.dagger() };
        if (a.kind === 'ket') throw new ExprError('dag(…) of a ket (a bra) is not a state', e.pos, 'write the ket itself under initial.ket');
        return { kind: 'state', m: a.m.dagger() };
      }
      case 'neg':
        return this.scale(this.eval(e.arg, env), Scalar.ONE.neg());
      case 'add':
      case 'sub':
        return this.add(this.eval(e.left, env), this.eval(e.right, env), e.type === 'sub', e.right.pos);
      case 'mul':
        return this.mul(this.eval(e.left, env), this.eval(e.right, env), e.pos);
      case 'div': {
        const num = this.eval(e.left, env);
        const den = this.eval(e.right, env);
        if (den.kind !== 'scalar') throw new ExprError('cannot divide by an operator', e.right.pos, 'only numbers and parameters may stand in a denominator');
        if (den.s.isZero()) throw new ExprError('division by zero', e.right.pos);
        return this.scale(num, den.s.inv());
      }
      case 'pow': {
        const b = this.eval(e.base, env);
        if (b.kind === 'scalar') {
          if (b.s.isZero() && e.exponent < 0) throw new ExprError('zero to a negative power', e.pos);
          return { kind: 'scalar', s: e.exponent >= 0 ? b.s.pow(e.exponent) : b.s.inv().pow(-e.exponent) };
        }
        if (b.kind === 'ket') throw new ExprError('a ket cannot be raised to a power', e.pos);
        if (e.exponent < 0) throw new ExprError('an operator cannot be raised to a negative power', e.pos);
        let acc: Value = this.identity();
        for (let k = 0; k < e.exponent; k++) acc = this.mul(acc, b, e.pos);
        return acc;
      }
      case 'paren':
        return this.eval(e.inner, env);
      case 'sum': {
        let acc: Value | null = null;
        for (const binding of this.bindings(e.binder, env)) {
          if (++this.budget.terms > MAX_SUM_TERMS) {
            throw new ExprError(`the sums of ${this.budget.owner ?? 'this expression'} expand to more than ${MAX_SUM_TERMS.toLocaleString('en-US')} terms`, e.pos,
              'narrow the index range (qubits are numbered 1..n)');
          }
          const term = this.eval(e.body, binding);
          acc = acc === null ? term : this.add(acc, term, false, e.body.pos);
        }
        return acc ?? { kind: 'scalar', s: Scalar.ZERO };
      }
    }
  }

  private name(name: string, pos: number, env: ReadonlyMap<string, number>): Scalar {
    const bound = env.get(name);
    if (bound !== undefined) return Scalar.int(bound);
    if (name === 'n') return Scalar.int(this.o.qubits);
    if (this.o.parameters.has(name)) {
      const v = this.o.values?.get(name);
      return v ?? Scalar.param(name);
    }
    const length = this.o.indexed?.get(name);
    if (length !== undefined) {
      throw new ExprError(`'${name}' is an indexed parameter with ${length} entries: write ${name}[j] for entry j`, pos,
        `e.g. sum(j, ${name}[j]*sz(j)), or ${name}[1] for the first entry`);
    }
    const sub = /^([A-Za-z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9]*)$/.exec(name);
    if (sub && env.has(sub[2])) {
      throw new ExprError(`unknown name '${name}'`, pos, this.o.indexed?.has(sub[1])
        ? `did you mean ${sub[1]}[${sub[2]}], entry ${sub[2]} of the indexed parameter ${sub[1]}?`
        : `for one value per qubit declare ${sub[1]}: [value for qubit 1, …] under parameters: and write ${sub[1]}[${sub[2]}]; for one value shared by every ${sub[2]}, declare ${name}`);
    }
    if (name === 'pi' || name === 'e') {
      throw new ExprError(`'${name}' is not available: qblend's exact numbers are rationals, i and square roots of rationals`, pos,
        `declare a symbolic parameter instead (e.g. ${name}: symbolic) if the constant is needed`);
    }
    const near = suggest(name, [...this.o.parameters, 'sx', 'sy', 'sz', 'sp', 'sm', 'sqrt']);
    throw new ExprError(`unknown name '${name}': not an operator, a function, an index variable or a declared parameter`, pos,
      near ? `did you mean '${near}'?` : `declare symbolic parameters under parameters: (e.g. ${name}: symbolic, or ${name}: 1/2)`);
  }

  /** Entry `index` of an indexed parameter: the parameter `name_index` (its value when bound). */
  private indexedParameter(name: string, index: IndexExpr, pos: number, env: ReadonlyMap<string, number>): Scalar {
    const length = this.o.indexed?.get(name);
    if (length === undefined) {
      const near = suggest(name, [...(this.o.indexed?.keys() ?? [])]);
      throw new ExprError(this.o.parameters.has(name)
        ? `'${name}' is a parameter with one value, not a list: ${name}[…] has no entries`
        : `unknown indexed parameter '${name}'`, pos,
      near ? `did you mean '${near}'?` : `declare it as a list under parameters:, e.g. ${name}: [1, 1/2, 1/3] (one entry per qubit)`);
    }
    const j = this.indexValue(index, env);
    if (j < 1 || j > length) {
      const bound = [...env].map(([k, v]) => `${k} = ${v}`).join(', ');
      throw new ExprError(`${name}[${j}]${bound ? ` (with ${bound})` : ''} is out of range: ${name} has entries ${name}[1]..${name}[${length}]`, index.pos,
        `the list ${name} under parameters: has ${length} entr${length === 1 ? 'y' : 'ies'}`);
    }
    const entry = `${name}_${j}`;
    return this.o.values?.get(entry) ?? Scalar.param(entry);
  }

  /** The declared graph's edges, or a located error where no graph is in scope. */
  private edgeList(pos: number, what: string): NonNullable<EvalOptions['edges']> {
    if (this.o.edges) return this.o.edges;
    throw new ExprError(`${what} refers to the graph, which is not in scope here`, pos, 'use edge weights and edge sums in hamiltonian:, lindblad: and initial:');
  }

  indexValueOf(ix: IndexExpr, env: ReadonlyMap<string, number>): number {
    return this.indexValue(ix, env);
  }

  private indexValue(ix: IndexExpr, env: ReadonlyMap<string, number>): number {
    switch (ix.type) {
      case 'iint':
        return ix.value;
      case 'ivar': {
        const v = env.get(ix.name);
        if (v !== undefined) return v;
        if (ix.name === 'n') return this.o.qubits;
        throw new ExprError(`unknown index variable '${ix.name}'`, ix.pos, 'bind it with sum(…), e.g. sum(j=1..n, sz(j)), or write a qubit number');
      }
      case 'ibin': {
        const a = this.indexValue(ix.left, env);
        const b = this.indexValue(ix.right, env);
        return ix.op === '+' ? a + b : a - b;
      }
      case 'iparen':
        return this.indexValue(ix.inner, env);
    }
  }

  private qubitIndex(ix: IndexExpr, env: ReadonlyMap<string, number>): number {
    const q = this.indexValue(ix, env);
    if (q < 1 || q > this.o.qubits) {
      const bound = [...env].map(([k, v]) => `${k} = ${v}`).join(', ');
      throw new ExprError(`qubit index ${q}${bound ? ` (with ${bound})` : ''} is out of range 1..${this.o.qubits}`, ix.pos,
        `the model has ${this.o.qubits} qubit${this.o.qubits === 1 ? '' : 's'}, numbered from 1`);
    }
    return q;
  }

  /** Every assignment of the binder's variables, in lexicographic order. */
  *bindings(b: Binder, env: ReadonlyMap<string, number>): Generator<Map<string, number>> {
    const n = this.o.qubits;
    const bind = (vars: [string, number][]): Map<string, number> => {
      const m = new Map(env);
      for (const [k, v] of vars) m.set(k, v);
      return m;
    };
    const shadow = (name: string): void => {
      if (env.has(name)) throw new ExprError(`index variable '${name}' is already bound by an enclosing sum`, b.pos, 'use a different letter');
      if (this.o.parameters.has(name)) throw new ExprError(`index variable '${name}' has the name of a declared parameter`, b.pos, 'use a different letter');
      if (RESERVED_NAMES.has(name)) throw new ExprError(`'${name}' cannot be an index variable`, b.pos);
    };
    if (b.kind === 'range') {
      shadow(b.variable);
      const from = this.indexValue(b.from, env);
      const to = this.indexValue(b.to, env);
      for (let j = from; j <= to; j++) yield bind([[b.variable, j]]);
    } else if (b.kind === 'all') {
      shadow(b.variable);
      for (let j = 1; j <= n; j++) yield bind([[b.variable, j]]);
    } else if (b.kind === 'edges') {
      shadow(b.left);
      shadow(b.right);
      for (const edge of this.edgeList(b.pos, 'the edge sum {j,k} in edges')) yield bind([[b.left, edge.j], [b.right, edge.k]]);
    } else {
      shadow(b.left);
      shadow(b.right);
      const holds: Record<string, (j: number, k: number) => boolean> = {
        '<': (j, k) => j < k, '>': (j, k) => j > k, '!=': (j, k) => j !== k, '<=': (j, k) => j <= k, '>=': (j, k) => j >= k,
      };
      for (let j = 1; j <= n; j++) for (let k = 1; k <= n; k++) if (holds[b.relation](j, k)) yield bind([[b.left, j], [b.right, k]]);
    }
  }
}

/**
 * Evaluates an expression tree. Throws `ExprError` (with an offset into the expression text).
 * @example evaluate(parseExpr('sum(j=1..2, sz(j))'), { mode: 'operator', qubits: 2, parameters: new Set() }).kind // => "op"
 */
export function evaluate(e: Expr, options: EvalOptions): Value {
  return new Evaluator(options).eval(e, options.env ?? new Map());
}

/**
 * Every assignment of a binder's index variables (a `for:` index), in the order sums use.
 * @example [...bindingsOf(parseBinder('j=2..3'), { mode: 'scalar', qubits: 3, parameters: new Set() })].map((m) => m.get('j')) // => [2, 3]
 */
export function bindingsOf(b: Binder, options: EvalOptions): Generator<Map<string, number>> {
  return new Evaluator(options).bindings(b, options.env ?? new Map());
}

/**
 * Value of an index expression under bound variables (the bounds of a `for:` range).
 * @example indexValueOf({ type: 'ivar', name: 'n', pos: 0 }, 5, new Map()) // => 5
 */
export function indexValueOf(ix: IndexExpr, qubits: number, env: ReadonlyMap<string, number>): number {
  return new Evaluator({ mode: 'scalar', qubits, parameters: new Set() }).indexValueOf(ix, env);
}

/** What a model puts in scope of its expressions besides parameters: indexed parameters, the graph, a `for:` index. */
export type ModelScope = Pick<EvalOptions, 'indexed' | 'edges' | 'env' | 'budget'>;

/**
 * Evaluates to a `PauliSum` on n qubits (a scalar c becomes c·I).
 * @example evaluateOperator(parseExpr('sx(1) + 2*sz(2)'), 2, new Set()).terms().map((t) => [t.letters, t.coef.toString()]) // => [['XI', '1'], ['IZ', '2']]
 */
export function evaluateOperator(e: Expr, qubits: number, parameters: ReadonlySet<string>, values?: ReadonlyMap<string, Scalar>, scope: ModelScope = {}): PauliSum {
  const v = evaluate(e, { mode: 'operator', qubits, parameters, values, ...scope });
  if (v.kind === 'scalar') return PauliSum.identity(qubits).scale(v.s);
  if (v.kind === 'op') return v.p;
  throw new Error('unreachable: state value in operator mode');
}

/**
 * Evaluates a state expression: an operator as a `SparseOperator` (a scalar c becomes c·I), or a
 * ket |ψ⟩ as its amplitudes (bit string → exact amplitude, zeros left out).
 * @example evaluateStateOrKet(parseExpr('(|01> - |10>)/sqrt(2)'), 2, new Set()).kind // => "ket"
 */
export function evaluateStateOrKet(e: Expr, qubits: number, parameters: ReadonlySet<string>, values?: ReadonlyMap<string, Scalar>, scope: ModelScope = {}):
  { kind: 'state'; m: SparseOperator } | { kind: 'ket'; k: ReadonlyMap<string, Scalar> } {
  const v = evaluate(e, { mode: 'state', qubits, parameters, values, ...scope });
  if (v.kind === 'scalar') return { kind: 'state', m: SparseOperator.identity(qubits).scale(v.s) };
  if (v.kind === 'state' || v.kind === 'ket') return v;
  throw new Error('unreachable: Pauli value in state mode');
}

/**
 * Evaluates to a `SparseOperator` on n qubits (a scalar c becomes c·I); a ket is an error.
 * @example evaluateState(parseExpr('|01><01|'), 2, new Set()).entries().length // => 1
 */
export function evaluateState(e: Expr, qubits: number, parameters: ReadonlySet<string>, values?: ReadonlyMap<string, Scalar>, scope: ModelScope = {}): SparseOperator {
  const v = evaluateStateOrKet(e, qubits, parameters, values, scope);
  if (v.kind === 'ket') throw new ExprError('this is a ket |ψ>, not an operator', e.pos, 'give a pure state as initial: {ket: "…"}, or write the ket-bra |ψ><ψ|');
  return v.m;
}

/**
 * Evaluates to an exact scalar; operators are an error.
 * @example evaluateScalar(parseExpr('gamma/2 + 1/4'), new Set(['gamma'])).toString() // => '1/2*gamma + 1/4'
 */
export function evaluateScalar(e: Expr, parameters: ReadonlySet<string>, values?: ReadonlyMap<string, Scalar>, qubits = 0, scope: ModelScope = {}): Scalar {
  const v = evaluate(e, { mode: 'scalar', qubits, parameters, values, ...scope });
  if (v.kind !== 'scalar') throw new ExprError('expected a number', e.pos);
  return v.s;
}

export { LOCAL_MATRICES };
