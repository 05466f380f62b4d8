/**
 * The text of the standalone QuTiP script of a model (`qblend export FILE --to qutip`,
 * docs/qutip-export.md): facts in (`QutipExportFacts`, assembled by api/qutip-export.ts), Python out.
 * The script builds H, the collapse operators √γ_l L_l (the paper's σ± mapped to QuTiP's names once,
 * with the reason), the SWAP dissipators √(K_c a_jk) U_jk of the coupling (D(U)ρ = UρU − ρ, U a real
 * symmetric involution) and ρ(0), runs `qutip.mesolve` on the study grid for each study K_c, and
 * prints the `simulation.curves` entries of `qblend derive --format json` for the metrics it computes
 * from ρ(t): Figs. 1–3 from partial traces (separable models), Fig. 6 against the blended coherent
 * dynamics 𝒫_* A 𝒫_* (eq. 17 in the full space) and Fig. 7 with 𝒫_* the average over the n!
 * permutations (connected graphs).
 * Text from the model file (name, title, path) enters the script only inside JSON string literals,
 * which are Python string literals too, so no model text can end a comment or a string.
 */
import type { ComplexPair, NumericTerm } from '../core/lowered-model.ts';

export interface QutipExportFacts {
  readonly generator: string;
  readonly model: string;
  readonly title: string;
  readonly file: string;
  readonly n: number;
  /** H as terms in x, y, z, σ₊ ('+'), σ₋ ('-') (api/qutip-export.ts `ladderExpansion`). */
  readonly hamiltonian: readonly NumericTerm[];
  /** γ_l, L_l as terms, and the one qubit L_l acts on (separable models; null otherwise or for an identity). */
  readonly lindblad: readonly { readonly rate: number; readonly terms: readonly NumericTerm[]; readonly qubit: number | null }[];
  /** [j, k, a_jk], each undirected edge once. */
  readonly edges: readonly (readonly [number, number, number])[];
  readonly Kc: readonly number[];
  readonly times: readonly number[];
  /** ρ(0): the 2×2 factors of a product state, or the nonzero entries (row, column, value) of the 2ⁿ×2ⁿ matrix. */
  readonly initial:
    | { readonly kind: 'product'; readonly factors: readonly ComplexPair[][][] }
    | { readonly kind: 'entries'; readonly entries: readonly (readonly [number, number, ComplexPair])[] };
  /** Paper Assumption 1, decided exactly. */
  readonly separable: boolean;
  readonly connected: boolean;
}

/** A double as a Python literal (shortest round trip, so Python reads the same double). */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`a non-finite number (${x}) cannot be exported`);
  return String(x);
}

/** A complex number as a Python literal. */
function cplx([re, im]: ComplexPair): string {
  return im === 0 ? num(re) : `complex(${num(re)}, ${num(im)})`;
}

/** Terms as a Python list of (coefficient, {qubit: operator name}). */
function terms(ts: readonly NumericTerm[]): string {
  const items = ts.map((t) => `(${cplx(t.coef)}, {${Object.entries(t.ops).map(([q, op]) => `${q}: ${JSON.stringify(op)}`).join(', ')}})`);
  return `[${items.join(', ')}]`;
}

