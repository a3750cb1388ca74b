import { createHash } from 'node:crypto'
import { audit, auditContext, type AuditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { isEditable } from '#app/hours/workflow.ts'
import { isAssigned } from '#app/supervision/assignments.server.ts'
import { positiveId } from '#app/utils/ids.ts'
import { fail, type Failure } from '#app/utils/result.ts'
import { documentAccess } from './access.ts'
import {
  attachmentClosed,
  checkDocument,
  contentDisposition,
  downloadName,
  MAX_DOCUMENT_BYTES,
  sanitizeFileName,
  tooLarge,
  type DocumentKind,
  type DocumentType,
} from './rules.ts'
import type { ChosenFile } from './schema.ts'

/** A file that passed every check, read and ready to store. */
export type Upload = { bytes: Buffer; type: DocumentType; name: string; sha256: string }

/**
 * Reads a chosen file and decides, from its bytes, whether it may be stored. Nothing is
 * written here: a refusal is a message for the file's field, and the caller stores nothing.
 */
export async function readUpload(file: ChosenFile): Promise<{ ok: true; upload: Upload } | { ok: false; message: string }> {
  // The size is known before reading: a file over the limit is never read into memory twice.
  if (file.size > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge(file.size) }
  const bytes = Buffer.from(await file.arrayBuffer())
  const checked = checkDocument(bytes)
  if (!checked.ok) return checked
  return {
    ok: true,
    upload: { bytes, type: checked.type, name: sanitizeFileName(file.name), sha256: createHash('sha256').update(bytes).digest('hex') },
  }
}

/** What a document is attached to; its owner is whose it is (who may open it follows from that). */
export type Attachment =
  | { kind: 'clearance_letter'; ownerId: number; clearanceId: number }
  | { kind: 'record_attachment'; ownerId: number; recordId: number }
  | { kind: 'license_proof'; ownerId: number }

/** Stores a document inside the caller's write transaction, and logs the upload with it. */
export async function storeDocument(trx: Database, upload: Upload, to: Attachment, uploader: SessionUser, context: AuditContext) {
  const { id } = await trx
    .insertInto('documents')
    .values({
      owner_id: to.ownerId,
      kind: to.kind,
      clearance_id: to.kind === 'clearance_letter' ? to.clearanceId : null,
      record_id: to.kind === 'record_attachment' ? to.recordId : null,
      content_type: upload.type,
      size: upload.bytes.length,
      sha256: upload.sha256,
      original_name: upload.name,
      content: upload.bytes,
      uploaded_by: uploader.id,
      uploaded_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(
    context,
    {
      actorId: uploader.id,
      action: 'document.upload',
      subject: `document:${id}`,
      detail: { kind: to.kind, owner: to.ownerId, name: upload.name, type: upload.type, size: upload.bytes.length, sha256: upload.sha256 },
    },
    trx,
  )
  return id
}

/** A file attached by the fellow to their own record, while it is theirs to change (a draft, or returned). */
export async function attachToRecord(
  fellow: SessionUser,
  recordId: number,
  upload: Upload,
  context: AuditContext,
): Promise<{ ok: true; id: number } | Failure> {
  return writeTransaction(async (trx) => {
    // Read again inside the transaction: a record submitted meanwhile is no longer open to additions.
    const record = await trx.selectFrom('records').select(['status', 'fellow_id']).where('id', '=', recordId).executeTakeFirst()
    if (!record || record.fellow_id !== fellow.id) return fail('form', 'There is no such record.')
    if (!isEditable(record.status)) return fail('file', attachmentClosed(record.status))
    const id = await storeDocument(trx, upload, { kind: 'record_attachment', ownerId: fellow.id, recordId }, fellow, context)
    return { ok: true as const, id }
  })
}

/** A supervisor's proof of their own license; the newest is the one staff check. */
export async function addLicenseProof(supervisor: SessionUser, upload: Upload, context: AuditContext) {
  return writeTransaction((trx) => storeDocument(trx, upload, { kind: 'license_proof', ownerId: supervisor.id }, supervisor, context))
}

export type DocumentSummary = Awaited<ReturnType<typeof documentSummaries>>[number]

/** What lists show of documents: never the bytes. Newest first. */
export async function documentSummaries(filter: { ownerId: number; kind: DocumentKind } | { recordId: number }, executor: Database = db) {
  let query = executor
    .selectFrom('documents')
    .leftJoin('users as uploader', 'uploader.id', 'documents.uploaded_by')
    .select([
      'documents.id',
      'documents.kind',
      'documents.content_type as contentType',
      'documents.size',
      'documents.original_name as storedName',
      'documents.uploaded_at as uploadedAt',
      'documents.clearance_id as clearanceId',
      'uploader.name as uploadedBy',
    ])
    .orderBy('documents.uploaded_at', 'desc')
    .orderBy('documents.id', 'desc')
  query =
    'recordId' in filter
      ? query.where('documents.record_id', '=', filter.recordId)
      : query.where('documents.owner_id', '=', filter.ownerId).where('documents.kind', '=', filter.kind)
  const rows = await query.execute()
  return rows.map(({ storedName, ...row }) => ({ ...row, name: downloadName(storedName, row.contentType as DocumentType) }))
}

/** The documents a person's staff page shows: a fellow's clearance letters, a supervisor's license proofs. */
export async function personDocuments(person: { id: number; roles: readonly string[] }) {
  const [letters, licenseProofs] = await Promise.all([
    person.roles.includes('fellow') ? documentSummaries({ ownerId: person.id, kind: 'clearance_letter' }) : [],
    person.roles.includes('supervisor') ? documentSummaries({ ownerId: person.id, kind: 'license_proof' }) : [],
  ])
  return { letters, licenseProofs }
}

/**
 * The document named in the URL, if `user` may open it (documentAccess): else a 404, or a
 * logged 403 for a supervisor who is not the owner's. Its bytes are not read here.
 */
export async function requireViewableDocument(request: Request, user: SessionUser, idParam: string | undefined) {
  const id = positiveId(idParam)
  const document = id
    ? await db
        .selectFrom('documents')
        .leftJoin('records', 'records.id', 'documents.record_id')
        .select([
          'documents.id',
          'documents.owner_id',
          'documents.kind',
          'documents.content_type',
          'documents.size',
          'documents.original_name',
          'documents.record_id',
          'records.fellow_id as record_fellow_id',
          'records.decided_by as record_decided_by',
          'records.status as record_status',
        ])
        .where('documents.id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!document) throw notFound('There is no such document.')
  const record =
    document.record_id !== null && document.record_fellow_id !== null && document.record_status !== null
      ? { fellowId: document.record_fellow_id, decidedBy: document.record_decided_by, status: document.record_status }
      : null
  const assigned = user.roles.includes('supervisor') ? await isAssigned(user.id, record?.fellowId ?? document.owner_id) : false
  const access = documentAccess(user, { ownerId: document.owner_id, record }, assigned)
  if (access === 'hidden') throw notFound('There is no such document.')
  if (access === 'forbidden') throw await forbidden(request, user, 'supervisor not assigned to the document’s owner', `document:${document.id}`)
  return document
}

/**
 * The file as a download: always `attachment` (never shown inside the site), with the type its
 * bytes were found to be and `nosniff`, so no browser reads it as anything else. Every view is
 * logged, with who opened which document.
 */
export async function documentDownload(request: Request, user: SessionUser, idParam: string | undefined) {
  const document = await requireViewableDocument(request, user, idParam)
  const { content } = await db.selectFrom('documents').select('content').where('id', '=', document.id).executeTakeFirstOrThrow()
  const name = downloadName(document.original_name, document.content_type as DocumentType)
  await audit(auditContext(request), {
    actorId: user.id,
    action: 'document.view',
    subject: `document:${document.id}`,
    detail: { kind: document.kind, owner: document.owner_id, name },
  })
  return new Response(new Uint8Array(content.buffer as ArrayBuffer, content.byteOffset, content.byteLength), {
    headers: {
      'Content-Type': document.content_type,
      'Content-Length': String(content.byteLength),
      'Content-Disposition': contentDisposition(name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      // Opened from the download anyway, it runs nothing and loads nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
