import { db } from '#app/db.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'

export async function outboxPage(page: number, search: string) {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'body', 'created_at', 'sent_at', 'error'])
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
  if (search) query = query.where('to_address', '=', search.toLowerCase())
  return query.execute()
}
