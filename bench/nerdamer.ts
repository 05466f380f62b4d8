/**
 * Why nerdamer is not a dependency: its `factor` on the characteristic polynomials that the exact
 * layer factors (𝓛̄ of every separable model in reports/, and Definition 1's literal form), timed and
 * checked by the exact layer. nerdamer's output is parsed back with the model's own expression
 * parser and compared with the input as an exact `Scalar` (structural equality of canonical forms);
 * its linear factors in λ are counted against the roots the exact layer finds in the field of the
 * coefficients that are real (a factorisation over Q(p…) can only split off those).
 *
 * nerdamer is not installed by `npm ci`: `npm install --no-save nerdamer@1.1.13`, then
 * `npm run bench -- nerdamer`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scalar } from '../src/algebra/scalar.ts';
import { evaluateScalar } from '../src/model/evaluate.ts';
import { parseExpr } from '../src/model/expr.ts';
import type { BenchRow, BenchSection } from './section.ts';

const REPORTS = join(import.meta.dirname, '..', 'reports');
const NAMES = new Map([['λ', 'lam'], ['gamma_m', 'gm'], ['gamma_p', 'gp'], ['omega', 'w']]);

interface Spectrum {
  characteristicPolynomial: { text: string };
  eigenvalues: { exact: string | null; multiplicity: number }[];
}

function spectra(o: unknown, path: string, out: [string, Spectrum][]): void {
  if (o === null || typeof o !== 'object') return;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'spectrum' && v !== null && typeof v === 'object' && 'characteristicPolynomial' in v) out.push([`${path}.${k}`.slice(1), v as Spectrum]);
    else if (!Array.isArray(v)) spectra(v, `${path}.${k}`, out);
  }
}

function rename(text: string): string {
  let t = text;
  for (const [from, to] of NAMES) t = t.split(from).join(to);
  return t;
}

function exact(text: string): Scalar {
  return evaluateScalar(parseExpr(text), new Set(NAMES.values()));
}

/** Top-level factors of a product text `a*(b)*(c)^2`, with their exponents. */
function topFactors(text: string): [string, number][] {
  const out: [string, number][] = [];
  let depth = 0;
  let start = 0;
  const push = (piece: string): void => {
    const m = /^(.*)\^(\d+)$/.exec(piece);
    out.push(m && ((m[1].startsWith('(') && m[1].endsWith(')')) || /^\w+$/.test(m[1])) ? [m[1], Number(m[2])] : [piece, 1]);
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === '*' && depth === 0) {
      push(text.slice(start, i));
      start = i + 1;
    }
  }
  push(text.slice(start));
  return out;
}

function degreeIn(s: Scalar, name: string): number {
  let d = 0;
  for (const t of s.numerator().monomials()) for (const [v, e] of t.mono) if (v === name) d = Math.max(d, e);
  return d;
}

export const nerdamerSection: BenchSection = {
  name: 'nerdamer',
  tags: ['algebra'],
  description: "nerdamer's factor on the exact layer's characteristic polynomials (why it is not a dependency)",
  async run(_args, report) {
    const specifier = 'nerdamer';
    let nerdamer: (e: string) => { toString(): string };
    try {
      nerdamer = ((await import(specifier)) as { default: typeof nerdamer }).default;
      await import(`${specifier}/Algebra.js`);
    } catch {
      report({ title: 'nerdamer', rows: [], notes: ['nerdamer is not installed: npm install --no-save nerdamer@1.1.13'] });
      return;
    }
    const rows: BenchRow[] = [];
    for (const file of readdirSync(REPORTS).filter((f) => f.endsWith('.json')).sort()) {
      const found: [string, Spectrum][] = [];
      spectra(JSON.parse(readFileSync(join(REPORTS, file), 'utf8')), '', found);
      for (const [where, s] of found) {
        const text = rename(s.characteristicPolynomial.text);
        const t0 = performance.now();
        const factored = nerdamer(`factor(${text})`).toString();
        const ms = performance.now() - t0;
        const equal = exact(factored).equals(exact(text));
        const linear = topFactors(factored).reduce((k, [f, e]) => k + (degreeIn(exact(f), 'lam') === 1 ? e : 0), 0);
        const realRoots = s.eigenvalues.reduce((k, r) => k + (r.exact !== null && !/\bi\b/.test(r.exact) ? r.multiplicity : 0), 0);
        rows.push({ model: file.replace(/\.json$/, ''), polynomial: where, nerdamer_ms: Number(ms.toFixed(1)), exact_check: equal ? 'equal' : 'NOT EQUAL', linear_factors_nerdamer: linear, real_roots_exact_layer: realRoots });
      }
    }
    report({
      title: "nerdamer 1.1.13 factor(χ) of each 𝓛̄ in reports/, checked by the exact layer",
      rows,
      notes: ['linear_factors_nerdamer < real_roots_exact_layer: nerdamer left a rational (or, with parameters, polynomial) root unsplit.'],
    });
  },
};
