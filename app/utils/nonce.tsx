import { createContext, useContext, type ReactNode } from 'react'

// The per-request CSP nonce, so <Scripts> and <ScrollRestoration> can carry it.
const NonceContext = createContext('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export function useNonce() {
  return useContext(NonceContext)
}
