/** Model files shared by the reduced-state and theorem tests (paper Example 1, eqs. 8–9). */
export const EXAMPLE_1 = `
name: example-1
qubits: 3
graph: complete
hamiltonian: sz(1)
lindblad:
  - operator: sm(2)
  - operator: sqrt(3)*sp(3)
initial:
  product: ['|0><0|', 'I/2', '|1><1|']
study:
  Kc: [1]
  eta: 0.05
paper:
  steadyState: [[2/3, -i/6], [i/6, 1/3]]
`;
