import type { Scalar } from '../algebra/scalar.ts';
import type { ExactMatrix } from '../algebra/matrix.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { CONVENTIONS } from './conventions.ts';
import { exprToLatex } from './expr-latex.ts';
import type { Expr } from './expr.ts';
import { components, degrees, laplacian, laplacianEntries } from './graph.ts';
import { studyAsRun, type InitialState, type NetworkModel, type PaperValue } from './network.ts';

/**
 * The model part of the JSON output (docs/json-schema.md, schemaVersion 5). Pure data, built in a
 * fixed key order so the serialization is byte-identical across runs. Complex numbers are [re, im];
 * matrices are arrays of rows; exact values carry `exact` (plain text) and `latex`, and `value`
 * (doubles) when no parameter is left without a value (else `value: null`).
 */
export const JSON_SCHEMA_VERSION = 5;

export interface ExactJson {
  exact: string;
  latex: string;
  value: [number, number] | null;
}

export interface ExactMatrixJson {
  rows: number;
  cols: number;
  exact: string[][];
  latex: string;
  value: [number, number][][] | null;
}

export interface OperatorJson {
  /** The expression as written in the file. */
  stated: string;
  statedLatex: string;
  /** Exact Pauli expansion: letters per qubit (qubit 1 first) and coefficient. */
  pauli: { letters: string; coef: ExactJson }[];
  pauliLatex: string;
  /** Qubits the operator acts on nontrivially. */
  support: number[];
  hermitian: boolean;
}

type Values = Readonly<Record<string, number>>;

function numericValues(model: NetworkModel): Record<string, number> {
  const v: Record<string, number> = {};
  for (const [k, s] of [...model.parameters].sort(([a], [b]) => (a < b ? -1 : 1))) v[k] = s.toComplex()[0];
  return v;
}

/** Doubles with −0 written as 0, so equal values serialize identically. */
function clean(x: number): number {
  return Object.is(x, -0) ? 0 : x;
}

/**
 * An exact scalar for JSON: its text, its LaTeX and, when every parameter has a value, the double.
 * @example exactJson(Scalar.param('g').mul(Scalar.int(2)), { g: 0.25 }) // => { exact: '2*g', latex: '2 g', value: [0.5, 0] }
 */
export function exactJson(s: Scalar, values: Values): ExactJson {
  const bound = s.freeParams().every((p) => values[p] !== undefined);
  const c = bound ? s.toComplex(values) : null;
  return { exact: s.toString(), latex: s.toLatex(), value: c ? [clean(c[0]), clean(c[1])] : null };
}

/**
 * An exact matrix for JSON: `exactJson` entry by entry, plus the bmatrix LaTeX.
 * @example exactMatrixJson(ExactMatrix.identity(2), {}).exact // => [['1', '0'], ['0', '1']]
 */
export function exactMatrixJson(m: ExactMatrix, values: Values): ExactMatrixJson {
  const exact: string[][] = [];
  let value: [number, number][][] | null = [];
  for (let i = 0; i < m.rows; i++) {
    const row: string[] = [];
    const vrow: [number, number][] = [];
    for (let j = 0; j < m.cols; j++) {
      const e = exactJson(m.get(i, j), values);
      row.push(e.exact);
      if (e.value) vrow.push(e.value);
      else value = null;
    }
    exact.push(row);
    if (value) value.push(vrow);
  }
  return { rows: m.rows, cols: m.cols, exact, latex: m.toLatex(), value };
}

function operatorJson(p: PauliSum, stated: string, source: Expr, values: Values): OperatorJson {
  const terms = p.terms();
  const support = new Set<number>();
  for (const t of terms) [...t.letters].forEach((l, q) => l !== 'I' && support.add(q + 1));
  return {
    stated,
    statedLatex: exprToLatex(source),
    pauli: terms.map((t) => ({ letters: t.letters, coef: exactJson(t.coef, values) })),
    pauliLatex: p.toLatex(),
    support: [...support].sort((a, b) => a - b),
    hermitian: p.isHermitian(),
  };
}

