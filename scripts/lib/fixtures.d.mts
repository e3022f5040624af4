// Types for the parts of fixtures.mjs that the TypeScript tests use.

/** A seeded PRNG (mulberry32): numbers in [0, 1), the same sequence on every machine. */
export function mulberry32(seed: number): () => number;