function list(xs: readonly number[]): string {
  return `[${xs.map(num).join(', ')}]`;
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

function initialBlock(init: QutipExportFacts['initial']): string {
  if (init.kind === 'product') {
    const factors = init.factors.map((f) => `    [${f.map((row) => `[${row.map(cplx).join(', ')}]`).join(', ')}],`).join('\n');
    return `# ρ(0) = ρ_1(0) ⊗ … ⊗ ρ_n(0): one 2×2 density matrix per qubit, qubit 1 first.
RHO0_FACTORS = [
${factors}
]
RHO0_ENTRIES = None`;
  }
  const entries = init.entries.map(([r, c, v]) => `    (${r}, ${c}, ${cplx(v)}),`).join('\n');
  return `RHO0_FACTORS = None
# ρ(0) as its nonzero entries (l, l', value) of |l⟩⟨l'|, with the basis index l = Σ_j q_j 2^(n−j)
# of |q_1 … q_n⟩ (qubit 1 the most significant bit).
RHO0_ENTRIES = [
${entries}
]`;
}

/** The script's text. */
export function renderQutipScript(f: QutipExportFacts): string {
  const channels = f.lindblad.map((l) => `    (${num(l.rate)}, ${terms(l.terms)}, ${l.qubit === null ? 'None' : l.qubit}),`).join('\n');
  const edges = f.edges.map(([j, k, a]) => `(${j}, ${k}, ${num(a)})`).join(', ');
  return `#!/usr/bin/env python3
"""The network master equation (paper eq. 4) of one qblend model, solved with QuTiP's mesolve.

    dρ/dt = −i[H, ρ] + Σ_l γ_l D(L_l)ρ + K_c Σ_{{j,k}∈E} a_jk D(U_jk)ρ,
    D(L)ρ = LρL† − ½(L†Lρ + ρL†L),  U_jk the SWAP of qubits j and k.

Written by \`qblend export FILE --to qutip\` (docs/qutip-export.md); MODEL and SOURCE below name the
model and its file. Standalone: Python 3 with numpy and QuTiP 4.7 or 5 (Debian: apt-get install
python3-qutip). Run:  python3 this-file.py > curves.json

Prints one JSON object {"model", "qubits", "Kc", "t", "curves"}; each entry of "curves" has the form
of the \`simulation.curves\` entries of \`qblend derive --format json\` (metric, Kc, qubit when per
qubit, t, values; 10 significant digits), for the metrics computed here from ρ(t):
  fig1.distanceToSteadyState     ‖ρ_j(t) − ρ_r‖_F, ρ_j = Tr_{¬j} ρ, ρ_r the steady state of 𝓛̄
                                 (separable and relaxing models), and fig1.maxDistanceToSteadyState;
  fig2.distanceToBlended         ‖ρ_j(t) − ρ_b(t)‖_F, ρ_b of eq. 6 (separable), and the max over j;
  fig3.blochX/Y/Z                Bloch vectors of each ρ_j and of ρ_b, ρ = ½(I + xσx + yσy + zσz);
  fig6.coherentError             ‖ρ(t) − ρ_c(t)‖_F, ρ_c of eq. 17 (connected graphs);
  fig7.symmetrizationError       ‖ρ(t) − 𝒫_*(ρ(t))‖_F, 𝒫_* the average of U_π ρ U_π† over the
                                 n! permutations π (connected graphs).
Conventions (qblend's CONVENTIONS.md): ħ = 1; |0⟩ = (1, 0)ᵀ; σz = diag(1, −1); qubit 1 is the leftmost
tensor factor; a graph edge is counted once.
"""
import contextlib
import itertools
import json
import math
import sys

import numpy as np

with contextlib.redirect_stdout(sys.stderr):  # QuTiP 4 may print a calibration line on first import
    import qutip

MODEL = ${JSON.stringify(f.model)}
TITLE = ${JSON.stringify(f.title)}
SOURCE = ${JSON.stringify(f.file)}
GENERATOR = ${JSON.stringify(f.generator)}
N = ${f.n}

# Operators are lists of (coefficient, {qubit: name}): coefficient · ⊗_q name_q, the identity on
# every qubit not named. Pauli strings are written with the ladder operators (X = σ₊ + σ₋,
# Y = i(σ₊ − σ₋)) where that takes no more terms, so a model's sm(j) reads "-" on qubit j here.
HAMILTONIAN = ${terms(f.hamiltonian)}

# Lindblad channels γ_l D(L_l): (γ_l, L_l, the one qubit L_l acts on or None).
LINDBLAD = [
${channels}
]

# The coupling K_c Σ a_jk D(U_jk): edges (j, k, a_jk), j < k.
EDGES = [${edges}]

# The study: coupling gains K_c and the time grid (times[0] is the time of ρ(0)).
KC = ${list(f.Kc)}
TIMES = ${list(f.times)}

${initialBlock(f.initial)}

# Paper Assumption 1 (H = Σ_j H_j^(j), every L_l on one qubit), decided exactly by qblend; and
# whether the graph is connected (eq. 17 and 𝒫_* apply).
SEPARABLE = ${pyBool(f.separable)}
CONNECTED = ${pyBool(f.connected)}

# mesolve tolerances: tight enough for the curves to agree with qblend's to about 1e-8.
ATOL = 1e-12
RTOL = 1e-10
NSTEPS = 10 ** 7

# The paper's σ₊ = |1⟩⟨0| = [[0, 0], [1, 0]] is QuTiP's sigmam(), and the paper's σ₋ = |0⟩⟨1| =
# [[0, 1], [0, 0]] is QuTiP's sigmap(): QuTiP names its ladder operators after basis(2, 0) as the
# excited state, the paper after the bit value (|0⟩ → |1⟩ raises). The mapping is made here, once.
LOCAL = {
    "I": qutip.qeye(2),
    "x": qutip.sigmax(),
    "y": qutip.sigmay(),
    "z": qutip.sigmaz(),  # diag(1, −1)
    "+": qutip.sigmam(),  # the paper's σ₊ = |1⟩⟨0|
    "-": qutip.sigmap(),  # the paper's σ₋ = |0⟩⟨1|
    "0": qutip.fock_dm(2, 0),  # |0⟩⟨0|
    "1": qutip.fock_dm(2, 1),  # |1⟩⟨1|
}
assert np.array_equal(LOCAL["+"].full(), np.array([[0, 0], [1, 0]])), "the paper's σ₊ is |1⟩⟨0|"
assert np.array_equal(LOCAL["-"].full(), np.array([[0, 1], [0, 0]])), "the paper's σ₋ is |0⟩⟨1|"
assert np.array_equal(LOCAL["z"].full(), np.diag([1, -1])), "σz = diag(1, −1)"

DIMS = [[2] * N, [2] * N]


def embed(ops):
    """⊗_q ops[q] over q = 1 … N (qubit 1 leftmost), the identity where ops names nothing."""
    return qutip.tensor([LOCAL[ops.get(q, "I")] for q in range(1, N + 1)])


def operator(terms):
    """Σ coefficient · ⊗_q name_q on the N qubits."""
    total = 0 * embed({})
    for coef, ops in terms:
        total = total + coef * embed(ops)
    return total


def on_qubit(terms, q):
    """An operator acting on qubit q only, as the 2×2 operator it is on that qubit."""
    total = 0 * LOCAL["I"]
    for coef, ops in terms:
        assert set(ops) <= {q}, "the operator acts on more than qubit %d" % q
        total = total + coef * LOCAL[ops.get(q, "I")]
    return total


def permutation_operator(perm):
    """U_π|q_1 … q_N⟩ = |q_π⁻¹(1) … q_π⁻¹(N)⟩: qubit j's value moves to slot perm[j] (0-based)."""
    d = 2 ** N
    u = np.zeros((d, d))
    for l in range(d):
        bits = [(l >> (N - 1 - q)) & 1 for q in range(N)]
        moved = [0] * N
        for q in range(N):
            moved[perm[q]] = bits[q]
        m = 0
        for b in moved:
            m = (m << 1) | b
        u[m, l] = 1
    return qutip.Qobj(u, dims=DIMS)


def swap(j, k):
    """U_jk, the SWAP of qubits j and k: a real symmetric involution, so D(U_jk)ρ = U_jk ρ U_jk − ρ."""
    perm = list(range(N))
    perm[j - 1], perm[k - 1] = perm[k - 1], perm[j - 1]
    return permutation_operator(perm)


def initial_state():
    if RHO0_FACTORS is not None:
        return qutip.tensor([qutip.Qobj(np.array(f, dtype=complex)) for f in RHO0_FACTORS])
    d = 2 ** N
    rho = np.zeros((d, d), dtype=complex)
    for r, c, v in RHO0_ENTRIES:
        rho[r, c] += v
    return qutip.Qobj(rho, dims=DIMS)


def solve(H, rho0, c_ops):
    """ρ(t) on TIMES with mesolve (H may be a Liouvillian superoperator)."""
    if hasattr(qutip, "Options"):  # QuTiP 4
        options = qutip.Options(atol=ATOL, rtol=RTOL, nsteps=NSTEPS, store_states=True)
    else:  # QuTiP 5
        options = {"atol": ATOL, "rtol": RTOL, "nsteps": NSTEPS, "store_states": True}
    return qutip.mesolve(H, rho0, TIMES, c_ops, [], options=options).states


def frobenius(a, b):
    return float(np.linalg.norm(a.full() - b.full()))


BLOCH = [("blochX", qutip.sigmax()), ("blochY", qutip.sigmay()), ("blochZ", qutip.sigmaz())]


def rounded(values):
    """Each double to 10 significant digits, as the JSON report writes them."""
    return [float("%.10g" % v) if math.isfinite(v) else None for v in values]


def curve(metric, kc, values, qubit=None):
    out = {"metric": metric, "Kc": rounded([kc])[0]}
    if qubit is not None:
        out["qubit"] = qubit
    out["t"] = rounded(TIMES)
    out["values"] = rounded(values)
    return out


def blended():
    """𝓛̄ = (1/n) Σ_j 𝓛_j (eq. 6): H̄ = (1/n) Σ_j H_j and (γ_l/n) D(L_l) for each local channel,
    on one qubit. Returns (H̄, its collapse operators)."""
    Hb = 0 * LOCAL["I"]
    for coef, ops in HAMILTONIAN:
        if len(ops) == 1:
            (q, name), = ops.items()
            Hb = Hb + (coef / N) * LOCAL[name]
    cb = [math.sqrt(rate / N) * on_qubit(terms, q) for rate, terms, q in LINDBLAD if q is not None and rate > 0]
    return Hb, cb


def relaxing_steady_state(Hb, cb):
    """ρ_r when 𝓛̄ is relaxing (one eigenvalue on the imaginary axis, all others to its left), else None."""
    L = qutip.liouvillian(Hb, cb).full()
    scale = max(1.0, float(np.max(np.abs(L))))
    on_axis = sum(1 for ev in np.linalg.eigvals(L) if abs(ev.real) <= 1e-9 * scale)
    return qutip.steadystate(Hb, cb) if on_axis == 1 else None


def symmetrizer():
    """𝒫_*ρ = (1/n!) Σ_π U_π ρ U_π† as a function, and as a superoperator."""
    us = [permutation_operator(p) for p in itertools.permutations(range(N))]
    superop = sum(qutip.sprepost(u, u.dag()) for u in us) / len(us)
    return (lambda rho: sum(u * rho * u.dag() for u in us) / len(us)), superop


def main():
    H = operator(HAMILTONIAN)
    c_local = [math.sqrt(rate) * operator(terms) for rate, terms, _ in LINDBLAD if rate > 0]
    rho0 = initial_state()
    curves = []
    if SEPARABLE:
        Hb, cb = blended()
        rho_r = relaxing_steady_state(Hb, cb)
        rho_b0 = sum(rho0.ptrace(j) for j in range(N)) / N
        rho_b = solve(Hb, rho_b0, cb)
    if CONNECTED:
        symmetrize, P = symmetrizer()
        # Eq. 17 in the full space: P_d e^{P_dᵀ A P_d t} P_dᵀ = e^{𝒫 A 𝒫 t} 𝒫, A the Liouvillian of H, L_l.
        A = qutip.liouvillian(H, c_local)
        rho_c = solve(P * A * P, qutip.vector_to_operator(P * qutip.operator_to_vector(rho0)), [])
    for kc in KC:
        c_ops = c_local + [math.sqrt(kc * a) * swap(j, k) for j, k, a in EDGES if kc * a > 0]
        rho = solve(H, rho0, c_ops)
        if SEPARABLE:
            rho_j = [[r.ptrace(j) for r in rho] for j in range(N)]
            if rho_r is not None:
                d1 = [[frobenius(r, rho_r) for r in rj] for rj in rho_j]
                curves += [curve("fig1.distanceToSteadyState", kc, d, j + 1) for j, d in enumerate(d1)]
                curves.append(curve("fig1.maxDistanceToSteadyState", kc, [max(col) for col in zip(*d1)]))
            d2 = [[frobenius(r, b) for r, b in zip(rj, rho_b)] for rj in rho_j]
            curves += [curve("fig2.distanceToBlended", kc, d, j + 1) for j, d in enumerate(d2)]
            curves.append(curve("fig2.maxDistanceToBlended", kc, [max(col) for col in zip(*d2)]))
            for state, rhos in [(j + 1, rj) for j, rj in enumerate(rho_j)] + [("blended", rho_b)]:
                for name, sigma in BLOCH:
                    curves.append(curve("fig3." + name, kc, [float(qutip.expect(sigma, r).real) for r in rhos], state))
        if CONNECTED:
            curves.append(curve("fig6.coherentError", kc, [frobenius(r, c) for r, c in zip(rho, rho_c)]))
            curves.append(curve("fig7.symmetrizationError", kc, [frobenius(r, symmetrize(r)) for r in rho]))
    json.dump({"model": MODEL, "qubits": N, "Kc": rounded(KC), "t": rounded(TIMES), "curves": curves}, sys.stdout)
    sys.stdout.write("\\n")


if __name__ == "__main__":
    main()
`;
}
