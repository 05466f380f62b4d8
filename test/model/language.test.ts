import { describe, expect, it } from 'vitest';
import { Scalar } from '../../src/algebra/scalar.ts';
import { parseModel } from '../../src/model/parse.ts';
import { stateOperator, substituteParameters, type NetworkModel } from '../../src/model/network.ts';
import { modelJson } from '../../src/model/model-json.ts';
import { studyGains, studyTimes } from '../../src/simulate/simulate.ts';
import { deriveReduced } from '../../src/reduced/derive.ts';
import { add, c, embed, kron, maxAbsDiff, mul, P0, P1, scale, SM, SX, SY, SZ, type CM } from '../support/model-oracle.ts';
import { errorOf } from '../support/user-error.ts';

/**
 * The model language of issue 24: indexed parameters, per-qubit channels (`for:`), sums over the
 * graph's edges with a(j, k), kets, and the warning for `d_j` inside `sum(j, …)`. Each form is
 * compared with an independent truth (the float Kronecker oracle or the same model written out by
 * hand), and each misuse is one located error.
 */
const TOL = 1e-12;

function file(fields: Record<string, string>): string {
  const all: Record<string, string> = {
    name: 'm', qubits: '4', graph: 'path', hamiltonian: 'sz(1)', initial: "{product: ['|0><0|', '|0><0|', '|0><0|', '|0><0|']}", ...fields,
  };
  return Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}


/** H at the file's parameter values, as complex rows. */
function hamiltonianRows(m: NetworkModel): CM {
  return substituteParameters(m).hamiltonian.toMatrix().toComplexRows();
}

const sum = (ms: CM[]): CM => add(...ms);

describe('indexed parameters', () => {
  const delta = [1, 1 / 2, -1 / 3, 1 / 4];
  it('sum(j, delta[j]*sz(j)) is Σ_j δ_j σ_z^(j) with δ = (1, 1/2, −1/3, 1/4)', () => {
    const m = parseModel(file({ parameters: '{delta: [1, 1/2, -1/3, 1/4]}', hamiltonian: "'sum(j, delta[j]*sz(j))'" }));
    const oracle = sum(delta.map((d, j) => scale(d, embed(SZ, j + 1, 4))));
    expect(maxAbsDiff(hamiltonianRows(m), oracle)).toBeLessThan(TOL);
    expect(m.declaredParameters).toEqual(['delta_1', 'delta_2', 'delta_3', 'delta_4']);
    expect(m.parameters.get('delta_3')?.equals(Scalar.rational(-1, 3))).toBe(true);
  });
  it('entries may be symbolic (symbolic or ~) and stay parameters of H', () => {
    const m = parseModel(file({ parameters: '{d: [1, symbolic, ~, 2]}', hamiltonian: "'d[2]*sz(2) + d[3]*sz(3) + d[4]*sz(4)'" }));
    expect([...m.parameters.keys()].sort()).toEqual(['d_1', 'd_4']);
    expect(substituteParameters(m).hamiltonian.freeParams()).toEqual(['d_2', 'd_3']);
  });
  it('an index past the list is located at the index, naming the binding', () => {
    const e = errorOf(file({ parameters: '{delta: [1, 2, 3, 4]}', hamiltonian: "'sum(j, delta[j+1]*sz(j))'" }));
    expect(e.format()).toBe('f.yaml:4:28: hamiltonian: delta[5] (with j = 4) is out of range: delta has entries delta[1]..delta[4] — the list delta under parameters: has 4 entries');
  });
  it('the list has one entry per qubit', () => {
    expect(errorOf(file({ parameters: '{delta: [1, 2, 3]}' })).format()).toMatch(
      /^f\.yaml:6:21: parameters\.delta: the indexed parameter 'delta' has 3 entries but the model has 4 qubits — give one entry per qubit/);
  });
  it('misuses are located errors', () => {
    expect(errorOf(file({ parameters: '{delta: [1, 2, 3, 4]}', hamiltonian: "'delta*sz(1)'" })).message).toBe("'delta' is an indexed parameter with 4 entries: write delta[j] for entry j");
    expect(errorOf(file({ parameters: '{w: 1}', hamiltonian: "'w[1]*sz(1)'" })).message).toBe("'w' is a parameter with one value, not a list: w[…] has no entries");
    const typo = errorOf(file({ parameters: '{delta: [1, 2, 3, 4]}', hamiltonian: "'sum(j, delta_j*sz(j))'" }));
    expect(typo.format()).toBe("f.yaml:4:22: hamiltonian: unknown name 'delta_j' — did you mean delta[j], entry j of the indexed parameter delta?");
    expect(errorOf(file({ hamiltonian: "'sum(j, d_j*sz(j))'" })).hint).toBe(
      'for one value per qubit declare d: [value for qubit 1, …] under parameters: and write d[j]; for one value shared by every j, declare d_j');
    expect(errorOf(file({ parameters: '{delta: [1, 2, 3, 4], delta_2: 5}' })).format()).toMatch(
      /^f\.yaml:6:35: parameters\.delta_2: 'delta_2' is declared twice: entry 2 of the indexed parameter delta \(delta\[2\]\) and a parameter/);
    expect(errorOf(file({ parameters: '{d_x: [1, 2, 3, 4]}' })).message).toBe("invalid name 'd_x' for an indexed parameter");
    expect(errorOf(file({ parameters: '{d: [1, i, 3, 4]}' })).format()).toMatch(/^f\.yaml:6:\d+: parameters\.d\[1\]: the value of parameter 'd\[2\]' must be a real constant \(got i\)/);
    expect(errorOf(file({ parameters: '{d: [1, [2], 3, 4]}' })).location.field).toBe('parameters.d[1]');
  });
});

