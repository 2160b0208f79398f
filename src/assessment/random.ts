/** Reproducible randomness for simulations and tests; production passes Math.random. */

/** mulberry32: tiny, fast, good enough to draw ties and simulate students; not for security. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element drawn uniformly; the list must not be empty. */
export function pickAtRandom<T>(items: readonly T[], random: () => number): T {
  const index = Math.min(Math.floor(random() * items.length), items.length - 1);
  const item = items[index];
  if (item === undefined) throw new RangeError('pickAtRandom needs at least one item');
  return item;
}
