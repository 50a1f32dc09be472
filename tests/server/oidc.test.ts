import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { roleFromClaims, safeReturnPath } from '../../src/server/auth/oidc.ts'
import { createUser } from '../../src/server/auth/users.ts'
import { parseRoleMap } from '../../src/server/config.ts'
import { createBackend, describeBackends } from './support/backends.ts'
import { startServer, type TestServer } from './support/harness.ts'
import { browserSignIn, startIdentityProvider, type TestIdentityProvider } from './support/identityProvider.ts'

describe('OIDC claim mapping', () => {
  const map = parseRoleMap('SB-Superbruger=superbruger, SB-Koordinator=koordinator,SB-Leder=leder')
  const cases: Array<[unknown, string | null]> = [
    [['SB-Superbruger'], 'superbruger'], [['SB-Leder', 'SB-Koordinator'], 'koordinator'], ['SB-Leder', 'leder'],
    [['Andet'], null], [undefined, null], [[], null],
  ]
  for (const [roles, expected] of cases) {
    it(`${JSON.stringify(roles)} → ${expected}`, () => expect(roleFromClaims({ roles }, 'roles', map)).toBe(expected))
  }
  it('refuses a map naming an unknown role', () => expect(() => parseRoleMap('x=chef')).toThrow(/OIDC_ROLE_MAP/))
  const paths: Array<[unknown, string]> = [['/tid', '/tid'], ['//evil.example', '/'], ['https://evil.example', '/'], ['/\\evil', '/'], [undefined, '/']]
  for (const [value, expected] of paths) it(`return path ${String(value)} → ${expected}`, () => expect(safeReturnPath(value)).toBe(expected))
})

describeBackends('OpenID Connect sign-in against a real provider', (kind) => {
  let server: TestServer | null = null
  let idp: TestIdentityProvider | null = null

  afterEach(async () => {
    await server?.app.close()
    await server?.backend.drop()
    await idp?.close()
    server = null
    idp = null
  })

  /** App server on a real port, provider registered with its callback URL. */
  async function setup() {
    const backend = await createBackend(kind)
    // The app's port must be known before the provider registers the redirect URI: bind first.
    const probe = await startServer(kind, {}, backend)
    await probe.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (probe.app.server.address() as AddressInfo).port
    await probe.app.close()
    const base = `http://127.0.0.1:${port}`
    idp = await startIdentityProvider([
      { sub: 'mette', email: 'Mette@Kommune.dk', roles: ['SB-Koordinator'] },
      { sub: 'stranger', email: 'stranger@kommune.dk', roles: [] },
    ], `${base}/api/auth/oidc/callback`)
    server = await startServer(kind, {
      publicUrl: base,
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, userClaim: 'email', roleClaim: 'roles', roleMap: parseRoleMap('SB-Koordinator=koordinator') },
    }, backend)
    await server.app.listen({ port, host: '127.0.0.1' })
    const team = await server.team()
    const mette = await createUser(server.app.storage.db, { email: 'mette@kommune.dk', name: 'Mette', role: 'superbruger', teams: [team] })
    return { base, team, mette }
  }

  it('signs a known account in with code + PKCE, maps the role claim and returns to the app', async () => {
    const { base, mette, team } = await setup()
    expect(await (await fetch(`${base}/api/auth/methods`)).json()).toEqual({ password: true, oidc: true })
    const { finalUrl, jar } = await browserSignIn(`${base}/api/auth/oidc/start?returnTo=/tid`, 'mette')
    expect(finalUrl.href).toBe(`${base}/tid`)
    const session = jar.get(new URL(base).host, 'sb_session')
    expect(session).toBeTruthy()
    const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `sb_session=${session}` } })).json() as { user: unknown }
    expect(me.user).toMatchObject({ id: mette.id, role: 'koordinator', teams: [team] })
  })

  it('sends an account the app does not know back to the sign-in page without a session', async () => {
    const { base } = await setup()
    const { finalUrl, jar } = await browserSignIn(`${base}/api/auth/oidc/start`, 'stranger')
    expect(finalUrl.pathname + finalUrl.search).toBe('/log-ind?fejl=ukendt-bruger')
    expect(jar.get(new URL(base).host, 'sb_session')).toBeUndefined()
  })

  it('refuses a callback whose state was not started in this browser', async () => {
    const { base } = await setup()
    const forged = await fetch(`${base}/api/auth/oidc/callback?code=abc&state=forged`, { redirect: 'manual', headers: { cookie: 'sb_oidc=forged' } })
    expect(forged.status).toBe(302)
    expect(forged.headers.get('location')).toBe('/log-ind?fejl=oidc-udloebet')
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('sb_session='))).toBe(false)
  })
})
