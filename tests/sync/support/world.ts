import { createUser } from '../../../src/server/auth/users.ts'
import type { Role } from '../../../src/domain/records/person.ts'
import { startServer, type TestServer } from '../../server/support/harness.ts'
import type { BackendKind } from '../../server/support/backends.ts'
import { Device, listen } from './device.ts'

/** A real server (in-process, on a real database) with one team and signed-in devices. */
export interface World {
  readonly server: TestServer
  readonly baseUrl: string
  readonly teamId: string
  readonly devices: Device[]
  /** Creates an account in the team and a device signed in as it. */
  device(role?: Role, options?: { pullLimit?: number; pushLimit?: number }): Promise<Device>
  close(): Promise<void>
}

let accounts = 0

/** Starts the server on a fresh database of `kind` and listens on a free port. */
export async function startWorld(kind: BackendKind = 'sqlite'): Promise<World> {
  const server = await startServer(kind)
  const baseUrl = await listen(server.app)
  const teamId = await server.team()
  const devices: Device[] = []
  return {
    server, baseUrl, teamId, devices,
    async device(role = 'superbruger', options = {}) {
      const email = `user-${++accounts}@test.dk`
      await createUser(server.app.storage.db, { email, name: email, role, teams: [teamId], password: 'secret-pw' })
      const device = new Device(baseUrl, options)
      await device.signIn(email, 'secret-pw', teamId)
      devices.push(device)
      return device
    },
    async close() {
      for (const d of devices) await d.close()
      await server.app.close()
      await server.backend.drop()
    },
  }
}
