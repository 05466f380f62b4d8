import { PauliSum } from '../algebra/pauli.ts';
import { type CMatrix, add, conj, dagger, kron, identity, mul, scale, sub, transpose, matvecInto, vec as cvec } from '../numeric/cmatrix.ts';
import type { NetworkModel } from '../model/network.ts';
import { components as graphComponents } from '../model/graph.ts';
import { orbitCount, orbitIndex, orbitSizeBig, componentCountFormula } from './orbits.ts';
import type { Complex, GeneratorTerms } from './sandwich.ts';
import { permutationIndexMap, inducedGraph } from './induced-graph.ts';
import { seededRandom as prng } from '../core/random.ts';

/**
 * The paper's §5 and Appendix C–D formula errors, each re-derived and, where it is numeric,
 * demonstrated with a residual computed on the model at hand (or on a stated 2-qubit example when the
 * model is too large for dense matrices).
 */
export interface Erratum {
  readonly id: string;
  /** Where in the paper. */
  readonly location: string;
  /** What the paper states (plain text with inline $…$ LaTeX). */
  readonly stated: string;
  /** What is derived instead. */
  readonly derived: string;
  /** A numeric residual demonstrating the error (null for purely typographical ones). */
  readonly residual: number | null;
  /** What the residual measures. */
  readonly residualNote: string;
  readonly likelyCause: string;
}

/** Dense matrix of Σ coef·P_s from Pauli letters (qubit 1 = most significant bit). */
export function pauliTermsMatrix(n: number, terms: readonly { letters: string; coef: Complex }[]): CMatrix {
  const d = 2 ** n;
  const data = new Float64Array(2 * d * d);
  for (const t of terms) {
    for (let col = 0; col < d; col++) {
      let row = 0;
      let ph = 0;
      for (let q = 0; q < n; q++) {
        const b = (col >>> (n - 1 - q)) & 1;
        const L = t.letters[q];
        const nb = L === 'X' || L === 'Y' ? 1 - b : b;
        if (L === 'Y') ph += b === 0 ? 1 : 3;
        if (L === 'Z' && b === 1) ph += 2;
        row |= nb << (n - 1 - q);
      }
      const [pr, pi] = [[1, 0], [0, 1], [-1, 0], [0, -1]][ph & 3];
      data[2 * (row * d + col)] += t.coef[0] * pr - t.coef[1] * pi;
      data[2 * (row * d + col) + 1] += t.coef[0] * pi + t.coef[1] * pr;
    }
  }
  return { rows: d, cols: d, data };
}


function randomMatrix(d: number, seed: number): CMatrix {
  const r = prng(seed);
  const data = new Float64Array(2 * d * d);
  for (let i = 0; i < data.length; i++) data[i] = r() - 0.5;
  return { rows: d, cols: d, data };
}

/** Row stacking vec_r(X) (row-major storage is already row-stacked). */
function vecRows(x: CMatrix): Float64Array {
  return x.data.slice();
}

function residualRatio(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num) / Math.sqrt(den);
}

/** The A_d demonstration: relative residuals of the paper's formula in both stackings and of the correct one. */
export function paperGeneratorResiduals(n: number, g: GeneratorTerms<Complex>, seed = 17): { column: number; row: number; corrected: number } {
  const d = 2 ** n;
  const H = pauliTermsMatrix(n, g.hamiltonian);
  const I = identity(d);
  const rho = randomMatrix(d, seed);
  // True action 𝓛ρ = −i[H, ρ] + Σ γ (LρL† − ½{L†L, ρ}).
  let truth = scale(sub(mul(H, rho), mul(rho, H)), 0, -1);
  let Ap = scale(add(kron(H, I), kron(I, H)), 0, 1);
  let Ac = scale(sub(kron(I, H), kron(transpose(H), I)), 0, -1);
  for (const ch of g.channels) {
    const Lr = pauliTermsMatrix(n, ch.terms);
    const Ld = dagger(Lr);
    const LdL = mul(Ld, Lr);
    const g0 = ch.rate;
    const term = sub(mul(mul(Lr, rho), Ld), scale(add(mul(LdL, rho), mul(rho, LdL)), 0.5, 0));
    truth = add(truth, scale(term, g0[0], g0[1]));
    Ap = add(Ap, scale(sub(kron(Lr, Ld), scale(add(kron(LdL, I), kron(I, LdL)), 0.5, 0)), g0[0], g0[1]));
    Ac = add(Ac, scale(sub(kron(conj(Lr), Lr), scale(add(kron(I, LdL), kron(transpose(LdL), I)), 0.5, 0)), g0[0], g0[1]));
  }
  const apply = (M: CMatrix, v: Float64Array): Float64Array => matvecInto(new Float64Array(v.length), M, v);
  return {
    column: residualRatio(apply(Ap, cvec(rho)), cvec(truth)),
    row: residualRatio(apply(Ap, vecRows(rho)), vecRows(truth)),
    corrected: residualRatio(apply(Ac, cvec(rho)), cvec(truth)),
  };
}

