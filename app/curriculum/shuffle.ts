/**
 * The order a knowledge check's choices are shown in. Decided on the server from a seed (the person
 * and the lesson) and the attempt's number, so it is the same however often the page is loaded or
 * refused for a missing answer during one attempt, and new with each attempt. A choice keeps its id
 * (its place in the content file) in every order: grading reads ids, never where a choice was shown.
 */

/** A 32-bit hash of a string: FNV-1a, then a final avalanche so close seeds land far apart. */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** mulberry32: a small seeded generator of numbers in [0, 1). Not for secrets; an order is not one. */
function generator(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates over 0…count-1. */
function permutation(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i)
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

const same = (a: number[], b: number[]) => a.every((v, i) => v === b[i])

/**
 * For each question (given by its number of choices), the choice ids in the order attempt `attempt`
 * (1-based) shows them. Each attempt draws afresh; one that would repeat the previous attempt's order
 * of a question draws again, so a retake never shows a question's choices as the last attempt did.
 */
export function choiceOrders(seed: string, attempt: number, choiceCounts: number[]): number[][] {
  const attempts = Math.max(1, Math.floor(attempt))
  return choiceCounts.map((count, q) => {
    let previous: number[] | null = null
    let current: number[] = []
    for (let n = 1; n <= attempts; n++) {
      const random = generator(hash32(`${seed}|question ${q}|attempt ${n}`))
      do current = permutation(count, random)
      while (previous && count > 1 && same(current, previous))
      previous = current
    }
    return current
  })
}
