import pg from 'pg'

/**
 * Tests on PostgreSQL get throwaway databases on the server `TEST_POSTGRES_URL` names (a
 * role allowed to create databases; `.ci/run` sets one up). Each is copied from a
 * template migrated once per run, which is far faster than migrating each.
 */
export function testPostgresUrl() {
  const url = process.env.TEST_POSTGRES_URL
  if (!url) {
    throw new Error(
      'TEST_ENGINE=postgres needs TEST_POSTGRES_URL, e.g. postgres://kap:kap@localhost:5432/postgres ' +
        '(a role that may create databases). `bash .ci/run` starts PostgreSQL and sets it.',
    )
  }
  return url
}

export function testingPostgres() {
  return process.env.TEST_ENGINE === 'postgres'
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string) {
  const url = new URL(testPostgresUrl())
  url.pathname = `/${name}`
  return url.toString()
}

/** A name nobody else's run picks: several runs may share one server. */
export function uniqueDatabaseName(prefix: string) {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: testPostgresUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function createDatabase(name: string, { template }: { template?: string } = {}) {
  await withAdmin(async (client) => {
    // Two copies of one template started at the same moment can collide; the second waits and tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`)
        return
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
  return databaseUrl(name)
}

export async function dropDatabase(name: string) {
  await withAdmin(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`drop database if exists "${name}" with (force)`)
        return
      } catch (error) {
        // An autovacuum worker busy in the database belongs to no role the test role may signal; it is done in a moment.
        if (attempt >= 20 || !/must be a member of the role whose process is being terminated/.test(String(error))) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
}
