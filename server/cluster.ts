import cluster from 'node:cluster'

/**
 * The primary of WORKERS=N: forks the workers (each serves the app on the shared port, with
 * its own database connection or pool), replaces one that dies, and on SIGTERM or SIGINT
 * passes the signal on and exits once every worker has finished its requests.
 */
export function runPrimary({ workers, onStopped }: { workers: number; onStopped: () => void }) {
  let stopping = false
  // Counted here: a worker can still be listed in cluster.workers when its 'exit' arrives,
  // and a primary left with nothing to do would exit on its own, skipping onStopped.
  const live = new Set<number>()
  const fork = () => live.add(cluster.fork().id)
  for (let i = 0; i < workers; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker.id)
    if (stopping) {
      if (live.size === 0) {
        onStopped()
        process.exit(0)
      }
      return
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`)
    fork()
  })
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: the workers finish their in-flight requests`)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    setTimeout(() => process.exit(1), 15_000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
