import net from 'node:net'

/**
 * A TCP port nobody listens on right now, as the kernel hands it out for port 0.
 * Fixed ports collide with whatever else the machine runs (another test run, a dev
 * server); the small window between closing this probe and the server binding the
 * port is the price of letting the server bind it itself.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    // The app listens on 0.0.0.0 by default: probe the same address.
    probe.listen(0, '0.0.0.0', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
