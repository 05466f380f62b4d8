import type { Scalar } from '../algebra/scalar.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import { UserError } from '../core/errors.ts';
import type { LocalOpName, LoweredModel, NumericTerm } from '../core/lowered-model.ts';
import type { NetworkModel } from './network.ts';

/** Pauli letter → local operator name of `LoweredModel`. */
const LETTER_OP: Record<string, LocalOpName> = { X: 'x', Y: 'y', Z: 'z' };

/** Relative size below which the imaginary part of a real quantity is rounding noise. */
const REAL_TOLERANCE = 1e-12;

/**
 * Lowers an exact model to the numeric problem format at coupling gain K_c: every exact value
 * becomes a double once (exact → numeric is one-way). Terms are the Pauli expansion
 * Σ_s c_s ⊗_q P_{s,q}, listing only non-identity factors, ordered as `PauliSum.terms()`.
 * Parameter values: the model's exact values, overridden by `params`; a parameter left without a
 * value is a `UserError` naming it.
 * @example lowerModel(parseModel('name: a\nqubits: 1\ngraph: complete\nhamiltonian: sz(1)\ninitial: {product: ["|0><0|"]}\n'), 1).hamiltonian // => [{"coef":[1,0],"ops":{"1":"z"}}]
 */
export function lowerModel(model: NetworkModel, Kc: number, params: Readonly<Record<string, number>> = {}): LoweredModel {
  if (!Number.isFinite(Kc) || Kc <= 0) throw new UserError(`the coupling gain K_c must be a positive number (got ${Kc})`, { file: model.source.file, field: 'study.Kc' });
  const values: Record<string, number> = {};
  for (const [k, v] of model.parameters) values[k] = v.toComplex()[0];
  Object.assign(values, params);
  const missing = model.declaredParameters.filter((p) => values[p] === undefined || !Number.isFinite(values[p]));
  const used = new Set<string>([
    ...model.hamiltonian.freeParams(),
    ...model.lindblad.flatMap((l) => [...l.operator.freeParams(), ...l.rate.freeParams()]),
    ...model.graph.edges.flatMap((e) => e.weight.freeParams()),
  ]);
  const unbound = missing.filter((p) => used.has(p));
  if (unbound.length > 0) {
    throw new UserError(`the symbolic parameter${unbound.length > 1 ? 's' : ''} ${unbound.join(', ')} ha${unbound.length > 1 ? 've' : 's'} no value, so the model cannot be lowered to numbers`,
      { file: model.source.file, field: 'parameters' }, `give ${unbound.length > 1 ? 'them values' : 'it a value'} under parameters: (e.g. ${unbound[0]}: 1/2)`);
  }
  const real = (s: Scalar, what: string): number => {
    const [re, im] = s.toComplex(values);
    if (Math.abs(im) > REAL_TOLERANCE * Math.max(1, Math.abs(re))) throw new UserError(`${what} is not real at the given parameter values (${re} + ${im}i)`, { file: model.source.file });
    return re;
  };
  return {
    n: model.qubits,
    hamiltonian: lowerTerms(model.hamiltonian, values),
    lindblad: model.lindblad.map((l, idx) => ({ rate: real(l.rate, `the rate of lindblad[${idx}]`), terms: lowerTerms(l.operator, values) })),
    edges: model.graph.edges.map((e) => [e.j, e.k, real(e.weight, `the weight of edge {${e.j}, ${e.k}}`)] as [number, number, number]),
    Kc,
  };
}

function lowerTerms(p: PauliSum, values: Readonly<Record<string, number>>): NumericTerm[] {
  return p.terms().map((t) => {
    const ops: Record<string, LocalOpName> = {};
    [...t.letters].forEach((l, q) => {
      if (l !== 'I') ops[String(q + 1)] = LETTER_OP[l];
    });
    return { coef: t.coef.toComplex(values), ops };
  });
}
