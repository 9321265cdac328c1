/**
 * 监督查评 (seed 003 §17): each period a random sample of evaluators is called back by the 12345
 * hotline. The sample must be reproducible — anyone holding the stored seed and the same population
 * can redraw it and check that nobody chose whom to call — so the draw is a seeded PRNG over a
 * population in a fixed order, never Math.random.
 */

/** A seed as stored and typed by people: 1–64 letters, digits, '-' or '_'. */
export const SAMPLE_SEED_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** cyrb128: four 32-bit words from a string, to seed sfc32 with all of the seed's characters. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): uniform floats in [0, 1). */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = hash128(seed);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still carry the seed's structure; discard them.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * `size` distinct members of `population` (all of it when smaller), chosen uniformly by a partial
 * Fisher–Yates shuffle driven by `seed`, returned in population order. The same seed and the same
 * population in the same order give the same sample.
 */
export function seededSample<T>(population: readonly T[], size: number, seed: string): T[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`sample size ${size}: expected a whole number ≥ 0`);
  if (!SAMPLE_SEED_PATTERN.test(seed)) throw new RangeError('seed: 1–64 letters, digits, - or _');
  const n = population.length;
  const k = Math.min(size, n);
  const random = seededRandom(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, k).sort((x, y) => x - y).map((i) => population[i]!);
}
