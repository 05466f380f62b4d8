import { describe, expect, it } from 'vitest';
import { PauliSum } from '../../src/algebra/pauli.ts';
import { Scalar } from '../../src/algebra/scalar.ts';
import { checkSeparability } from '../../src/reduced/separability.ts';
import { separabilityNoteText, separabilityReasonText, separabilityViolationText } from '../../src/report/sections/derivation-text.ts';

const loc = (n: number, j: number, op: 'x' | 'y' | 'z' | '+' | '-') => PauliSum.local(n, j, op);

describe('Assumption 1 (separability), decided exactly', () => {
  it('Example 1 is separable; identity components are harmless and noted', () => {
    const v = checkSeparability({
      qubits: 3,
      hamiltonian: loc(3, 1, 'z').add(PauliSum.identity(3)),
      lindblad: [{ operator: loc(3, 2, '-'), rate: Scalar.ONE }, { operator: loc(3, 3, '+').add(PauliSum.identity(3)), rate: Scalar.ONE }, { operator: PauliSum.identity(3), rate: Scalar.ONE }],
    });
    expect(v.separable).toBe(true);
    expect(v.channelQubit).toEqual([2, 3, null]);
    expect(v.notes.length).toBe(3);
    expect(v.notes).toEqual([
      { kind: 'hamiltonian-identity', coefficient: '1' },
      { kind: 'channel-identity-component', channelName: 'L₂', qubit: 3 },
      { kind: 'identity-channel', channelName: 'L₃' },
    ]);
    expect(separabilityNoteText(v.notes[0])).toMatch(/identity component/);
  });

  it('Example 3: names the coupling terms and the collective jump operator', () => {
    let H = PauliSum.zero(3);
    for (let j = 1; j <= 3; j++) H = H.add(loc(3, j, 'z'));
    for (let j = 1; j <= 3; j++) for (let k = j + 1; k <= 3; k++) H = H.add(loc(3, j, 'x').mul(loc(3, k, 'y')));
    let L = PauliSum.zero(3);
    for (let j = 1; j <= 3; j++) L = L.add(loc(3, j, '-'));
    const v = checkSeparability({ qubits: 3, hamiltonian: H, lindblad: [{ operator: L, rate: Scalar.ONE }] });
    expect(v.separable).toBe(false);
    const ham = v.violations.filter((x) => x.kind === 'hamiltonian-coupling');
    expect(ham.map((x) => x.term)).toEqual(['σx^(1)σy^(2)', 'σx^(1)σy^(3)', 'σx^(2)σy^(3)']);
    expect(separabilityViolationText(ham[0])).toMatch(/^σx\^\(1\)σy\^\(2\) couples qubits 1 and 2/);
    const coll = v.violations.find((x) => x.kind === 'collective-lindblad')!;
    expect(coll.term).toBe('σ₋^(1)ρσ₊^(2)');
    expect(separabilityViolationText(coll)).toMatch(/L₁ acts on qubits 1, 2 and 3 as a sum of local pieces \(collective\): D\(L₁\) has cross terms such as σ₋\^\(1\)ρσ₊\^\(2\)/);
    expect(separabilityReasonText(v)).toMatch(/§5/);
  });

  it('a genuinely two-qubit jump operator is named as such', () => {
    const v = checkSeparability({ qubits: 2, hamiltonian: PauliSum.zero(2), lindblad: [{ operator: PauliSum.string('ZZ'), rate: Scalar.ONE, label: 'L_zz' }] });
    expect(v.separable).toBe(false);
    expect(v.violations[0].kind).toBe('multi-qubit-lindblad');
    expect(v.violations[0].channelName).toBe('L_zz');
    expect(separabilityViolationText(v.violations[0])).toBe('L_zz contains σz^(1)σz^(2), which acts on qubits 1 and 2 jointly: it is not a single-qubit jump operator');
  });
});
