import { describe, expect, it } from 'vitest';
import {
  collectMath,
  matrixLatex,
  numberDocument,
  referenceText,
  text,
  math,
  ref,
  validateDocument,
  type DerivationDocument,
} from '../../src/report/document.ts';
import { sampleDocument } from './fixtures/sample-document.ts';

function minimal(sections: DerivationDocument['sections']): DerivationDocument {
  return { title: 't', metadata: { modelName: 'm', sourceFile: 'f.yaml', conventions: [], generator: 'qblend test' }, sections };
}

describe('document model', () => {
  it('numbers sections, equations, tables and figures in document order', () => {
    const doc = sampleDocument();
    const numbering = numberDocument(doc);
    expect(numbering.labels.get('sec:induced')).toEqual({ kind: 'section', number: '2.1' });
    expect(numbering.labels.get('eq:master')).toEqual({ kind: 'equation', number: 1 });
    expect(numbering.labels.get('eq:steady')).toEqual({ kind: 'equation', number: 3 });
    expect(numbering.labels.get('tab:errata')).toEqual({ kind: 'table', number: 2 });
    expect(numbering.labels.get('fig:kc')).toEqual({ kind: 'figure', number: 4 });
    expect(numbering.citations.get('qutip')).toBe(2);
    expect(referenceText({ kind: 'figure', number: 4 })).toBe('Figure 4');
  });

  it('accepts the sample document', () => {
    expect(validateDocument(sampleDocument())).toEqual([]);
  });

  it('reports every problem: unsafe math, bad links and labels, dangling references, ragged tables', () => {
    const doc = minimal([
      {
        title: [text('S')],
        label: 'bad label!',
        blocks: [
          { kind: 'paragraph', content: [math('\\input{/etc/passwd}'), { kind: 'link', href: 'javascript:alert(1)', content: [text('x')] }, ref('nowhere'), { kind: 'cite', key: 'nobody' }] },
          { kind: 'table', header: [[text('a')], [text('b')]], rows: [[[text('1')]]] },
          { kind: 'matrix', valueKind: 'exact', entries: [['1', '2'], ['3']] },
        ],
      },
    ]);
    const problems = validateDocument(doc).join('\n');
    expect(problems).toContain('\\input is not allowed');
    expect(problems).toContain('link scheme not allowed: javascript:');
    expect(problems).toContain('label "bad label!"');
    expect(problems).toContain('unknown label "nowhere"');
    expect(problems).toContain('unknown key "nobody"');
    expect(problems).toContain('every row needs 2 cells');
    expect(problems).toContain('equal length');
  });

  it('rejects duplicate labels', () => {
    const doc = minimal([
      { title: [text('A')], label: 'x', blocks: [] },
      { title: [text('B')], label: 'x', blocks: [] },
    ]);
    expect(validateDocument(doc).join()).toContain('duplicate label "x"');
  });

  it('collects every math string, matrices as typeset', () => {
    const all = collectMath(sampleDocument());
    expect(all.some((m) => m.displayMode && m.latex.startsWith('\\bar\\rho_\\infty = \\begin{bmatrix}'))).toBe(true);
    expect(all.filter((m) => !m.displayMode).length).toBeGreaterThan(30);
    expect(matrixLatex({ kind: 'matrix', lhs: 'A', entries: [['1', '0'], ['0', '1']], valueKind: 'exact', delimiter: 'paren' })).toBe(
      'A = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}',
    );
  });
});
