// Stateless randomness: every generated value is a pure function of (seed, job index, salt),
// so job i can be rebuilt at any time without keeping it in memory.

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uint32 for (seed, i, salt). The salt is hashed each call: cheaper than a cache lookup. */
export function hash(seed: number, i: number, salt: string): number {
  let h = 2166136261 ^ seed;
  for (let k = 0; k < salt.length; k++) h = Math.imul(h ^ salt.charCodeAt(k), 16777619);
  return mix(mix(h ^ Math.imul(i | 0, 0x27d4eb2d) ^ Math.floor(i / 4294967296)) + 0x9e3779b9);
}

/** A float in [0, 1) for (seed, i, salt). */
export function rand(seed: number, i: number, salt: string): number {
  return hash(seed, i, salt) / 4294967296;
}

/** An integer in [lo, hi] for (seed, i, salt). */
export function between(seed: number, i: number, salt: string, lo: number, hi: number): number {
  return lo + Math.floor(rand(seed, i, salt) * (hi - lo + 1));
}

export function pick<T>(seed: number, i: number, salt: string, list: readonly T[]): T {
  return list[hash(seed, i, salt) % list.length];
}

/** A small seeded PRNG with state, for things that need not be rebuilt (fault dice). */
export function prng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
