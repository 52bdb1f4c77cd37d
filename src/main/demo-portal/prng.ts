// A tiny seeded PRNG: the demo data must be identical for the same seed on every machine and Node
// version, which Math.random cannot give.

/** mulberry32: 32-bit state, good enough spread for test data, and very fast. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by weight; `weights` holds cumulative totals, see `cumulative`. */
  pickWeighted<T>(items: readonly T[], weights: Cumulative): T
}

/** Cumulative weights, built once so each weighted pick is a short scan. */
export interface Cumulative {
  readonly totals: readonly number[]
  readonly sum: number
}

export function cumulative(weights: readonly number[]): Cumulative {
  let sum = 0
  const totals = weights.map((weight) => (sum += weight))
  return { totals, sum }
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    pickWeighted: (items, weights) => {
      const target = next() * weights.sum
      const index = weights.totals.findIndex((total) => target < total)
      const item = items[index === -1 ? items.length - 1 : index]
      if (item === undefined) throw new Error('weighted pick from an empty list')
      return item
    },
  }
}
