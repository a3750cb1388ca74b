import { useNavigate } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'

/** Marks the anchors that the root's one click listener turns into client-side navigations (written out in ListLink). */
const LIST_LINK = 'data-list-link'

type ListLinkProps = { to: `/${string}`; children: ReactNode; className?: string; 'aria-label'?: string }

/**
 * A link in a long list (a page of 100 records, a cohort of 50): a plain anchor to a path of this
 * site. Remix's <Link> resolves its path and sets up prefetching on every render, about 8 µs
 * each; on a page of 300 links that was a tenth of the server's time for the page. Without
 * JavaScript it is an ordinary link; with it, useListLinkNavigation navigates without a reload,
 * as <Link> does. Its few attributes are named rather than spread: copying the props twice over
 * was a few per cent of the 100-row queue page's time.
 */
export function ListLink({ to, children, className, 'aria-label': label }: ListLinkProps) {
  return (
    <a href={to} className={className} aria-label={label} data-list-link="">
      {children}
    </a>
  )
}

/** One listener for every ListLink on the page; a click with a modifier key (a new tab) is left to the browser. */
export function useListLinkNavigation() {
  const navigate = useNavigate()
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const anchor = event.target instanceof Element ? event.target.closest(`a[${LIST_LINK}]`) : null
      if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== '_self')) return
      event.preventDefault()
      navigate(anchor.getAttribute('href')!)
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [navigate])
}