/** ‖Σ a_jk D(U_jk)ρ − s·(−Q_d vec ρ)‖ for s = +1 (CONVENTIONS) and the paper's sign s = −1, n ≤ 6. */
function couplingSignResiduals(model: NetworkModel, rho: CMatrix): { correct: number; paper: number } {
  const n = model.qubits;
  const d = 2 ** n;
  // Σ a (UρU − ρ) from the permutation action directly (row-major ρ).
  const direct = new Float64Array(2 * d * d);
  for (const e of model.graph.edges) {
    const a = e.weight.toComplex()[0];
    const pi = Array.from({ length: n }, (_, q) => q);
    [pi[e.j - 1], pi[e.k - 1]] = [pi[e.k - 1], pi[e.j - 1]];
    const u = permutationIndexMap(pi, n);
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) {
      const s = 2 * (r * d + c);
      const t = 2 * (u[r] * d + u[c]);
      direct[t] += a * rho.data[s];
      direct[t + 1] += a * rho.data[s + 1];
      direct[s] -= a * rho.data[s];
      direct[s + 1] -= a * rho.data[s + 1];
    }
  }
  const g = inducedGraph(n, model.graph.edges);
  const y = cvec(rho);
  const qy = new Float64Array(y.length);
  for (let x = 0; x < g.nodes; x++) {
    let re = 0;
    let im = 0;
    for (let e = g.laplacian.rowPtr[x]; e < g.laplacian.rowPtr[x + 1]; e++) {
      const v = g.laplacian.values[2 * e];
      re += v * y[2 * g.laplacian.colIdx[e]];
      im += v * y[2 * g.laplacian.colIdx[e] + 1];
    }
    qy[2 * x] = re;
    qy[2 * x + 1] = im;
  }
  const dv = cvec({ rows: d, cols: d, data: direct });
  let c = 0;
  let p = 0;
  for (let i = 0; i < dv.length; i++) {
    c += (dv[i] + qy[i]) ** 2;
    p += (dv[i] - qy[i]) ** 2;
  }
  return { correct: Math.sqrt(c), paper: Math.sqrt(p) };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * The errata list for a model (demonstrations on the model when n ≤ 4, else on a stated 2-qubit example),
 * from the §5 derivation's sandwich terms and y_d(0) (`y0`, one [re, im] per orbit).
 */
