/**
 * The conventions every report states (a summary of shared/CONVENTIONS.md), as data so that the
 * JSON output, the LaTeX and the HTML say the same thing.
 */
export const CONVENTIONS = {
  units: 'hbar = 1',
  basis: '|0> = (1, 0)^T, |1> = (0, 1)^T; sigma_z = diag(1, -1)',
  sigmaPlus: 'sigma_+ = [[0, 0], [1, 0]] = |1><0| (the paper, section 2.4; QuTiP sigmap() is the paper\'s sigma_-)',
  sigmaMinus: 'sigma_- = [[0, 1], [0, 0]] = |0><1|',
  qubitOrder: 'qubit 1 is the leftmost tensor factor; the basis index of |q1...qn> is sum_j q_j 2^(n-j) (big-endian)',
  embedding: 'sigma^(j) = I x ... x sigma x ... x I with sigma in slot j',
  swap: 'U_jk swaps qubits j and k; real symmetric involution, so D(U_jk) rho = U_jk rho U_jk - rho',
  bloch: 'rho = (I + x sigma_x + y sigma_y + z sigma_z)/2',
  masterEquation: 'd rho/dt = -i[H, rho] + sum_l gamma_l D(L_l) rho + K_c sum_{{j,k} in E} a_jk D(U_jk) rho, each edge counted once',
  dissipator: 'D(L) rho = L rho L^dagger - (L^dagger L rho + rho L^dagger L)/2',
  vec: 'column stacking: vec(A X B) = (B^T kron A) vec(X); |l><l\'| sits at vec index l + 2^n l\'',
  liouvillian: 'A = -i(I kron H - H^T kron I) + sum_l gamma_l (conj(L_l) kron L_l - (I kron L_l^dagger L_l)/2 - ((L_l^dagger L_l)^T kron I)/2)',
  coupling: 'K_c sum a_jk (U_jk kron U_jk - I) = -K_c Q_d with Q_d >= 0 the Laplacian of the induced graph',
  laplacian: 'Q_jj = sum_k a_jk, Q_jk = -a_jk; lambda_m(Q) is the smallest nonzero eigenvalue',
  blendedGenerator: 'Lbar = (1/n) sum_j L_j, the average of the local generators (paper eq. 9 and proofs), not D of the averaged operator',
  norms: '||.||_F Frobenius; ||.|| spectral norm (largest singular value) in the vec convention',
  numbers: 'exact values are printed exactly; numeric values are IEEE doubles, labelled numeric',
} as const;
