import { isPostgresUrl } from '../db/engines/postgres.ts'
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from './free-port.ts'

export type ServerProcess = { child: ChildProcess; port: number; url: string; output: () => string; exited: Promise<number | null> }

/**
 * The production server as a child process of its own (one process: node with tsx's loader),
 * on a free port unless one is given (a restart on the same file passes the previous one).
 */
export async function startServer({
  port: wanted,
  database,
  env = {},
  nodeArgs = [],
}: {
  port?: number
  /** An SQLite file, or a postgres:// URL. */
  database: string
  env?: Record<string, string>
  /** Options for node itself (say, --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[]
}): Promise<ServerProcess> {
  const port = wanted ?? (await freePort())
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      // The origin requests are addressed to, so the Origin check has one exact value to compare with.
      APP_URL: `http://localhost:${port}`,
      ...(isPostgresUrl(database) ? { DATABASE_URL: database, DATABASE_PATH: '' } : { DATABASE_PATH: database, DATABASE_URL: '' }),
      SEED_DEMO: '0',
      DIGEST_SCHEDULER: 'off',
      LOGIN_MAX_FAILURES: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`)
    try {
      const res = await fetch(`${url}/login`)
      // Read to the end, so the connection goes back to fetch's pool instead of hanging on.
      await res.arrayBuffer()
      if (res.ok) return { child, port, url, output: () => log, exited }
    } catch {
      // Not listening yet: try again.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start in time:\n${log}`)
}