export function coherentErrata(model: NetworkModel, g: GeneratorTerms<Complex> | null, params: Readonly<Record<string, number>>, y0: readonly (readonly [number, number])[]): Erratum[] {
  const n = model.qubits;
  const out: Erratum[] = [];
  const comps = graphComponents(model.graph);
  const connected = comps.length === 1;
  const orbits = orbitIndex(n);
  const sizes = orbits.counts.map((c) => Number(orbitSizeBig(c)));

  // 1. P_d normalisation.
  const maxSize = Math.max(...sizes);
  // P_pP_pᵀ ỹ puts (1/|V_m|)·avg_m on V_m, so the eq. 13 residual is √(Σ_m |y_m|²(1 − 1/|V_m|)²).
  const eq13 = Math.sqrt(y0.reduce((s, y, m) => s + (y[0] ** 2 + y[1] ** 2) * (1 - 1 / sizes[m]) ** 2, 0));
  out.push({
    id: 'Pd-normalisation', location: '§5.1, definition of p_m',
    stated: '$[\\mathbf p_m]_k = 1/|\\mathbb V_m|$ for $k \\in \\mathbb V_m$, called orthonormal',
    derived: '$[\\mathbf p_m]_k = 1/\\sqrt{|\\mathbb V_m|}$: then $P_d^\\top P_d = I$ and eq. 13 $P_dP_d^\\top\\tilde y = \\operatorname{vec}\\mathcal P_*(\\rho)$ hold',
    residual: eq13,
    residualNote: `with the paper's $P_d$: $\\|P_d^\\top P_d - I\\| = 1 - 1/\\max_m|\\mathbb V_m|$ = ${fmt(1 - 1 / maxSize)}, and the eq. 13 residual $\\|P_dP_d^\\top \\operatorname{vec}\\rho(0) - \\operatorname{vec}\\mathcal P_*(\\rho(0))\\|$ = ${fmt(eq13)} for this model's $\\rho(0)$ (0 with $1/\\sqrt{|\\mathbb V_m|}$)`,
    likelyCause: 'the normalisation of the averaging vector (1/|V|, right for P_dᵀ as an averaging map) was mixed up with that of an orthonormal basis vector (1/√|V|)',
  });

  // 2. A_d formula.
  const onModel = g !== null && n <= 4;
  const demoN = onModel ? n : 2;
  const demoTerms: GeneratorTerms<Complex> = onModel ? g : {
    n: 2,
    hamiltonian: [{ letters: 'ZI', coef: [1, 0] }, { letters: 'XY', coef: [1, 0] }],
    channels: [{ rate: [1, 0], terms: [{ letters: 'XI', coef: [0.5, 0] }, { letters: 'YI', coef: [0, 0.5] }] }],
  };
  const r = paperGeneratorResiduals(demoN, demoTerms);
  out.push({
    id: 'Ad-formula', location: '§5.2, A_d below eq. 14',
    stated: '$A_d = \\tfrac{i}{\\hbar}(H\\otimes I + I\\otimes H) + \\sum_l\\gamma_l(L_l\\otimes L_l^\\dagger - \\tfrac12 L_l^\\dagger L_l\\otimes I - \\tfrac12 I\\otimes L_l^\\dagger L_l)$',
    derived: '$A = -i(I\\otimes H - H^\\top\\otimes I) + \\sum_l\\gamma_l(\\bar L_l\\otimes L_l - \\tfrac12 I\\otimes L_l^\\dagger L_l - \\tfrac12 (L_l^\\dagger L_l)^\\top\\otimes I)$ (column stacking, vec(AXB) = (Bᵀ⊗A)vec X)',
    residual: Math.min(r.column, r.row),
    residualNote: `relative residual $\\|A_d \\operatorname{vec}\\rho - \\operatorname{vec}\\mathcal L\\rho\\| / \\|\\operatorname{vec}\\mathcal L\\rho\\|$ on a seeded random $\\rho$ (${onModel ? 'this model' : '2-qubit example $H = Z_1 + X_1Y_2$, $L = \\sigma_-^{(1)}$'}): paper formula ${fmt(r.column)} (column stacking), ${fmt(r.row)} (row stacking); corrected formula ${r.corrected.toExponential(1)}`,
    likelyCause: 'the commutator became an anticommutator with the wrong sign (H⊗I + I⊗H), and L† was written where the vectorisation needs L̄ = (L†)ᵀ',
  });

  // 3. Sign of K_c Q_d in eq. 14.
  let signNote = 'for n > 6 not evaluated on the model';
  let signResidual: number | null = null;
  if (n <= 6) {
    const rho0 = model.initial.toMatrix().toComplexRows(params);
    const d = 2 ** n;
    const data = new Float64Array(2 * d * d);
    rho0.forEach((row, i) => row.forEach(([re, im], j) => { data[2 * (i * d + j)] = re; data[2 * (i * d + j) + 1] = im; }));
    const s = couplingSignResiduals(model, { rows: d, cols: d, data });
    signResidual = s.paper;
    signNote = `$\\|\\sum a_{jk} \\mathcal D(U_{jk})\\rho(0) - (+Q_d)\\operatorname{vec}\\rho(0)\\|$ = ${fmt(s.paper)} (paper's sign) vs $\\|\\sum a_{jk} \\mathcal D(U_{jk})\\rho(0) - (-Q_d)\\operatorname{vec}\\rho(0)\\|$ = ${s.correct.toExponential(1)}; with $+K_cQ_d \\succeq 0$ the solution grows like $e^{K_c \\lambda_{\\max}(Q_d) t}$`;
  }
  out.push({
    id: 'eq14-sign', location: '§5.2, eq. 14',
    stated: '$\\dot{\\tilde y} = A_d\\tilde y + K_c Q_d\\tilde y$',
    derived: '$\\dot{\\tilde y} = A\\tilde y - K_c Q_d\\tilde y$, since $\\sum a_{jk}\\mathcal D(U_{jk}) = \\sum a_{jk}(U_{jk}\\otimes U_{jk} - I) = -Q_d$ with $Q_d \\succeq 0$ the Laplacian of $G_d$',
    residual: signResidual, residualNote: signNote,
    likelyCause: 'Laplacian sign convention (Q_d ⪰ 0 vs the generator −Q_d); Appendix C itself uses −2K_c ν̃ᵀS_dᵀQ_d ỹ',
  });

  // 4. y_d scaling.
  const consensus = Math.sqrt(y0.reduce((s, y, m) => s + (y[0] ** 2 + y[1] ** 2) * sizes[m] * (1 - 1 / Math.sqrt(sizes[m])) ** 2, 0));
  out.push({
    id: 'yd-scaling', location: '§5.2, below eq. 15',
    stated: '$\\mathbf y_d := [|\\mathbb V_1|y_1; \\dots; |\\mathbb V_p|y_p] \\in \\mathbb R^p$',
    derived: '$\\mathbf y_d = [\\sqrt{|\\mathbb V_1|}\\,y_1; \\dots; \\sqrt{|\\mathbb V_p|}\\,y_p] \\in \\mathbb C^p$ (orthonormal $P_d$; consensus values $y_m$ are complex)',
    residual: consensus,
    residualNote: `for the consensus state $\\mathcal P_*(\\rho(0))$ of this model: $\\|[|\\mathbb V_m|y_m] - P_d^\\top \\operatorname{vec}\\mathcal P_*(\\rho(0))\\|$ = ${fmt(consensus)} (0 for $[\\sqrt{|\\mathbb V_m|}\\,y_m]$)`,
    likelyCause: 'follows the 1/|V_m| normalisation of P_d; ℝ^p overlooks complex off-diagonal entries',
  });

  // 5. Dimension of ỹ_d.
  out.push({
    id: 'yd-dimension', location: '§5.3, before Theorem 3',
    stated: '$\\tilde{\\mathbf y}_d \\in \\mathbb C^{4n}$', derived: `$\\tilde{\\mathbf y}_d \\in \\mathbb C^{4^n}$ (${4 * n} vs ${4 ** Math.min(n, 30)}${n > 30 ? '…' : ''} for n = ${n})`,
    residual: null, residualNote: 'typographical', likelyCause: 'lost superscript',
  });

  // 6. Example 3's index.
  const jk3 = (strict: boolean): PauliSum => {
    let h = PauliSum.zero(3);
    for (let j = 1; j <= 3; j++) for (let k = 1; k <= 3; k++) if (strict ? j > k : j >= k) h = h.add(PauliSum.local(3, j, 'x').mul(PauliSum.local(3, k, 'y')));
    return h;
  };
  const diff = jk3(false).sub(jk3(true));
  out.push({
    id: 'example3-index', location: '§5.3, Example 3',
    stated: '$\\sum_{j \\geq K}\\sigma_x^{(j)}\\sigma_y^{(k)}$',
    derived: `$\\sum_{j > k}\\sigma_x^{(j)}\\sigma_y^{(k)}$: the diagonal terms would add $\\sum_j\\sigma_x^{(j)}\\sigma_y^{(j)} = ${diff.toLatex()}$, anti-Hermitian (H would not be Hermitian: ${diff.isHermitian() ? 'hermitian' : 'its anti-Hermitian part is i·Σσ_z'})`,
    residual: null, residualNote: `exact: $\\sum_{j \\geq k} - \\sum_{j > k} = ${diff.toLatex()}$`,
    likelyCause: 'capital K for the index k and ≥ for >',
  });

  // 7. Appendix C: "=" that must be "≤".
  const Csq = Math.max(0, (() => {
    const r2 = model.initial.kind === 'sparse'
      ? model.initial.entries.reduce((s, e) => s + e.value.mul(e.value.conj()).toComplex(params)[0], 0)
      : model.initial.factors.reduce((s, f) => s * f.dagger().mul(f).trace().toComplex(params)[0], 1);
    return r2;
  })());
  const proj2 = y0.reduce((s, y) => s + y[0] ** 2 + y[1] ** 2, 0);
  const a = Math.sqrt(Math.max(0, Csq - proj2));
  const b = Math.sqrt(proj2);
  out.push({
    id: 'appC-triangle', location: 'Appendix C, third line of the first display',
    stated: '$\\|\\tilde y - P_d\\mathbf y_d\\| = \\|S_d\\tilde\\nu\\| + \\|P_d\\tilde\\xi - P_d\\mathbf y_d\\|$',
    derived: '$\\|\\tilde y - P_d\\mathbf y_d\\| = \\sqrt{\\|S_d\\tilde\\nu\\|^2 + \\|P_d(\\tilde\\xi - \\mathbf y_d)\\|^2} \\le \\|\\tilde\\nu\\| + \\|\\tilde e\\|$ (orthogonal ranges of $S_d$ and $P_d$)',
    residual: a + b - Math.sqrt(a * a + b * b),
    residualNote: `with $\\tilde y = \\operatorname{vec}\\rho(0)$ of this model and $\\mathbf y_d = 0$: left side $\\|\\rho(0)\\|_F$ = ${fmt(Math.sqrt(a * a + b * b))}, claimed right side ${fmt(a + b)}`,
    likelyCause: 'the triangle inequality written as an equality (the final ≤ is what the proof uses, so the theorem is unaffected)',
  });

  // 8–13: typographical / derivation-step errata (no numeric residual).
  const typo = (id: string, location: string, stated: string, derived: string, likelyCause: string, residualNote = 'derivation step'): void => {
    out.push({ id, location, stated, derived, residual: null, residualNote, likelyCause });
  };
  typo('appC-33', 'Appendix C, eq. 33', '$P_d Q_d = 0$', '$P_d^\\top Q_d = 0$ ($P_d$ is $4^n\\times p$, so $P_dQ_d$ is undefined)', 'transpose dropped');
  typo('appC-nu', 'Appendix C, derivative of ‖ν̃‖²', '$\\operatorname{Re}(2\\tilde\\nu^\\top S_d^\\top A_d y - 2K_c\\tilde\\nu^\\top S_d^\\top Q_d(S_dS_d^\\top + \\mathbf 1_d\\mathbf 1_d^\\top)y)$',
    '$2\\operatorname{Re}(\\tilde\\nu^\\dagger S_d^\\top A\\tilde y) - 2K_c\\tilde\\nu^\\dagger\\Lambda_d\\tilde\\nu$ (Hermitian transpose for complex vectors; $P_dP_d^\\top$ in place of $\\mathbf 1_d\\mathbf 1_d^\\top$; $\\lambda_m(Q_d)$ where the text says $\\lambda_m(Q)$ — equal anyway by Aldous\' conjecture)', 'notation carried over from the real classical case');
  typo('appC-e-sign', 'Appendix C, derivative of ẽ', '$\\dot{\\tilde e} = P_d^\\top A_d\\tilde y - K_cP_d^\\top Q_d\\tilde y + P_d^\\top A_dP_d\\mathbf y_d$',
    '$\\dot{\\tilde e} = P_d^\\top A\\tilde y - P_d^\\top AP_d\\mathbf y_d = P_d^\\top AP_d\\tilde e + P_d^\\top AS_d\\tilde\\nu$ (the $Q_d$ term vanishes by $P_d^\\top Q_d = 0$)', 'sign of the subtracted blended dynamics');
  typo('appC-md', 'Appendix C, f_d', '$m_d$ = index of the largest Jordan block of $A_d$; $m_d, M_d > 0$',
    '$m_d$ = (largest Jordan block of $\\operatorname{Proj}(A_d)$ among eigenvalues on the imaginary axis) − 1, and in fact $m_d = 0$: $e^{t\\operatorname{Proj}(A_d)}$ is the restriction to the permutation-invariant subspace of the CPTP semigroup generated by the symmetrised Lindbladian $\\frac1{n!}\\sum_\\pi \\mathcal U_\\pi\\mathcal L\\,\\mathcal U_\\pi^{-1}$, hence bounded ($\\le 2^{n/2}$ in Frobenius norm)', 'Jordan bound quoted for the wrong matrix; boundedness of quantum dynamical semigroups not used');
  typo('hilbert-dimension', '§5.1, first paragraph', 'basis of the $n$-dimensional Hilbert space $\\mathcal H^{\\otimes n}$', '$2^n$-dimensional', 'dimension of one factor vs the tensor product');
  const dc = componentCountFormula([2, 1]);
  typo('eq13-connected', '§5.1, eq. 13', '$P_dP_d^\\top\\tilde y = \\operatorname{vec}\\mathcal P_*(\\rho)$ (no condition)',
    `holds for a connected $G$; for a disconnected $G$ with components of sizes $s_i$, $G_d$ has $\\prod_i\\binom{s_i+3}{3}$ components (e.g. ${dc} ≠ ${orbitCount(3)} for 3 qubits with one edge) and $P_dP_d^\\top$ averages over $S_{s_1}\\times\\dots\\times S_{s_r}$ only${connected ? '' : ' — this model\'s graph is disconnected'}`,
    '§3 assumes a connected graph; eq. 13 inherits it silently', 'structural');
  return out;
}
