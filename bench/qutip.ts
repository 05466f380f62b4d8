/**
 * Runs the peer baseline `shared/bench/qutip_mesolve.py` (QuTiP's mesolve on the identical
 * LoweredModel JSON). Installs Debian's python3-qutip on first use, idempotently.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoweredModel } from '../src/core/lowered-model.ts';

const PYTHON = '/usr/bin/python3';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const QUTIP_SCRIPT = resolve(REPO, '../shared/bench/qutip_mesolve.py');

let qutipReady: boolean | null = null;

/** True when `import qutip` works, installing python3-qutip with apt-get if needed. */
export function ensureQutip(): boolean {
  if (qutipReady !== null) return qutipReady;
  const probe = () => spawnSync(PYTHON, ['-c', 'import qutip'], { stdio: 'ignore' }).status === 0;
  if (!probe()) {
    console.error('bench: installing python3-qutip (apt-get) …');
    spawnSync('bash', ['-c', 'apt-get update && apt-get install -y python3-qutip'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  qutipReady = existsSync(QUTIP_SCRIPT) && probe();
  if (!qutipReady) console.error(`bench: QuTiP baseline unavailable (script ${QUTIP_SCRIPT})`);
  return qutipReady;
}

export interface QutipProblem extends LoweredModel {
  rho0_product?: [number, number][][][];
  rho0?: [number, number][][];
  times: number[];
  atol: number;
  rtol: number;
  method?: 'adams' | 'bdf';
  return?: 'final' | 'all';
}

export interface QutipOutcome {
  status: 'ok' | 'timeout' | 'error';
  /** mesolve wall seconds (the script times mesolve alone). */
  seconds?: number;
  finalState?: [number, number][][];
  traceDrift?: number;
  version?: string;
  message?: string;
}

/** Runs mesolve with a wall-clock limit in seconds (the child is killed at the limit). */
export function runQutip(problem: QutipProblem, limitSeconds: number): QutipOutcome {
  if (!ensureQutip()) return { status: 'error', message: 'qutip unavailable' };
  const dir = mkdtempSync(join(tmpdir(), 'qblend-qutip-'));
  const file = join(dir, 'problem.json');
  writeFileSync(file, JSON.stringify(problem));
  const res = spawnSync(PYTHON, [QUTIP_SCRIPT, file], { timeout: limitSeconds * 1000, maxBuffer: 1 << 30, encoding: 'utf8', killSignal: 'SIGKILL' });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { status: 'timeout' };
  if (res.signal) return { status: 'timeout' };
  if (res.status !== 0) return { status: 'error', message: (res.stderr || '').trim().split('\n').slice(-1)[0] };
  const out = JSON.parse(res.stdout.trim().split('\n').slice(-1)[0]);
  return { status: 'ok', seconds: out.seconds, finalState: out.final_state, traceDrift: out.trace_drift, version: out.qutip };
}
