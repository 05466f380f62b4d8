/**
 * How many times each exact object of a derivation has been built in this process. A derivation is
 * computed once and carried as typed data: its builders (separability, the local generators of eq. 5,
 * 𝓛̄ of eq. 6, the sandwich terms of A, Proj(A_d) of eq. 17, y_d(0)) record each build here, so a test
 * can assert that one `derive` builds each exactly once. Counting is a few map operations per build.
 */
const counts = new Map<string, number>();

/** Records one build of `what`. */
export function countBuild(what: string): void {
  counts.set(what, (counts.get(what) ?? 0) + 1);
}

/**
 * The builds recorded since the last reset, by name.
 * @example (resetBuildCounts(), countBuild('x'), countBuild('x'), buildCounts().get('x')) // => 2
 */
export function buildCounts(): ReadonlyMap<string, number> {
  return new Map(counts);
}

/** Forgets the recorded builds. */
export function resetBuildCounts(): void {
  counts.clear();
}
