/**
 * `qutipExport(model)`: the facts of a standalone QuTiP script for a model — H, the Lindblad channels
 * and the SWAP coupling lowered to doubles, ρ(0), the study's K_c and time grid, and the verdicts
 * (separability, connectivity) that decide which figure metrics the script computes — and
 * `qutipScript(model)`, the script's text (rendered by report/qutip-script.ts). Browser-safe: the CLI
 * writes the file (`qblend export FILE --to qutip`).
 *
 * Operators are written with the paper's ladder operators where that is what they are
 * (`ladderExpansion`, exact, before lowering): `sm(1)` reaches the script as σ₋^(1), not as
 * (σx^(1) + iσy^(1))/2, so the script's one mapping of the paper's σ± to QuTiP's names is what a
 * decay channel goes through.
 */
import { Scalar } from '../algebra/scalar.ts';
import type { PauliSum } from '../algebra/pauli.ts';
import type { ComplexPair, LocalOpName, NumericTerm } from '../core/lowered-model.ts';
import { isConnected } from '../model/graph.ts';
import { lowerModel } from '../model/lower.ts';
import { stateOperator, type NetworkModel } from '../model/network.ts';
import { checkSeparability } from '../reduced/separability.ts';
import { parameterValues } from '../simulate/lowering.ts';
import { studyGains, studyTimes } from '../simulate/simulate.ts';
import { renderQutipScript, type QutipExportFacts } from '../report/qutip-script.ts';
import { GENERATOR } from './derive.ts';

/** A Pauli factor in the ladder basis: X = σ₊ + σ₋, Y = iσ₊ − iσ₋ (coefficients of σ₊ and σ₋). */
const LADDER: Record<'X' | 'Y', readonly [Scalar, Scalar]> = {
  X: [Scalar.ONE, Scalar.ONE],
  Y: [Scalar.I, Scalar.I.neg()],
};

/** The ladder expansion of Pauli strings that share their X/Y positions: Σ c_s P_s with σ₊, σ₋ for X, Y. */
function toLadder(group: readonly { letters: string; coef: Scalar }[]): [string, Scalar][] {
  const acc = new Map<string, Scalar>();
  for (const { letters, coef } of group) {
    let partial: [string, Scalar][] = [['', coef]];
    for (const l of letters) {
      if (l === 'X' || l === 'Y') {
        const [plus, minus] = LADDER[l];
        partial = partial.flatMap(([s, c]) => [[`${s}+`, c.mul(plus)], [`${s}-`, c.mul(minus)]] as [string, Scalar][]);
      } else {
        partial = partial.map(([s, c]) => [s + l, c]);
      }
    }
    for (const [s, c] of partial) acc.set(s, (acc.get(s) ?? Scalar.ZERO).add(c));
  }
  return [...acc].filter(([, c]) => !c.isZero());
}

/**
 * The operator Σ_s c_s P_s as (letters, coefficient) pairs, letters in I, X, Y, Z, +, −: the Pauli
 * strings that share their X/Y positions (and their I/Z letters) are rewritten exactly with σ₊, σ₋
 * (X = σ₊ + σ₋, Y = i(σ₊ − σ₋)) when that takes no more terms — σ₋ = (X + iY)/2 becomes one term,
 * XX + YY the flip-flop 2(σ₊σ₋ + σ₋σ₊), while a lone X stays X. First-seen order.
 * @example ladderExpansion(PauliSum.local(1, 1, '-')).map(([l, c]) => `${c}${l}`) // => ['1-']
 */
export function ladderExpansion(p: PauliSum): [string, Scalar][] {
  const groups = new Map<string, { letters: string; coef: Scalar }[]>();
  for (const t of p.terms()) {
    const key = t.letters.replace(/[XY]/g, '*');
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()].flatMap((g) => {
    const ladder = toLadder(g);
    return ladder.length <= g.length ? ladder : g.map((t): [string, Scalar] => [t.letters, t.coef]);
  });
}

const LETTER_OP: Record<string, LocalOpName> = { X: 'x', Y: 'y', Z: 'z', '+': '+', '-': '-' };

/** Ladder terms lowered to doubles: each qubit's non-identity factor named as in `LoweredModel`. */
function ladderTerms(p: PauliSum, values: Readonly<Record<string, number>>): NumericTerm[] {
  return ladderExpansion(p).map(([letters, c]) => {
    const ops: Record<string, LocalOpName> = {};
    [...letters].forEach((l, q) => {
      if (l !== 'I') ops[String(q + 1)] = LETTER_OP[l];
    });
    return { coef: c.toComplex(values), ops };
  });
}

/**
 * The facts of the QuTiP script of a model (every parameter must have a value).
 * @example qutipExport(parseModel('name: two\nqubits: 2\ngraph: complete\nhamiltonian: sz(1)\nlindblad: [{operator: sm(1)}]\ninitial: {product: ["|0><0|", "|1><1|"]}\n')).lindblad[0].terms // => [{"coef":[1,0],"ops":{"1":"-"}}]
 */
export function qutipExport(model: NetworkModel): QutipExportFacts {
  const values = parameterValues(model);
  // Validates that every used parameter has a value and every rate and weight is real.
  const lowered = lowerModel(model, 1);
  const verdict = checkSeparability(model);
  const n = model.qubits;
  let initial: QutipExportFacts['initial'];
  if (model.initial.kind === 'product') {
    initial = {
      kind: 'product',
      factors: model.initial.factors.map((f) => [0, 1].map((r) => [0, 1].map((c) => f.get(r, c).toComplex(values)))),
    };
  } else {
    initial = {
      kind: 'entries',
      entries: stateOperator(model.initial).entries().map((e) => [parseInt(e.row, 2), parseInt(e.col, 2), e.value.toComplex(values)] as [number, number, ComplexPair]),
    };
  }
  return {
    generator: GENERATOR,
    model: model.name,
    title: model.title,
    file: model.source.file,
    n,
    hamiltonian: ladderTerms(model.hamiltonian, values),
    lindblad: model.lindblad.map((l, k) => ({
      rate: lowered.lindblad[k].rate,
      terms: ladderTerms(l.operator, values),
      qubit: verdict.separable ? verdict.channelQubit[k] ?? null : null,
    })),
    edges: lowered.edges,
    Kc: studyGains(model, values),
    times: studyTimes(model, values),
    initial,
    separable: verdict.separable,
    connected: isConnected(model.graph),
  };
}

/**
 * The standalone QuTiP script of a model (what `qblend export FILE --to qutip` writes).
 * @example qutipScript(parseModel('name: two\nqubits: 2\ngraph: complete\nhamiltonian: sz(1)\nlindblad: [{operator: sm(1)}]\ninitial: {product: ["|0><0|", "|1><1|"]}\n')).includes('"-": qutip.sigmap(),  # the paper\'s σ₋ = |0⟩⟨1|') // => true
 */
export function qutipScript(model: NetworkModel): string {
  return renderQutipScript(qutipExport(model));
}