describe('per-qubit channels: for:', () => {
  const lindblad = (entries: string): string => `\n${entries}`;
  it('{operator: sm(j), rate: gamma[j], for: j} is one channel per qubit; a zero rate drops its channel', () => {
    const m = parseModel(file({
      parameters: '{gamma: [1/2, 0, 1/4, 1/10]}',
      lindblad: lindblad("  - {operator: sm(j), rate: 'gamma[j]', for: j}"),
    }));
    expect(m.lindblad).toHaveLength(3);
    const bound = substituteParameters(m);
    const expected: [number, number][] = [[1, 1 / 2], [3, 1 / 4], [4, 1 / 10]];
    expected.forEach(([q, g], l) => {
      expect(maxAbsDiff(bound.lindblad[l].operator.toMatrix().toComplexRows(), embed(SM, q, 4))).toBe(0);
      expect(bound.lindblad[l].rate.toComplex()[0]).toBeCloseTo(g, 15);
    });
    expect(m.lindblad.map((l) => [l.operatorText, l.rateText])).toEqual([['sm(1)', 'gamma[1]'], ['sm(3)', 'gamma[3]'], ['sm(4)', 'gamma[4]']]);
  });
  it('block style needs no quotes, and for: "j=2..n" starts at qubit 2', () => {
    const m = parseModel(file({ lindblad: lindblad('  - operator: sz(j)\n    rate: j/10\n    for: "j=2..n"\n    label: dephasing') }));
    expect(m.lindblad.map((l) => [l.operatorText, l.rate.toString(), l.label])).toEqual([
      ['sz(2)', '1/5', 'dephasing (j = 2)'], ['sz(3)', '3/10', 'dephasing (j = 3)'], ['sz(4)', '2/5', 'dephasing (j = 4)'],
    ]);
  });
  it('pairs and edges: for: "j<k" gives n(n−1)/2 channels, for: "{j,k} in edges" one per edge with rate a(j,k)', () => {
    expect(parseModel(file({ lindblad: lindblad("  - {operator: 'sm(j) sm(k)', for: 'j<k'}") })).lindblad).toHaveLength(6);
    const m = parseModel(file({ graph: '{edges: [[1, 2, 1/2], [2, 4, 3]]}', lindblad: lindblad("  - {operator: 'sz(j) sz(k)', rate: 'a(j,k)', for: '{j,k} in edges'}") }));
    expect(m.lindblad.map((l) => [l.operatorText, l.rate.toString()])).toEqual([['sz(1)*sz(2)', '1/2'], ['sz(2)*sz(4)', '3']]);
  });
  it('errors name the index value', () => {
    expect(errorOf(file({ lindblad: lindblad("  - {operator: sm(j), for: 'j=0..n'}") })).format()).toBe(
      'f.yaml:7:31: lindblad[0].for: the index j = 0 of for: is out of range 1..4 — a for: index names qubits, numbered 1..4');
    expect(errorOf(file({ lindblad: lindblad("  - {operator: sm(j), for: 'j=1..5'}") })).message).toBe('the index j = 5 of for: is out of range 1..4');
    expect(errorOf(file({ parameters: '{g: [1, 1, -1, 1]}', lindblad: lindblad("  - {operator: sm(j), rate: 'g[j]', for: j}") })).format()).toMatch(
      /^f\.yaml:8:29: lindblad\[0\]\.rate: the rate -1 \(with j = 3\) is negative/);
    expect(errorOf(file({ lindblad: lindblad("  - {operator: 'sm(j+1)', for: j}") })).message).toBe('qubit index 5 (with j = 4) is out of range 1..4');
    expect(errorOf(file({ lindblad: lindblad("  - {operator: sm(j), for: 'j, k'}") })).message).toBe("unexpected ',' after the index");
    expect(errorOf(file({ parameters: '{j: 1}', lindblad: lindblad('  - {operator: sm(j), for: j}') })).message).toBe("index variable 'j' has the name of a declared parameter");
  });
  it('an empty range is a warning, not an error', () => {
    const m = parseModel(file({ lindblad: lindblad("  - {operator: sm(j), for: 'j=3..2'}") }));
    expect(m.lindblad).toHaveLength(0);
    expect(m.warnings.map((w) => w.message)).toEqual(['for: j=3..2 takes no value, so this entry gives no channel']);
  });
  it('an unquoted gamma[j] inside { … } is a YAML error in our words, with the fix', () => {
    expect(errorOf(file({ lindblad: lindblad('  - {operator: sm(j), rate: gamma[j], for: j}') })).format()).toBe(
      "f.yaml:7:34: (document): YAML cannot read gamma[…] unquoted inside a { … } or [ … ] collection — quote the expression, e.g. rate: 'gamma[j]', or write the entry as indented key: value lines");
  });
});

