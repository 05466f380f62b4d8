/** Section 8: the works the document cites. */
import type { BibliographyEntry, Section } from '../document.ts';
import { text } from '../document.ts';

export const BIBLIOGRAPHY: BibliographyEntry[] = [
  { key: 'paper', authors: 'Q. Wen, Z. Ren, L. Wang, H. Shim and G. Shi', title: 'Blended dynamics and emergence in open quantum networks', venue: 'the source paper of this engine (shared/paper/blended-dynamics-open-quantum-networks.txt)' },
  { key: 'clr2010', authors: 'P. Caputo, T. M. Liggett and T. Richthammer', title: 'Proof of Aldous’ spectral gap conjecture', venue: 'J. Amer. Math. Soc. 23 (2010) 831–851', year: '2010', doi: '10.1090/S0894-0347-10-00659-4' },
  { key: 'higham2008', authors: 'N. J. Higham', title: 'Functions of Matrices: Theory and Computation', venue: 'SIAM, Philadelphia (§10.2, the condition number of the matrix exponential)', year: '2008', doi: '10.1137/1.9780898717778' },
  { key: 'hornjohnson', authors: 'R. A. Horn and C. R. Johnson', title: 'Matrix Analysis', venue: 'Cambridge University Press, 2nd edition', year: '2013' },
  { key: 'mazzarella2015', authors: 'L. Mazzarella, A. Sarlette and F. Ticozzi', title: 'Consensus for quantum networks: from symmetry to gossip iterations', venue: 'IEEE Trans. Automat. Control 60(1) (2015) 158–172', year: '2015' },
  { key: 'shi2016', authors: 'G. Shi, D. Dong, I. R. Petersen and K. H. Johansson', title: 'Reaching a quantum consensus: master equations that generate symmetrization and synchronization', venue: 'IEEE Trans. Automat. Control 61(2) (2016) 374–387', year: '2016' },
];

export function bibliographySection(): Section {
  return { title: [text('References')], label: 'sec:references', blocks: [{ kind: 'bibliography', entries: BIBLIOGRAPHY }] };
}
