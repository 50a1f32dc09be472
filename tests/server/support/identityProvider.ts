import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** A person known to the test identity provider. */
export interface IdpAccount {
  readonly sub: string
  readonly email: string
  readonly roles: readonly string[]
}

/** A real OpenID Connect provider (oidc-provider) on a free local port. */
export interface TestIdentityProvider {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  close(): Promise<void>
}

/** Starts oidc-provider with one confidential client that must use PKCE, and the given accounts. */
export async function startIdentityProvider(accounts: readonly IdpAccount[], redirectUri: string): Promise<TestIdentityProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'superbruger'
  const clientSecret = 'test-secret-that-is-long-enough-0123456789'
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'roles'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.find((a) => a.sub === sub)
      if (!account) return undefined
      return { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: true, name: sub, roles: account.roles }) }
    },
  })
  server.on('request', provider.callback())
  return {
    issuer, clientId, clientSecret,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/** Cookies per host, enough for following redirects like a browser. */
class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>()

  store(url: URL, response: Response): void {
    const jar = this.#cookies.get(url.host) ?? new Map<string, string>()
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const value = pair!.slice(at + 1)
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(pair!.slice(0, at))
      else jar.set(pair!.slice(0, at), value)
    }
    this.#cookies.set(url.host, jar)
  }

  header(url: URL): string {
    return [...(this.#cookies.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  get(host: string, name: string): string | undefined {
    return this.#cookies.get(host)?.get(name)
  }
}

/**
 * Drives the browser side of a sign-in: follows redirects, and on the provider's login and
 * consent pages submits `login` like a user would. Returns the final redirect target in the app
 * and the cookie jar.
 */
export async function browserSignIn(startUrl: string, login: string): Promise<{ finalUrl: URL; jar: CookieJar }> {
  const jar = new CookieJar()
  let url = new URL(startUrl)
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } })
    jar.store(url, response)
    const location = response.headers.get('location')
    if (location) {
      url = new URL(location, url)
      continue
    }
    const html = await response.text()
    const form = /action="([^"]+)"/.exec(html)
    const prompt = /name="prompt" value="(\w+)"/.exec(html)
    if (response.status !== 200 || !form || !prompt) return { finalUrl: url, jar }
    const action = new URL(form[1]!.replace(/&amp;/g, '&'), url)
    const body = new URLSearchParams(prompt[1] === 'login' ? { prompt: 'login', login, password: 'anything' } : { prompt: prompt[1]! })
    const submitted = await fetch(action, { method: 'POST', redirect: 'manual', body, headers: { cookie: jar.header(action), 'content-type': 'application/x-www-form-urlencoded' } })
    jar.store(action, submitted)
    url = new URL(submitted.headers.get('location') ?? action.href, action)
  }
  throw new Error('too many redirects')
}