describe('sums over the edges of the declared graph', () => {
  const XX = "'sum({j,k} in edges, a(j,k) * (sx(j) sx(k) + sy(j) sy(k)))'";
  it('equal Σ_{j<k} a_jk (σx σx + σy σy) on a weighted ring, built from Kronecker products', () => {
    const edges: [number, number, number][] = [[1, 2, 1], [2, 3, 1 / 2], [3, 4, 2], [1, 4, 3 / 2]];
    const m = parseModel(file({ graph: '{edges: [[1, 2, 1], [2, 3, 1/2], [3, 4, 2], [4, 1, 3/2]]}', hamiltonian: XX }));
    const oracle = sum(edges.map(([j, k, w]) => scale(w, add(mul(embed(SX, j, 4), embed(SX, k, 4)), mul(embed(SY, j, 4), embed(SY, k, 4))))));
    expect(maxAbsDiff(hamiltonianRows(m), oracle)).toBeLessThan(TOL);
  });
  it('a(j, k) is the weight of {j, k} in either order, 0 for a non-edge; symbolic weights stay symbolic', () => {
    const m = parseModel(file({ parameters: '{w: symbolic}', graph: '{edges: [[1, 2, w], [2, 3, 1/3]]}', hamiltonian: "'a(2,1)*sz(1) + a(3,2)*sz(2) + a(1,3)*sz(3)'" }));
    expect(m.hamiltonian.terms().map((t) => [t.letters, t.coef.toString()])).toEqual([['ZIII', 'w'], ['IZII', '1/3']]);
  });
  it('edge sums count toward the term limit', () => {
    const n = 60;
    const text = file({
      qubits: String(n), graph: 'complete', hamiltonian: "'sum({j,k} in edges, sum(l=1..100, j*sz(1)))'",
      initial: JSON.stringify({ product: Array(n).fill('|0><0|') }),
    });
    expect(errorOf(text).message).toBe('the sums of this expression expand to more than 100,000 terms');
  });
  it('misuses are located errors', () => {
    expect(errorOf(file({ hamiltonian: "'a(1,5)*sz(1)'" })).format()).toMatch(/^f\.yaml:4:19: hamiltonian: qubit index 5 is out of range 1\.\.4/);
    expect(errorOf(file({ hamiltonian: "'sum({j,k} in graph, sz(j))'" })).message).toBe("{j,k} runs over the graph's edges: write {j,k} in edges");
    expect(errorOf(file({ hamiltonian: "'sum({j,j} in edges, sz(j))'" })).message).toBe('the two index variables must differ (got j and j)');
    expect(errorOf(file({ parameters: "{w: 'a(1,2)'}" })).format()).toBe(
      'f.yaml:6:18: parameters.w: a(j, k) refers to the graph, which is not in scope here — use edge weights and edge sums in hamiltonian:, lindblad: and initial:');
    expect(errorOf(file({ graph: "{edges: [[1, 2, 'a(1,2)']]}" })).location.field).toBe('graph.edges[0][2]');
  });
});

