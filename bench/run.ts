/**
 * Benchmark harness: `npm run bench` runs every registered section, `npm run bench -- eq4 eig` only the
 * sections whose name or tag matches, and `--key=value` / `--flag` are passed to the sections.
 * Sections register by being listed in `SECTIONS` below (one import per file).
 */
import type { BenchArgs, BenchSection } from './section.ts';
import { formatTable } from './table.ts';
import { numericSections } from './numeric.ts';
import { algebraSection } from './algebra-exact.ts';
import { orbitBasisSection } from './orbit-basis.ts';
import { coherentDynamicsSection } from './simulate-coherent.ts';
import { rationalKrylovSection } from './rational-krylov.ts';
import { nerdamerSection } from './nerdamer.ts';
import { cliSection } from './cli.ts';
import { explorerSection } from './explorer.ts';
import { strongCouplingSection } from './strong-coupling.ts';

const SECTIONS: BenchSection[] = [...numericSections, strongCouplingSection, rationalKrylovSection, algebraSection, orbitBasisSection, coherentDynamicsSection, nerdamerSection, cliSection, explorerSection];

function parseArgs(argv: string[]): { filters: string[]; args: BenchArgs } {
  const filters: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (const a of argv) {
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else flags.add(a.slice(2));
    } else filters.push(a);
  }
  return { filters, args: { flags, options } };
}

async function main(): Promise<void> {
  const { filters, args } = parseArgs(process.argv.slice(2));
  if (args.flags.has('list') || args.flags.has('help')) {
    for (const s of SECTIONS) console.log(`${s.name.padEnd(12)} ${s.description}`);
    return;
  }
  const chosen = SECTIONS.filter((s) => filters.length === 0 || filters.some((f) => s.name === f || s.name.includes(f) || (s.tags ?? []).includes(f)));
  if (chosen.length === 0) {
    console.error(`no bench section matches ${filters.join(', ')}; try --list`);
    process.exitCode = 2;
    return;
  }
  console.log(`qblend bench — node ${process.version}, ${new Date().toISOString()}`);
  for (const s of chosen) {
    console.log(`\n# ${s.name}: ${s.description}`);
    const t0 = performance.now();
    await s.run(args, (table) => console.log(`\n${formatTable(table)}`));
    console.log(`(${s.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

await main();