function initialJson(s: InitialState, values: Values): Record<string, unknown> {
  if (s.kind === 'product') {
    return { kind: 'product', latex: s.latex, factors: s.factors.map((f) => exactMatrixJson(f, values)) };
  }
  return {
    kind: 'sparse',
    latex: s.latex,
    entries: s.entries.map((e) => ({ row: e.row, col: e.col, value: exactJson(e.value, values) })),
  };
}

function paperValueJson(v: PaperValue, values: Values): Record<string, unknown> {
  switch (v.kind) {
    case 'matrix': return { kind: 'matrix', stated: v.text, matrix: exactMatrixJson(v.value, values) };
    case 'scalar': return { kind: 'scalar', stated: v.text, scalar: exactJson(v.value, values) };
    case 'state': return { kind: 'state', stated: v.text, state: initialJson(v.value, values) };
    case 'text': return { kind: 'text', stated: v.text };
  }
}

/** Base name of a path, so the output does not depend on where the command ran. */
function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

/**
 * The JSON document of a model (schemaVersion 5). Later stages add their own top-level sections.
 * `study` is the study as it runs: the file's values, and the defaults it leaves out (named in
 * `study.defaults`).
 * @example modelJson(parseModel('name: a\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n')).graph.connected // => true
 */
export function modelJson(model: NetworkModel) {
  const values = numericValues(model);
  const g = model.graph;
  const run = studyAsRun(model.study);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    name: model.name,
    title: model.title,
    notes: model.notes,
    source: { file: baseName(model.source.file) },
    qubits: model.qubits,
    conventions: CONVENTIONS,
    parameters: {
      values: Object.fromEntries([...model.parameters].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, exactJson(s, values)])),
      symbolic: model.declaredParameters.filter((p) => !model.parameters.has(p)),
    },
    graph: {
      family: g.family,
      ...(g.center !== undefined ? { center: g.center } : {}),
      edges: g.edges.map((e) => [e.j, e.k]),
      weights: g.edges.map((e) => exactJson(e.weight, values)),
      degrees: degrees(g).map((d) => exactJson(d, values)),
      laplacian: exactMatrixJson(laplacian(g), values),
      laplacianEntries: laplacianEntries(g).map((e) => ({ row: e.row, col: e.col, ...exactJson(e.value, values) })),
      components: components(g),
      connected: components(g).length === 1,
    },
    model: {
      hamiltonian: operatorJson(model.hamiltonian, model.hamiltonianText, model.hamiltonianSource, values),
      lindblad: model.lindblad.map((l) => ({
        ...(l.label !== undefined ? { label: l.label } : {}),
        operator: operatorJson(l.operator, l.operatorText, l.source, values),
        rate: { stated: l.rateText, statedLatex: l.rateSource ? exprToLatex(l.rateSource) : '1', ...exactJson(l.rate, values) },
      })),
    },
    initialState: initialJson(model.initial, values),
    study: {
      Kc: run.Kc.map((k) => exactJson(k, values)),
      ...(model.study.eta ? { eta: exactJson(model.study.eta, values) } : {}),
      ...(model.study.etaList ? { etaList: model.study.etaList.map((e) => exactJson(e, values)) } : {}),
      T1: exactJson(run.T1, values),
      T2: exactJson(run.T2, values),
      ...(model.study.horizon ? { horizon: exactJson(model.study.horizon, values) } : {}),
      time: { start: exactJson(run.time.start, values), end: exactJson(run.time.end, values), steps: run.time.steps },
      exact: model.study.exact,
      defaults: [...run.defaults],
    },
    paper: model.paper
      ? {
        ...(model.paper.reference !== undefined ? { reference: model.paper.reference } : {}),
        ...(model.paper.notes !== undefined ? { notes: model.paper.notes } : {}),
        values: Object.fromEntries([...model.paper.values].map(([k, v]) => [k, paperValueJson(v, values)])),
      }
      : null,
    assumptions: [...model.assumptions],
    warnings: model.warnings.map((w) => ({
      message: w.message,
      ...(w.location.field !== undefined ? { field: w.location.field } : {}),
      ...(w.location.line !== undefined ? { line: w.location.line, column: w.location.column } : {}),
    })),
  };
}

export type ModelJson = ReturnType<typeof modelJson>;
