import { useEffect, useRef } from 'react'
import type { Flash } from '#app/utils/flash.server.ts'

/**
 * What a submission came to ("Saved", a refusal after a redirect): where the eyes are. It takes
 * the focus, which scrolls it into view and has a screen reader read it: `autofocus` in the HTML
 * when the page itself is the answer (without JavaScript), and on each new message with it.
 */
export function FlashMessage({ flash }: { flash: Flash }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [flash])
  return (
    // eslint-disable-next-line jsx-a11y/no-autofocus -- the message is the answer to what the reader just did
    <div ref={ref} tabIndex={-1} autoFocus className={`alert alert-${flash.kind} flash`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </div>
  )
}
