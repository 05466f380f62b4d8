import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress } from '../../src/cli/progress.ts';

/** A fake stream that records what is written and claims to be (or not to be) a terminal. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  let buf = '';
  const w = new Writable({ write(chunk, _enc, cb) { buf += String(chunk); cb(); } }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(w, { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => buf });
  return w;
}

describe('progress adapter', () => {
  it('is silent when stderr is not a terminal', () => {
    const s = fakeStream(false);
    const p = createProgress({ stream: s });
    expect(p.active).toBe(false);
    p.onProgress({ stage: 'simulate', done: 0, total: 2, label: 'K_c = 1' });
    p.onProgress({ stage: 'simulate', done: 2, total: 2, label: 'done' });
    p.stop();
    expect(s.text()).toBe('');
  });

  it('draws a bar on a terminal', () => {
    const s = fakeStream(true);
    const p = createProgress({ stream: s });
    expect(p.active).toBe(true);
    p.onProgress({ stage: 'simulate', done: 0, total: 2, label: 'K_c = 1' });
    p.onProgress({ stage: 'simulate', done: 1, total: 2, label: 'K_c = 5' });
    p.stop();
    expect(s.text()).toContain('simulate');
  });
});
