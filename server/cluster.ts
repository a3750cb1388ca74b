import cluster from 'node:cluster'

/**
 * The primary of WORKERS=N: forks the workers (each serves the app on the shared port, with
 * its own database connection or pool), replaces one that dies, and on SIGTERM or SIGINT
 * passes the signal on and exits once every worker has finished its requests.
 */
export function runPrimary({ workers, onStopped }: { workers: number; onStopped: () => void }) {
  let stopping = false
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        onStopped()
        process.exit(0)
      }
      return
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`)
    cluster.fork()
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
