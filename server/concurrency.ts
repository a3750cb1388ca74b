import type express from 'express'
import { requestConcurrencyFor } from '../db/connection.ts'

/**
 * How many requests each serving process lets into the app at once: MAX_CONCURRENT_REQUESTS
 * (0 for no limit), else what suits the database engine (db/connection.ts). Null: no limit.
 */
export function requestLimit(): number | null {
  const configured = process.env.MAX_CONCURRENT_REQUESTS
  if (configured === undefined || configured === '') return requestConcurrencyFor()
  const limit = Number(configured)
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`MAX_CONCURRENT_REQUESTS must be a whole number, 0 for no limit (it is "${configured}").`)
  return limit || null
}

/**
 * Lets at most `limit` requests into the app at once and queues the rest in arrival order.
 *
 * Node interleaves every request in flight: each waits for the others' rendering between its own
 * steps (loaders, the shell, the streamed data), so under load some requests finish far behind
 * the rest. Admitted in order, a few at a time, each finishes in a few turns of the event loop.
 * A request leaves when its response is written or its connection closes; one that holds its place
 * longer than `holdMs` (a large download to a slow reader) gives the place up and runs on beside
 * the others, so slow readers cannot stall the queue.
 */
export function concurrencyLimit(limit: number, holdMs = 1_000): express.RequestHandler {
  let active = 0
  const waiting: (() => void)[] = []
  const admitNext = () => {
    while (active < limit && waiting.length) waiting.shift()!()
  }
  return (_req, res, next) => {
    const enter = () => {
      active += 1
      let left = false
      const leave = () => {
        if (left) return
        left = true
        clearTimeout(timer)
        active -= 1
        admitNext()
      }
      const timer = setTimeout(leave, holdMs)
      timer.unref()
      res.once('finish', leave)
      res.once('close', leave)
      next()
    }
    if (active < limit) return enter()
    waiting.push(enter)
    // A visitor who gives up while queued leaves the queue.
    res.once('close', () => {
      const at = waiting.indexOf(enter)
      if (at !== -1) waiting.splice(at, 1)
    })
  }
}
