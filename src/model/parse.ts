import { Scalar } from '../algebra/scalar.ts';
import { ExactMatrix } from '../algebra/matrix.ts';
import { ModelTooLarge, UserError, type Warning } from '../core/errors.ts';
import { ExprError, exprSize, parseBinder, parseExpr, RESERVED_NAMES, subscriptedByIndex, type Binder, type Expr } from './expr.ts';
import { exprToLatex } from './expr-latex.ts';
import { bindIndices, exprToText } from './expr-text.ts';
import {
  bindingsOf, evaluateOperator, evaluateScalar, evaluateStateOrKet, indexValueOf, MAX_SUM_TERMS, type ModelScope, type TermBudget,
} from './evaluate.ts';
import { completeGraph, explicitGraph, pathGraph, ringGraph, starGraph, type Graph } from './graph.ts';
import {
  productState, sparseState, STUDY_DEFAULTS, type ExactPath, type InitialState, type LindbladChannel, type NetworkModel, type PaperBlock,
  type PaperValue, type Study,
} from './network.ts';
import { MAX_NAME_BYTES, MODEL_SCHEMA, checkSchema } from './schema.ts';
import type { SparseOperator } from './sparse.ts';
import {
  child, describeNode, errorAt, hasKey, isAbsent, isYamlScalar, isYamlSeq, itemsOf, keysOf, loadYaml, locate, scalarText, yamlValue, type Located,
} from './source.ts';
import {
  checkDensityMatrix, checkExactPath, checkHamiltonian, checkKet, checkLindbladOperator, checkRate, checkSparseDensity, graphWarnings,
} from './validate.ts';

/**
 * Parses and validates the text of a derivation file (YAML, docs/derivation-format.md) into a
 * `NetworkModel`; `file` names the source in messages. Every problem is one `UserError` naming the
 * file, the field and the line:col; warnings (e.g. a disconnected graph) and assumptions (e.g. a
 * symbolic rate taken positive) are returned in the model. Reading files is the CLI's
 * (cli/load-model.ts), so this runs in a browser.
 * @example parseModel('name: one\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n').qubits // => 1
 */
export function parseModel(text: string, file = '<input>'): NetworkModel {
  const root = loadYaml(file, text);
  checkSchema(root, MODEL_SCHEMA);
  return new ModelBuilder(root, file, text).build();
}

/** Re-raises an expression or unlocated error at a YAML location (keeping the error class). */
function relocate(e: unknown, at: Located): unknown {
  if (e instanceof ExprError) return errorAt(at, e.message, e.hint, e.offset);
  if (e instanceof UserError && e.location.line === undefined) {
    const loc = locate(at);
    return e instanceof ModelTooLarge ? new ModelTooLarge(e.message, loc, e.hint) : new UserError(e.message, loc, e.hint);
  }
  return e;
}

function guarded<T>(at: Located, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw relocate(e, at);
  }
}

interface StudyRange {
  what: string;
  /** Smallest allowed value (exact decimal); positivity is checked before. */
  min?: string;
  /** Largest allowed value (exact decimal). */
  max: string;
  /** The range as the message states it. */
  range: string;
}

/**
 * Study values the numerics can honour (docs/derivation-format.md, "Limits"): outside these, the
 * QL iteration and the ODE integration cannot converge in double precision, so `check` refuses them.
 */
export const STUDY_RANGES: Readonly<Record<'Kc' | 'eta' | 'T1' | 'T2' | 'horizon' | 'time', StudyRange>> = {
  Kc: { what: 'K_c', max: '1e9', range: '0 < K_c ≤ 10^9' },
  eta: { what: 'η', min: '1e-12', max: '10', range: '10^-12 ≤ η ≤ 10' },
  T1: { what: 'T₁', max: '1e6', range: '0 < T₁ ≤ 10^6' },
  T2: { what: 'T₂', max: '1e6', range: '0 < T₂ ≤ 10^6' },
  horizon: { what: 'the horizon', max: '1e6', range: '0 < horizon ≤ 10^6' },
  time: { what: 't', max: '1e6', range: '0 ≤ t ≤ 10^6' },
};

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?$/;
/** An indexed parameter's name has no subscript: its entries are the parameters `name_1`, `name_2`, …. */
const INDEXED_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

