import type { Flash } from '#app/utils/flash.server.ts'

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <div className={`alert alert-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </div>
  )
}
