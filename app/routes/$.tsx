import { notFound } from '#app/auth/guard.server.ts'

// Any path no other route claims: the root error boundary renders the 404 page.
export async function loader() {
  throw notFound()
}

export default function NotFound() {
  return null
}