class ModelBuilder {
  private readonly warnings: Warning[] = [];
  private readonly assumptions: string[] = [];
  private declared = new Set<string>();
  private values = new Map<string, Scalar>();
  /** Indexed parameters: name → number of entries (= n). */
  private indexed = new Map<string, number>();
  private graph: Graph | null = null;
  private qubits = 0;

  constructor(private readonly root: Located, private readonly file: string, private readonly text: string) {}

  private str(key: string, fallback = ''): string {
    const v = yamlValue(child(this.root, key));
    return typeof v === 'string' ? v : fallback;
  }

  private expr(at: Located): { expr: Expr; text: string } {
    const text = scalarText(at) as string;
    return guarded(at, () => ({ expr: parseExpr(text), text }));
  }

  /**
   * An exact scalar field. Symbolic parameters stay symbolic; with `constant` the parameters' values
   * are substituted and the result must be a constant (study values, parameter values).
   */
  private scalar(at: Located, opts: { constant?: boolean; params?: ReadonlySet<string> } = {}): { value: Scalar; expr: Expr; text: string } {
    const { expr, text } = this.expr(at);
    const params = opts.params ?? this.declared;
    const scope = opts.params ? {} : this.scope();
    const value = guarded(at, () => evaluateScalar(expr, params, opts.constant ? this.values : undefined, this.qubits, scope));
    if (opts.constant && !value.isConstant()) {
      throw errorAt(at, `expected a constant, but ${value.toString()} depends on the symbolic parameter(s) ${value.freeParams().join(', ')}`, 'give them values under parameters:');
    }
    return { value, expr, text };
  }

  /** What expressions see besides plain parameters: indexed parameters, the graph (once parsed), a `for:` index. */
  private scope(env?: ReadonlyMap<string, number>, budget?: TermBudget): ModelScope {
    return { indexed: this.indexed, ...(this.graph ? { edges: this.graph.edges } : {}), ...(env ? { env } : {}), ...(budget ? { budget } : {}) };
  }

  /**
   * Warns where a declared parameter `d_j` stands inside a sum over j (or a `for: j` entry): it is
   * one parameter, the same for every j, where `d[j]` was probably meant.
   */
  private warnSubscripts(e: Expr, at: Located, outer: ReadonlySet<string> = new Set()): void {
    const seen = new Set<string>();
    for (const s of subscriptedByIndex(e, outer)) {
      if (!this.declared.has(s.name) || seen.has(s.name)) continue;
      seen.add(s.name);
      this.warnings.push({
        message: `'${s.name}' is one parameter, the same for every ${s.variable}, although ${s.variable} is an index variable here — for one value per qubit declare ${s.base}: [value for qubit 1, …] under parameters: and write ${s.base}[${s.variable}]`,
        location: locate(at, s.pos),
      });
    }
  }

  /** A real constant > 0 (or ≥ 0), decided exactly. */
  private positive(at: Located, what: string, allowZero = false): Scalar {
    const { value } = this.scalar(at, { constant: true });
    if (!value.isReal()) throw errorAt(at, `${what} must be real (got ${value.toString()})`);
    const s = value.sign();
    if (s < 0 || (s === 0 && !allowZero)) throw errorAt(at, `${what} must be ${allowZero ? 'nonnegative' : 'positive'} (got ${value.toString()})`);
    return value;
  }

  /** `value` (already known to be a positive or nonnegative real constant) within `range`, or a located error saying the range. */
  private inRange(at: Located, value: Scalar, range: StudyRange): Scalar {
    const low = range.min !== undefined && value.sub(Scalar.decimal(range.min)).sign() < 0;
    const high = value.sub(Scalar.decimal(range.max)).sign() > 0;
    if (low || high) {
      const text = (scalarText(at) ?? '').trim();
      const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
      throw errorAt(at, `${range.what} = ${shown} is outside the range the numerics can honour, ${range.range}`, 'choose a value in that range (docs/derivation-format.md, "Limits")');
    }
    return value;
  }

