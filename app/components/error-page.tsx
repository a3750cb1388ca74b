import { Link, isRouteErrorResponse } from '@remix-run/react'

const COPY: Record<number, { title: string; text: string }> = {
  400: { title: 'That request was not valid', text: 'Something in the request could not be understood.' },
  403: {
    title: 'You do not have access to this page',
    text: 'Your account does not have the role this page needs. If you think it should, ask institute staff.',
  },
  404: { title: 'Page not found', text: 'We could not find what you were looking for. It may have moved or never existed.' },
  503: { title: 'Nothing was saved', text: 'The server cannot store anything right now. Please try again later.' },
}

export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500
  const copy = COPY[status] ?? {
    title: 'Something went wrong',
    text: 'An unexpected error happened on our side. Please try again; if it keeps happening, tell institute staff.',
  }
  const detail =
    isRouteErrorResponse(error) && error.data && typeof error.data === 'object' && 'message' in error.data
      ? String((error.data as { message: unknown }).message)
      : null
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="code" aria-hidden="true">
        {status}
      </p>
      <h1 id="error-title">{copy.title}</h1>
      <p>{detail && detail !== copy.title ? detail : copy.text}</p>
      <p>
        <Link to="/">Go to your dashboard</Link>
      </p>
    </section>
  )
}
