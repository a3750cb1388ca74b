import { describe, expect, test } from 'vitest'
import { choiceOrders } from './shuffle.ts'

const counts = [5, 4, 4, 2, 8, 3]
const sorted = (order: number[]) => [...order].sort((a, b) => a - b)

describe('choiceOrders', () => {
  test('each question gets a permutation of its own choice ids', () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const orders = choiceOrders('7/intro-kap/history', attempt, counts)
      expect(orders.map((o) => o.length)).toEqual(counts)
      orders.forEach((order, q) => expect(sorted(order)).toEqual(Array.from({ length: counts[q]! }, (_, i) => i)))
    }
  })

  test('the same seed and attempt give the same order, however often it is asked', () => {
    const first = choiceOrders('7/intro-kap/history', 3, counts)
    for (let i = 0; i < 5; i++) expect(choiceOrders('7/intro-kap/history', 3, counts)).toEqual(first)
  })

  test('a retake never shows a question in the order of the attempt before', () => {
    for (const seed of ['7/intro-kap/history', '8/intro-kap/history', '7/advanced-kap/sitter-role']) {
      let previous = choiceOrders(seed, 1, counts)
      for (let attempt = 2; attempt <= 40; attempt++) {
        const current = choiceOrders(seed, attempt, counts)
        current.forEach((order, q) => expect(order, `${seed}, attempt ${attempt}, question ${q}`).not.toEqual(previous[q]))
        previous = current
      }
    }
  })

  test('orders are shuffled, not rotated or kept: over many attempts every choice takes every place', () => {
    const seen = Array.from({ length: 4 }, () => new Set<number>())
    const orders = new Set<string>()
    for (let attempt = 1; attempt <= 200; attempt++) {
      const [order] = choiceOrders('12/intro-kap/pharmacology', attempt, [4])
      order!.forEach((id, place) => seen[id]!.add(place))
      orders.add(order!.join(','))
    }
    for (const places of seen) expect([...places].sort()).toEqual([0, 1, 2, 3])
    // Most of the 24 orders of four choices turn up; a rotation would give only 4.
    expect(orders.size).toBeGreaterThan(20)
  })

  test('another person, lesson or question gets its own order', () => {
    const a = choiceOrders('7/intro-kap/history', 1, [8, 8])
    const b = choiceOrders('8/intro-kap/history', 1, [8, 8])
    const c = choiceOrders('7/intro-kap/pharmacology', 1, [8, 8])
    expect(a).not.toEqual(b)
    expect(a).not.toEqual(c)
    expect(a[0]).not.toEqual(a[1])
  })

  test('a single choice stays put; an attempt number below 1 is the first attempt', () => {
    expect(choiceOrders('x', 5, [1])).toEqual([[0]])
    expect(choiceOrders('x', 0, counts)).toEqual(choiceOrders('x', 1, counts))
  })
})