  build(): NetworkModel {
    const name = this.str('name') || this.defaultName();
    this.qubits = yamlValue(child(this.root, 'qubits')) as number;
    this.parseParameters();
    const graph = this.parseGraph();
    this.graph = graph;
    const hAt = child(this.root, 'hamiltonian');
    const h = this.expr(hAt);
    const hamiltonian = guarded(hAt, () => evaluateOperator(h.expr, this.qubits, this.declared, undefined, this.scope()));
    this.warnSubscripts(h.expr, hAt);
    checkHamiltonian(hamiltonian, hAt);
    const lindblad = this.parseLindblad();
    const initial = this.parseInitial(child(this.root, 'initial'), true);
    const study = this.parseStudy();
    const paper = this.parsePaper();
    this.warnings.push(...graphWarnings(graph, child(this.root, 'graph')));
    return {
      name,
      title: this.str('title', name),
      notes: this.str('notes'),
      source: { file: this.file, text: this.text },
      qubits: this.qubits,
      graph,
      hamiltonian,
      hamiltonianSource: h.expr,
      hamiltonianText: h.text,
      lindblad,
      initial,
      parameters: this.values,
      declaredParameters: [...this.declared].sort(),
      study,
      paper,
      warnings: this.warnings,
      assumptions: [...new Set(this.assumptions)],
    };
  }

