import { spawn, type ChildProcess } from 'node:child_process'

export type ServerProcess = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }

/** The production server as a child process of its own (one process: node with tsx's loader). */
export async function startServer({ port, databasePath, env = {} }: { port: number; databasePath: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_PATH: databasePath, SEED_DEMO: '0', DIGEST_SCHEDULER: 'off', LOGIN_MAX_FAILURES: '1000', ...env },
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
      if (res.ok) return { child, url, output: () => log, exited }
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start in time:\n${log}`)
}
