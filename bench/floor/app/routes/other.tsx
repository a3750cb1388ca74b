import { useParams } from '@remix-run/react'

/** The module behind the extra routes of the 50-route floor: they only need to exist. */
export default function Other() {
  const params = useParams()
  return <p>Other page {params.id}</p>
}
