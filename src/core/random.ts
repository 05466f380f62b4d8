/**
 * A small seeded pseudo-random generator (mulberry32): uniform doubles in [0, 1). Used wherever a
 * derivation or a test needs reproducible sample points (cross-checks of exact results at random
 * parameter values, demonstration states), so every report is reproducible byte for byte.
 * @example seededRandom(1)() === seededRandom(1)() // => true
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