describe('kets', () => {
  it('initial: {ket: "(|0011> + |1100>)/sqrt(2)"} is |ψ⟩⟨ψ|', () => {
    const m = parseModel(file({ initial: '{ket: "(|0011> + |1100>)/sqrt(2)"}' }));
    const psi = (r: string, k: string): number => (['0011', '1100'].includes(r) && ['0011', '1100'].includes(k) ? 1 / 2 : 0);
    const rho = stateOperator(m.initial);
    for (const r of ['0011', '1100', '0000']) for (const k of ['0011', '1100', '0000']) expect(rho.get(r, k).toComplex()[0]).toBeCloseTo(psi(r, k), 15);
    expect(rho.entryCount()).toBe(4);
    expect(m.initial.kind === 'sparse' && m.initial.latex).toBe('|\\psi\\rangle\\langle \\psi|,\\quad |\\psi\\rangle = \\frac{|0011\\rangle + |1100\\rangle}{\\sqrt{2}}');
  });
  it('normalisation is decided exactly, and the message says what ⟨ψ|ψ⟩ is', () => {
    expect(errorOf(file({ initial: '{ket: "|0011> + |1100>"}' })).format()).toBe(
      'f.yaml:5:16: initial.ket: the initial ket is not normalised: ⟨ψ|ψ⟩ = 2, not 1 — divide it by sqrt(2), or fix the coefficients so that the squared moduli sum to 1');
    expect(errorOf(file({ initial: '{ket: "(|0011> + |1100>)/2"}' })).message).toBe('the initial ket is not normalised: ⟨ψ|ψ⟩ = 1/2, not 1');
    expect(errorOf(file({ initial: '{ket: "|0011> - |0011>"}' })).hint).toMatch(/amplitudes cancel/);
    // |+⟩ = (|0⟩ + |1⟩)/√2 is normalised; (|++00> + |0011>)/sqrt(2) is not orthogonal: ⟨ψ|ψ⟩ = 1.
    expect(parseModel(file({ initial: '{ket: "(sqrt(3)|+000> + i|-111>)/2"}' })).initial.kind).toBe('sparse');
  });
  it('ket factors of a product: |0>, |+>, |1>, |-> are the projectors |0⟩⟨0|, |+⟩⟨+|, |1⟩⟨1|, |−⟩⟨−|', () => {
    const m = parseModel(file({ initial: "{product: ['|0>', '|+>', '|1>', '(|0> - |1>)/sqrt(2)']}" }));
    const plus = scale(0.5, [[c(1), c(1)], [c(1), c(1)]]);
    const minus = scale(0.5, [[c(1), c(-1)], [c(-1), c(1)]]);
    expect(maxAbsDiff(m.initial.toMatrix().toComplexRows(), kron(kron(kron(P0, plus), P1), minus))).toBeLessThan(TOL);
    const same = parseModel(file({ initial: "{product: ['|0>', '|+>', '|1>', '|->']}" }));
    expect(maxAbsDiff(same.initial.toMatrix().toComplexRows(), m.initial.toMatrix().toComplexRows())).toBeLessThan(TOL);
    expect(errorOf(file({ initial: "{product: ['|0>', '|0> + |1>', '|1>', '|->']}" })).format()).toMatch(
      /^f\.yaml:5:28: initial\.product\[1\]: factor 2 of the product \(qubit 2\) is not normalised: ⟨ψ\|ψ⟩ = 2, not 1/);
  });
  it('a ket where an operator belongs, and an operator where a ket belongs, are located errors', () => {
    expect(errorOf(file({ hamiltonian: "'|0000>'" })).format()).toBe('f.yaml:4:15: hamiltonian: the ket |0000> is a state, not an operator — write the projector |0000><0000| or a transition |a><b|');
    expect(errorOf(file({ initial: '{state: "|0000>"}' })).message).toBe('the initial state is a ket |ψ>, not an operator');
    expect(errorOf(file({ initial: '{ket: "|0000><0000|"}' })).message).toMatch(/must be a ket .* but this is an operator/);
    expect(errorOf(file({ initial: '{ket: "|001>"}' })).message).toBe('the ket |001> has 3 qubit labels, but the model has 4 qubits');
    expect(errorOf(file({ initial: '{ket: "|0000> + |0000><0000|"}' })).message).toBe('cannot add an operator to a ket');
    expect(errorOf(file({ initial: '{ket: "sx(1) |0000>"}' })).message).toMatch(/^cannot multiply an operator by a ket/);
  });
  it('a ket on more than 256 basis states is refused before it is expanded', () => {
    const n = 9;
    const text = file({ qubits: String(n), initial: `{ket: "|${'+'.repeat(n)}>"}` });
    expect(errorOf(text).message).toBe('this ket has amplitude on 2^9 basis states, more than the limit of 256');
  });
});

