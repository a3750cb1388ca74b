// The second half of `npm test`: the integration and end-to-end suites again, on PostgreSQL.
// Needs TEST_POSTGRES_URL (a role that may create databases); `bash .ci/run` starts a server and sets it.
import { spawnSync } from 'node:child_process'

if (!process.env.TEST_POSTGRES_URL) {
  const message =
    'PostgreSQL half of the tests: TEST_POSTGRES_URL is not set, e.g. postgres://kap_test:kap_test@localhost:5432/postgres ' +
    '(a role that may create databases). `bash .ci/run` installs and starts PostgreSQL and sets it.'
  if (process.env.CI) {
    console.error(message)
    process.exit(1)
  }
  console.warn(`${message}\nSkipped: only SQLite was tested.`)
  process.exit(0)
}

const env = { ...process.env, TEST_ENGINE: 'postgres' }
for (const [command, args] of [
  ['vitest', ['run']],
  ['playwright', ['test']],
] as const) {
  console.log(`\n$ TEST_ENGINE=postgres ${command} ${args.join(' ')}`)
  const result = spawnSync(`node_modules/.bin/${command}`, args, { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
