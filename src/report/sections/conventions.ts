/** Section 2: the conventions the derivation follows (CONVENTIONS.md) and where the paper differs. */
import { math, text, type Section } from '../document.ts';

export function conventionsSection(): Section {
  return {
    title: [text('Conventions')],
    label: 'sec:conventions',
    blocks: [
      { kind: 'paragraph', content: [text('Units with '), math('\\hbar = 1'), text('. Every formula below follows these conventions; where the paper is ambiguous or wrong, the difference is stated here and listed in the errata.')] },
      {
        kind: 'list',
        ordered: false,
        items: [
          [text('Basis: '), math('|0\\rangle = (1, 0)^T'), text(', '), math('|1\\rangle = (0, 1)^T'), text(', '), math('\\sigma_z = \\mathrm{diag}(1, -1)'), text('.')],
          [math('\\sigma_+ = |1\\rangle\\langle 0|'), text(' and '), math('\\sigma_- = |0\\rangle\\langle 1|'), text(", exactly as the paper's Section 2.4 writes them (QuTiP's sigmap() is the paper's "), math('\\sigma_-'), text(').')],
          [text('Qubit order: qubit 1 is the leftmost tensor factor; '), math('|q_1 q_2 \\cdots q_n\\rangle'), text(' has basis index '), math('l = \\sum_j q_j 2^{n-j}'), text(' (big-endian).')],
          [math('U_{jk}'), text(' is the SWAP of qubits j and k, a real symmetric involution, so '), math('\\mathcal{D}(U_{jk})\\rho = U_{jk}\\rho U_{jk} - \\rho'), text('.')],
          [text('Bloch vector: '), math('\\rho = \\tfrac12 (I + x\\sigma_x + y\\sigma_y + z\\sigma_z)'), text(" (the paper's footnote drops the "), math('\\tfrac12'), text(').')],
          [text('Vectorization stacks columns: '), math('\\mathrm{vec}(AXB) = (B^T \\otimes A)\\,\\mathrm{vec}(X)'), text(', and '), math('|l\\rangle\\langle l\'|'), text(' sits at index '), math('l + 2^n l\''), text('.')],
          [text('Liouvillian: '), math('A = -\\mathrm{i}(I \\otimes H - H^T \\otimes I) + \\sum_l \\gamma_l \\big(\\bar L_l \\otimes L_l - \\tfrac12 I \\otimes L_l^\\dagger L_l - \\tfrac12 (L_l^\\dagger L_l)^T \\otimes I\\big)'), text(' with '), math('\\bar L'), text(' the entrywise conjugate.')],
          [text('Coupling: '), math('K_c \\sum a_{jk}(U_{jk} \\otimes U_{jk} - I) = -K_c Q_d'), text(' with '), math('Q_d \\succeq 0'), text(' the Laplacian of the induced graph.')],
          [math('P_d'), text(' has orthonormal columns '), math('[p_m]_k = 1/\\sqrt{|V_m|}'), text(' for '), math('k \\in V_m'), text(', so '), math('P_d P_d^T \\mathrm{vec}(\\rho) = \\mathrm{vec}(\\mathcal{P}_*\\rho)'), text(' for a connected graph.')],
          [text('Norms: '), math('\\|\\cdot\\|_F'), text(' is the Frobenius norm; '), math('\\|\\cdot\\|'), text(' of an operator or superoperator is its spectral norm in the vec convention above.')],
          [text('Numbers: exact results are printed exactly (rationals, surds, i); numerically computed results are IEEE doubles, labelled numeric, printed to 6 significant digits unless stated.')],
        ],
      },
      { kind: 'paragraph', content: [text('Where the paper differs:')] },
      {
        kind: 'list',
        ordered: false,
        items: [
          [text('The Liouvillian formula below eq. 14 has the wrong signs and '), math('L^\\dagger'), text(' in place of '), math('\\bar L'), text('; it is wrong in either stacking convention.')],
          [text('Eq. 14 writes '), math('+K_c Q_d \\tilde y'), text('; with '), math('Q_d \\succeq 0'), text(' the coupling is '), math('-K_c Q_d \\tilde y'), text('.')],
          [text('The paper normalises '), math('[p_m]_k = 1/|V_m|'), text('; then '), math('P_d^T P_d \\neq I'), text(' and eq. 13 fails.')],
          [text("Definition 1 writes "), math('\\mathcal{D}(\\bar L_l)'), text(' with '), math('\\bar L_l'), text(' the averaged operator; '), math('\\mathcal{D}'), text(' is quadratic in L, so this differs from the average of generators '), math('\\bar{\\mathcal{L}} = \\frac1n \\sum_j \\mathcal{L}_j'), text(' used by Example 1 (eq. 9) and by the proofs. This report uses the average of generators and shows the literal form next to it.')],
        ],
      },
    ],
  };
}