describe('a parameter named like an indexed one inside a sum is a warning', () => {
  it("d_j inside sum(j, …) warns at d_j and suggests d[j]; the model is still valid", () => {
    const m = parseModel(file({ parameters: '{d_j: 1}', hamiltonian: "'sum(j, d_j*sz(j))'" }), 'f.yaml');
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0].location).toEqual({ file: 'f.yaml', field: 'hamiltonian', line: 4, column: 22 });
    expect(m.warnings[0].message).toBe("'d_j' is one parameter, the same for every j, although j is an index variable here — for one value per qubit declare d: [value for qubit 1, …] under parameters: and write d[j]");
  });
  it('no warning where the subscript is not a bound variable; a for: index counts as bound', () => {
    expect(parseModel(file({ parameters: '{d_j: 1}', hamiltonian: "'sum(k, d_j*sz(k))'" })).warnings).toEqual([]);
    const m = parseModel(file({ parameters: '{g_j: 1}', lindblad: "\n  - {operator: sm(j), rate: g_j, for: j}" }));
    expect(m.warnings.map((w) => w.location.field)).toEqual(['lindblad[0].rate']);
  });
});

describe('limits of the new forms', () => {
  it('the channels of one for: entry share the term limit with the sums inside them', () => {
    const n = 12;
    const base = { qubits: String(n), graph: 'complete', initial: JSON.stringify({ product: Array(n).fill('|0><0|') }) };
    // 132 ordered pairs × (a sum of 800 terms + the expression's nodes) > 100,000, though each channel alone is far below.
    expect(errorOf(file({ ...base, lindblad: "[{operator: 'sum(l=1..800, sm(j) sm(k))', for: 'j!=k'}]" })).format()).toBe(
      'f.yaml:6:24: lindblad[0].operator: the sums of the 132 channels of this for: entry expand to more than 100,000 terms — narrow the index range (qubits are numbered 1..n)');
    // 132 channels of 999 terms (about 3,000 nodes) each: the expansion itself is refused, at for:.
    const long = Array(999).fill('sm(j)').join(' + ');
    expect(errorOf(file({ ...base, lindblad: `[{operator: '${long}', for: 'j!=k'}]` })).message).toMatch(/^this for: entry expands to more than 100,000 terms \(132 channels of 2,99\d expression nodes each/);
    // The same pairs with a plain operator stay within it.
    expect(parseModel(file({ ...base, lindblad: "[{operator: 'sm(j) sm(k)', for: 'j!=k'}]" })).lindblad).toHaveLength(n * (n - 1));
  });
});

describe('kets and ket-bras are bounded before they are expanded (they count toward the term limit)', () => {
  it('a ket-bra with 22 labels + is refused at once; many wide ket-bras in a sum meet the term limit', () => {
    const n = 22;
    const plus = '+'.repeat(n);
    const base = { qubits: String(n), initial: `{state: '|${plus}><${plus}|'}` };
    expect(errorOf(file(base)).format()).toBe(
      `f.yaml:5:19: initial.state: one side of the ket-bra |${plus.slice(0, 12)}…><…| spans 2^22 basis states, more than the limit of 256 — write ρ(0) as a product of single-qubit factors (initial.product), which may be kets such as |+>`);
    const z = '0'.repeat(16);
    const e = errorOf(file({ qubits: '16', initial: `{state: '|${z}><${z}|'}`, hamiltonian: `'sum(j=1..100000, |${z}><${z}|)'` }));
    expect(e.message).toBe('the sums and ket-bras of this expression expand to more than 100,000 terms (a ket-bra counting its 2^16 Pauli strings)');
    const w = `${'+'.repeat(8)}${'0'.repeat(8)}`;
    expect(errorOf(file({ qubits: '16', initial: `{state: 'sum(j=1..1000, |${w}><${w}|)/1000'}` })).message).toBe(
      'the sums and ket-bras of this expression expand to more than 100,000 terms (a ket-bra counting its entries)');
  });
});

describe('the JSON study is the study that runs', () => {
  it('without a study block: the gains, window and grid the simulation and the theorems use, each named as a default', () => {
    const m = parseModel(file({}));
    const j = modelJson(m).study;
    expect(j.Kc.map((k) => k.value?.[0])).toEqual(studyGains(m));
    const t = studyTimes(m);
    expect([j.time.start.value?.[0], j.time.end.value?.[0], j.time.steps]).toEqual([t[0], t[t.length - 1], t.length]);
    const reduced = deriveReduced(m);
    expect([j.T1.exact, j.T2.exact]).toEqual([reduced.T1.toString(), reduced.T2.toString()]);
    expect(j.defaults).toEqual(['Kc', 'T1', 'T2', 'time']);
  });
  it('with a study block: the file\'s values, and only the rest by default', () => {
    const m = parseModel(file({ study: '{Kc: [2, 3], T2: 20, time: {end: 5, steps: 11}}' }));
    const j = modelJson(m).study;
    expect(j.Kc.map((k) => k.exact)).toEqual(['2', '3']);
    expect(j.Kc.map((k) => k.value?.[0])).toEqual(studyGains(m));
    expect([j.T1.exact, j.T2.exact, j.time.end.exact, j.time.steps]).toEqual(['1', '20', '5', 11]);
    expect(studyTimes(m)).toHaveLength(11);
    expect(j.defaults).toEqual(['T1']);
  });
});