  /** The file's base name without extension ('model' for text without a file). */
  private defaultName(): string {
    if (this.file === '<input>') return 'model';
    const stem = (this.file.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stem)) {
      throw errorAt(child(this.root, 'name'), `the file name '${stem}' cannot name the outputs`, 'add name: with letters, digits, ".", "_" and "-"');
    }
    // The outputs are <name>.proof-T1.html and the like: the stem must leave room for the suffix.
    const bytes = new TextEncoder().encode(stem).length;
    if (bytes > MAX_NAME_BYTES) {
      throw errorAt(child(this.root, 'name'), `the file name '${stem.slice(0, 24)}…' is too long to name the outputs: ${bytes} bytes, more than ${MAX_NAME_BYTES}`, `add name: with at most ${MAX_NAME_BYTES} characters`);
    }
    return stem;
  }

  private parseParameters(): void {
    const at = child(this.root, 'parameters');
    /** Where each parameter name comes from, to refuse a name declared twice. */
    const origin = new Map<string, string>();
    const declare = (name: string, what: string, keyAt: Located): void => {
      const first = origin.get(name);
      if (first !== undefined) throw errorAt(keyAt, `'${name}' is declared twice: ${first} and ${what}`, 'rename one of them');
      origin.set(name, what);
      this.declared.add(name);
    };
    const keys = keysOf(at);
    // Indexed parameters first, so that an explicit delta_2 meets the entry it would shadow.
    const ordered = [...keys.filter((k) => isYamlSeq(child(at, k.key))), ...keys.filter((k) => !isYamlSeq(child(at, k.key)))];
    for (const { key, at: keyAt } of ordered) {
      if (RESERVED_NAMES.has(key)) throw errorAt(keyAt, `'${key}' is reserved (an operator, a function, i, I or n) and cannot be a parameter`, 'choose another name');
      const list = child(at, key);
      if (isYamlSeq(list)) {
        if (!INDEXED_NAME.test(key)) {
          throw errorAt(keyAt, `invalid name '${key}' for an indexed parameter`, `use a letter, then letters or digits, without _ (its entries are the parameters ${key.replace(/_.*/, '')}_1, ${key.replace(/_.*/, '')}_2, …)`);
        }
        const items = itemsOf(list);
        if (items.length !== this.qubits) {
          throw errorAt(list, `the indexed parameter '${key}' has ${items.length} entr${items.length === 1 ? 'y' : 'ies'} but the model has ${this.qubits} qubit${this.qubits === 1 ? '' : 's'}`,
            'give one entry per qubit, qubit 1 first (0 or symbolic where a qubit has none)');
        }
        this.indexed.set(key, items.length);
        items.forEach((_, j) => declare(`${key}_${j + 1}`, `entry ${j + 1} of the indexed parameter ${key} (${key}[${j + 1}])`, keyAt));
        continue;
      }
      if (!PARAMETER_NAME.test(key)) {
        throw errorAt(keyAt, `invalid parameter name '${key}'`, 'use a letter, then letters or digits, optionally one _subscript (gamma, gamma_m, omega2)');
      }
      declare(key, 'a parameter', keyAt);
    }
    const value = (v: Located, name: string, shown: string): void => {
      // A value may not refer to other parameters: values are plain exact numbers.
      const { value: x } = this.scalar(v, { constant: true, params: new Set<string>() });
      if (!x.isReal()) {
        throw errorAt(v, `the value of parameter '${shown}' must be a real constant (got ${x.toString()})`, 'parameters are real; write i into the expressions that use them');
      }
      this.values.set(name, x);
    };
    for (const { key } of keys) {
      const v = child(at, key);
      if (isYamlSeq(v)) {
        itemsOf(v).forEach((item, j) => {
          if (isAbsent(item) || yamlValue(item) === 'symbolic') return;
          if (!isYamlScalar(item) || typeof yamlValue(item) === 'boolean') {
            throw errorAt(item, `expected an exact number or symbolic, found ${describeNode(item.node)}`, 'write e.g. 1/2, 0.05, sqrt(2), or symbolic');
          }
          value(item, `${key}_${j + 1}`, `${key}[${j + 1}]`);
        });
        continue;
      }
      const raw = yamlValue(v);
      if (v.node === null || raw === null || raw === 'symbolic') continue;
      value(v, key, key);
    }
  }

  private parseGraph(): Graph {
    const at = child(this.root, 'graph');
    const n = this.qubits;
    const raw = yamlValue(at);
    if (typeof raw === 'string') return guarded(at, () => this.family(raw, n, Scalar.ONE, 1));
    const familyAt = child(at, 'family');
    const edgesAt = child(at, 'edges');
    const family = (yamlValue(familyAt) as string | undefined) ?? (hasKey(at, 'edges') ? 'explicit' : undefined);
    if (family === undefined) throw errorAt(at, 'the graph needs a family or an edge list', 'write e.g. graph: complete, or graph: {edges: [[1, 2], [2, 3]]}');
    if (family === 'explicit') {
      if (!hasKey(at, 'edges')) throw errorAt(familyAt, 'an explicit graph needs edges: [[j, k, weight], …]');
      if (hasKey(at, 'weight')) throw errorAt(child(at, 'weight'), 'weight applies to graph families', 'give each edge its weight: [j, k, weight]');
      if (hasKey(at, 'center')) throw errorAt(child(at, 'center'), 'center applies only to a star graph');
      return this.explicitEdges(edgesAt);
    }
    if (hasKey(at, 'edges')) throw errorAt(edgesAt, `edges cannot be combined with family: ${family}`, 'drop family (an edge list defines the graph) or drop edges');
    if (hasKey(at, 'center') && family !== 'star') throw errorAt(child(at, 'center'), 'center applies only to a star graph');
    let weight = Scalar.ONE;
    if (hasKey(at, 'weight')) weight = this.edgeWeight(child(at, 'weight'));
    let center = 1;
    if (hasKey(at, 'center')) {
      const cAt = child(at, 'center');
      center = yamlValue(cAt) as number;
      if (center > n) throw errorAt(cAt, `the star's center ${center} is out of range 1..${n}`, 'name one of the qubits');
    }
    return guarded(family === 'ring' ? familyAt : at, () => this.family(family, n, weight, center));
  }

  private family(f: string, n: number, w: Scalar, center: number): Graph {
    switch (f) {
      case 'complete': return completeGraph(n, w);
      case 'ring': return ringGraph(n, w);
      case 'path': return pathGraph(n, w);
      case 'star': return starGraph(n, center, w);
      default: throw new UserError(`unknown graph family '${f}'`);
    }
  }

  /** A weight a_jk: real and positive (exactly); a symbolic weight is assumed positive. */
  private edgeWeight(at: Located): Scalar {
    const { value } = this.scalar(at);
    const w = value.substitute(this.values);
    if (!w.isReal()) throw errorAt(at, `the weight ${w.toString()} is not real`, 'graph weights a_jk are positive real numbers');
    if (!w.isConstant()) {
      this.assumptions.push(`${value.toString()} > 0 (a symbolic edge weight is assumed positive)`);
      return value;
    }
    if (w.sign() <= 0) throw errorAt(at, `the weight ${w.toString()} is not positive`, 'graph weights a_jk must be > 0; leave the edge out instead of giving it weight 0');
    return value;
  }

  private explicitEdges(edgesAt: Located): Graph {
    const n = this.qubits;
    const seen = new Map<string, number>();
    const edges: [number, number, Scalar][] = [];
    itemsOf(edgesAt).forEach((edgeAt, idx) => {
      const parts = itemsOf(edgeAt);
      const ends = parts.slice(0, 2).map((p) => {
        const v = yamlValue(p);
        if (typeof v !== 'number' || !Number.isInteger(v)) throw errorAt(p, `an edge end must be a qubit number, found ${JSON.stringify(v)}`);
        if (v < 1 || v > n) throw errorAt(p, `qubit index ${v} is out of range 1..${n}`, `the model has ${n} qubits, numbered from 1`);
        return v;
      });
      const [a, b] = ends;
      if (a === b) throw errorAt(edgeAt, `self-loop {${a}, ${a}}`, 'a SWAP of a qubit with itself does nothing; remove the edge');
      const key = `${Math.min(a, b)},${Math.max(a, b)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw errorAt(edgeAt, `duplicate edge {${Math.min(a, b)}, ${Math.max(a, b)}} (already given as ${edgesAt.field}[${first}])`, 'list each undirected edge once, with its total weight');
      }
      seen.set(key, idx);
      const w = parts.length === 3 ? this.edgeWeight(parts[2]) : Scalar.ONE;
      edges.push([a, b, w]);
    });
    return guarded(edgesAt, () => explicitGraph(n, edges));
  }

  private parseLindblad(): LindbladChannel[] {
    const out: LindbladChannel[] = [];
    for (const item of itemsOf(child(this.root, 'lindblad'))) {
      const opAt = child(item, 'operator');
      const op = this.expr(opAt);
      const rAt = child(item, 'rate');
      const r = hasKey(item, 'rate') ? this.expr(rAt) : null;
      const rawLabel = yamlValue(child(item, 'label'));
      const label = typeof rawLabel === 'string' ? rawLabel : undefined;
      const forAt = child(item, 'for');
      const binder = hasKey(item, 'for') ? guarded(forAt, () => parseBinder(scalarText(forAt) as string)) : null;
      const envs = binder ? this.forBindings(binder, forAt) : [undefined];
      const vars = new Set(envs[0] ? [...envs[0].keys()] : []);
      this.warnSubscripts(op.expr, opAt, vars);
      if (r) this.warnSubscripts(r.expr, rAt, vars);
      if (binder && envs.length === 0) {
        this.warnings.push({ message: `for: ${scalarText(forAt) as string} takes no value, so this entry gives no channel`, location: locate(forAt) });
      }
      // The channels of one for: entry share the term limit (docs: "Limits"): each costs the size of
      // its expressions (it is evaluated and stated once per index value), plus what its sums expand to.
      const budget: TermBudget | undefined = binder ? { terms: 0, owner: `the ${envs.length.toLocaleString('en-US')} channels of this for: entry` } : undefined;
      const size = exprSize(op.expr) + (r ? exprSize(r.expr) : 0);
      for (const env of envs) {
        const bound = env ? [...env].map(([k, v]) => `${k} = ${v}`).join(', ') : '';
        const context = env ? ` (with ${bound})` : '';
        if (budget) {
          budget.terms += size;
          if (budget.terms > MAX_SUM_TERMS) {
            throw errorAt(forAt, `this for: entry expands to more than ${MAX_SUM_TERMS.toLocaleString('en-US')} terms (${envs.length.toLocaleString('en-US')} channels of ${size.toLocaleString('en-US')} expression nodes each, with the terms of their sums)`,
              'narrow the index, or shorten the operator and the rate');
          }
        }
        const operator = guarded(opAt, () => evaluateOperator(op.expr, this.qubits, this.declared, undefined, this.scope(env, budget)));
        let rate = Scalar.ONE;
        if (r) {
          rate = guarded(rAt, () => evaluateScalar(r.expr, this.declared, undefined, this.qubits, this.scope(env, budget)));
          // A channel of a for: expansion whose rate is exactly zero is left out (docs: "Per-qubit channels").
          if (env && rate.substitute(this.values).isZero()) continue;
          const assumption = checkRate(rate, this.values, rAt, this.warnings, context);
          if (assumption) this.assumptions.push(assumption);
        }
        checkLindbladOperator(operator, opAt, this.warnings, context);
        // One channel of an expansion is stated with its index substituted: sm(2) with rate gamma[2].
        const source = env ? bindIndices(op.expr, env) : op.expr;
        const rateSource = r ? (env ? bindIndices(r.expr, env) : r.expr) : null;
        out.push({
          operator, rate, source, operatorText: env ? exprToText(source) : op.text, rateSource,
          rateText: r && rateSource ? (env ? exprToText(rateSource) : r.text) : '1',
          ...(label !== undefined ? { label: env ? `${label} (${bound})` : label } : {}),
        });
      }
    }
    return out;
  }

  /**
   * The values of a `for:` index. Its variables name qubits, so a range must lie in 1..n (this also
   * bounds the expansion: at most n channels per index, n² per pair of indices).
   */
  private forBindings(b: Binder, at: Located): Map<string, number>[] {
    const n = this.qubits;
    return guarded(at, () => {
      if (b.kind === 'range') {
        const from = indexValueOf(b.from, n, new Map());
        const to = indexValueOf(b.to, n, new Map());
        const bad = from <= to ? (from < 1 ? { v: from, ix: b.from } : to > n ? { v: to, ix: b.to } : null) : null;
        if (bad) {
          throw new ExprError(`the index ${b.variable} = ${bad.v} of for: is out of range 1..${n}`, bad.ix.pos, `a for: index names qubits, numbered 1..${n}`);
        }
      }
      return [...bindingsOf(b, { mode: 'scalar', qubits: n, parameters: this.declared, ...this.scope() })];
    });
  }

  /** A 2×2 (or general) matrix literal of exact numbers, with parameter values substituted. */
  private matrixLiteral(at: Located, square2: boolean): ExactMatrix {
    const rows = itemsOf(at).map((r) => itemsOf(r));
    const width = rows[0]?.length ?? 0;
    if (square2 && (rows.length !== 2 || rows.some((r) => r.length !== 2))) {
      throw errorAt(at, 'a single-qubit state matrix must be 2×2: [[a, b], [c, d]]');
    }
    rows.forEach((r, i) => {
      if (r.length !== width) throw errorAt(itemsOf(at)[i], `row ${i + 1} has ${r.length} entries but row 1 has ${width}`);
    });
    return ExactMatrix.fromRows(rows.map((r) => r.map((cell) => this.scalar(cell).value.substitute(this.values))));
  }

  /**
   * A state expression on `qubits` qubits: an operator, or a ket |ψ⟩ (normalisation checked exactly
   * when `validate`) turned into ρ = |ψ⟩⟨ψ|. `ket` says which of the two the field demands.
   */
  private stateValue(expr: Expr, at: Located, qubits: number, what: string, validate: boolean, demand: 'ket' | 'operator' | 'either'): { m: SparseOperator; ket: boolean } {
    const v = guarded(at, () => evaluateStateOrKet(expr, qubits, this.declared, this.values, this.scope()));
    if (v.kind === 'ket') {
      if (demand === 'operator') {
        throw errorAt(at, `${what} is a ket |ψ>, not an operator`, 'give a pure state as initial: {ket: "…"}, or write the ket-bra |ψ><ψ|');
      }
      return { m: checkKet(v.k, qubits, what, at, validate), ket: true };
    }
    if (demand === 'ket') {
      throw errorAt(at, `${what} must be a ket such as (|0011> + |1100>)/sqrt(2), but this is an operator`, 'write a density operator under initial.state instead');
    }
    return { m: v.m, ket: false };
  }

  /** ρ(0): a product of single-qubit factors or a sparse expression; `validate` checks it is a state. */
  private parseInitial(at: Located, validate: boolean): InitialState {
    const n = this.qubits;
    if (hasKey(at, 'product')) {
      const listAt = child(at, 'product');
      const items = itemsOf(listAt);
      if (validate && items.length !== n) {
        throw errorAt(listAt, `the product has ${items.length} factor${items.length === 1 ? '' : 's'} but the model has ${n} qubits`, 'give one single-qubit state per qubit, qubit 1 first');
      }
      const factors: ExactMatrix[] = [];
      const sources: (Expr | null)[] = [];
      const latex: string[] = [];
      items.forEach((f, k) => {
        let m: ExactMatrix;
        if (isYamlSeq(f)) {
          m = this.matrixLiteral(f, true);
          sources.push(null);
          latex.push(m.toLatex());
        } else {
          const { expr } = this.expr(f);
          const state = this.stateValue(expr, f, 1, `factor ${k + 1} of the product (qubit ${k + 1})`, validate, 'either');
          m = state.m.toMatrix();
          sources.push(expr);
          latex.push(state.ket ? pureStateLatex(expr) : exprToLatex(expr));
        }
        if (validate) checkDensityMatrix(m, `factor ${k + 1} of the product (qubit ${k + 1})`, f);
        factors.push(m);
      });
      return productState(factors, sources, latex.join(' \\otimes '));
    }
    if (hasKey(at, 'ket')) {
      const kAt = child(at, 'ket');
      const { expr } = this.expr(kAt);
      const { m } = this.stateValue(expr, kAt, this.qubitsOfStateExpr(expr, validate), 'the initial ket', validate, 'ket');
      this.warnSubscripts(expr, kAt);
      return sparseState(m, expr, pureStateLatex(expr, '\\psi'));
    }
    const sAt = child(at, 'state');
    const { expr } = this.expr(sAt);
    const { m: op } = this.stateValue(expr, sAt, this.qubitsOfStateExpr(expr, validate), 'the initial state', validate, 'operator');
    this.warnSubscripts(expr, sAt);
    if (validate) checkSparseDensity(op, 'the initial state', sAt);
    return sparseState(op, expr, exprToLatex(expr));
  }

  /** For a stated (paper) value the qubit count follows its ket-bras; a model's state has n qubits. */
  private qubitsOfStateExpr(e: Expr, model: boolean): number {
    if (model) return this.qubits;
    let found = 0;
    const walk = (x: Expr): void => {
      if (found) return;
      if (x.type === 'ketbra') { found = x.ket.length; return; }
      if (x.type === 'ket') { found = x.bits.length; return; }
      for (const v of Object.values(x)) if (v && typeof v === 'object' && 'type' in v && 'pos' in v) walk(v as Expr);
    };
    walk(e);
    return found || this.qubits;
  }

  private parseStudy(): Study {
    const at = child(this.root, 'study');
    const kcAt = child(at, 'Kc');
    const kc = (k: Located): Scalar => this.inRange(k, this.positive(k, 'a coupling gain K_c'), STUDY_RANGES.Kc);
    const Kc = !hasKey(at, 'Kc') || kcAt.node === null ? [] : isYamlSeq(kcAt) ? itemsOf(kcAt).map(kc) : [kc(kcAt)];
    const opt = (key: 'T1' | 'T2' | 'horizon', what: string): Scalar | undefined =>
      hasKey(at, key) && yamlValue(child(at, key)) !== null
        ? this.inRange(child(at, key), this.positive(child(at, key), what), STUDY_RANGES[key])
        : undefined;
    const etaAt = child(at, 'eta');
    const eta1 = (e: Located, what: string): Scalar => this.inRange(e, this.positive(e, what), STUDY_RANGES.eta);
    const etas = !hasKey(at, 'eta') || etaAt.node === null ? [] : isYamlSeq(etaAt)
      ? itemsOf(etaAt).map((e) => eta1(e, 'an error level η'))
      : [eta1(etaAt, 'η')];
    const eta = etas.length > 0 ? etas[0] : undefined;
    const etaList = etas.length > 1 ? etas : undefined;
    const T1 = opt('T1', 'T₁');
    const T2 = opt('T2', 'T₂');
    if (T1 && T2 && T2.sub(T1).sign() < 0) throw errorAt(child(at, 'T2'), `T₂ = ${T2.toString()} is smaller than T₁ = ${T1.toString()}`, 'Theorem 2 needs T₂ ≥ T₁ > 0');
    const horizon = opt('horizon', 'the horizon');
    if (horizon && horizon.sub(T1 ?? Scalar.int(STUDY_DEFAULTS.T1)).sign() <= 0) {
      throw errorAt(child(at, 'horizon'), `the horizon ${horizon.toString()} is not after T₁ = ${(T1 ?? Scalar.int(STUDY_DEFAULTS.T1)).toString()}`, 'Theorem 4 is checked on [T₁, horizon]: give a horizon after T₁');
    }
    let time: Study['time'];
    if (hasKey(at, 'time')) {
      const tAt = child(at, 'time');
      const start = hasKey(tAt, 'start')
        ? this.inRange(child(tAt, 'start'), this.positive(child(tAt, 'start'), 'the start time', true), STUDY_RANGES.time)
        : Scalar.ZERO;
      const end = this.inRange(child(tAt, 'end'), this.positive(child(tAt, 'end'), 'the end time'), STUDY_RANGES.time);
      if (end.sub(start).sign() <= 0) throw errorAt(child(tAt, 'end'), `the end time ${end.toString()} must be after the start ${start.toString()}`);
      time = { start, end, steps: yamlValue(child(tAt, 'steps')) as number };
    }
    const exactAt = child(at, 'exact');
    const exact = ((yamlValue(exactAt) as string | undefined) ?? 'auto') as ExactPath;
    checkExactPath(this.qubits, exact, hasKey(at, 'exact') ? exactAt : child(this.root, 'qubits'));
    return { Kc, ...(eta ? { eta } : {}), ...(etaList ? { etaList } : {}), ...(T1 ? { T1 } : {}), ...(T2 ? { T2 } : {}), ...(horizon ? { horizon } : {}), ...(time ? { time } : {}), exact };
  }

  private parsePaper(): PaperBlock | null {
    if (!hasKey(this.root, 'paper')) return null;
    const at = child(this.root, 'paper');
    const values = new Map<string, PaperValue>();
    let reference: string | undefined;
    let notes: string | undefined;
    for (const { key } of keysOf(at)) {
      const v = child(at, key);
      const raw = yamlValue(v);
      const sourceText = v.node?.range ? this.text.slice(v.node.range[0], v.node.range[1]).trim() : '';
      if (key === 'reference') { reference = raw as string; continue; }
      if (key === 'notes') { notes = raw as string; continue; }
      if (key === 'initialState') {
        values.set(key, { kind: 'state', value: this.parseInitial(v, false), text: sourceText });
        continue;
      }
      if (v.node === null || raw === null) continue;
      if (isYamlSeq(v)) {
        const rows = itemsOf(v);
        if (rows.length > 0 && rows.every((r) => isYamlSeq(r))) {
          values.set(key, { kind: 'matrix', value: this.matrixLiteral(v, false), text: sourceText });
          continue;
        }
        values.set(key, { kind: 'text', text: sourceText });
        continue;
      }
      if (isYamlScalar(v) && (typeof raw === 'string' || typeof raw === 'number')) {
        const str = scalarText(v) as string;
        const known = key === 'steadyState' || key === 'blendedInitial';
        const tryState = known || /\|/.test(str);
        try {
          const expr = parseExpr(str);
          if (tryState) {
            const q = this.qubitsOfStateExpr(expr, false);
            const m = this.stateValue(expr, v, /\|/.test(str) ? q : 1, key, false, 'either').m.toMatrix();
            values.set(key, { kind: 'matrix', value: m, text: str });
          } else {
            values.set(key, { kind: 'scalar', value: evaluateScalar(expr, this.declared, this.values, this.qubits, this.scope()), text: str });
          }
          continue;
        } catch (e) {
          // A known field must parse; free fields that are not mathematics are kept as text.
          if (known) throw relocate(e, v);
        }
        values.set(key, { kind: 'text', text: str });
        continue;
      }
      values.set(key, { kind: 'text', text: sourceText });
    }
    return { ...(reference !== undefined ? { reference } : {}), ...(notes !== undefined ? { notes } : {}), values };
  }
}


/**
 * ρ = |ψ⟩⟨ψ| in LaTeX: |b⟩⟨b| for one basis ket, else |ψ⟩⟨ψ| followed by |ψ⟩ as written (or, for a
 * product factor, the ket as written times its adjoint).
 */
function pureStateLatex(e: Expr, symbol?: string): string {
  const inner = e.type === 'paren' ? e.inner : e;
  if (inner.type === 'ket') return `|${inner.bits}\\rangle\\langle ${inner.bits}|`;
  const ket = exprToLatex(e);
  if (symbol) return `|${symbol}\\rangle\\langle ${symbol}|,\\quad |${symbol}\\rangle = ${ket}`;
  return `\\left(${ket}\\right)\\left(${ket}\\right)^{\\dagger}`;
}
