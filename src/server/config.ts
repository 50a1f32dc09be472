import { accessSync, constants, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { normaliseBaseUrl, parseBaseUrlList } from '../domain/publicAddress.ts'
import { ROLES, type Role } from '../domain/types.ts'

/** Where the server keeps its data: a SQLite file (default) or a PostgreSQL database. */
export type DatabaseConfig = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string }

/** OpenID Connect sign-in (Microsoft Entra ID, OS2faktor …), done by the server with code + PKCE. */
export interface OidcConfig {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  /** Claim that names the account; matched against account e-mails. */
  readonly userClaim: string
  /** Claim holding group or role values (a string or a list). */
  readonly roleClaim: string
  /** Claim value → role; an account whose claim maps to a role gets that role at sign-in. */
  readonly roleMap: Readonly<Record<string, Role>>
}

/** The PEM files the server serves HTTPS with (TLS_CERT_FILE, TLS_KEY_FILE); read again on SIGHUP or a change. */
export interface TlsConfig {
  readonly certFile: string
  readonly keyFile: string
}

/** Everything the server reads from the environment, with defaults filled in. */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  readonly database: DatabaseConfig
  /** Built PWA to serve; null serves the API only. */
  readonly staticDir: string | null
  readonly sessionTtlMs: number
  readonly cookieSecure: boolean
  readonly logLevel: string
  /**
   * Whose X-Forwarded-* to believe: nobody (false), every peer (true), or only peers at these
   * addresses or CIDR ranges (the proxy's), so a client that reaches the server directly cannot
   * claim another IP or https.
   */
  readonly trustProxy: boolean | readonly string[]
  /** Extra origins allowed to send state-changing requests (besides the server's own). */
  readonly allowedOrigins: readonly string[]
  /** Tombstones older than this are purged; older cursors get `resetRequired`. */
  readonly tombstoneRetentionMs: number
  /** Audit log rows older than this many months are deleted by the daily deadline job. */
  readonly auditRetentionMonths: number
  readonly adminEmail: string
  readonly adminPassword: string | null
  /** Public base URL (https://superbruger.kommune.dk) for the OIDC redirect; null → from the request. */
  readonly publicUrl: string | null
  /** Addresses the app had before (FORMER_PUBLIC_URLS): labels printed with them still scan. */
  readonly formerPublicUrls: readonly string[]
  readonly oidc: OidcConfig | null
  /** Serve HTTPS with these files; null serves plain HTTP (e.g. behind a TLS-terminating proxy). */
  readonly tls: TlsConfig | null
  /** A plain-HTTP port that redirects every request to the HTTPS one; null for none. */
  readonly httpRedirectPort: number | null
}

const DAY = 24 * 60 * 60 * 1000

/** Thrown for an environment variable with an unusable value; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number ≥ ${min}, got "${raw}"`)
  return value
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`)
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/
const IPV6 = /^[0-9a-f:]+(\/\d{1,3})?$/i

/** Whether `entry` is an IPv4 or IPv6 address, optionally with a /prefix (as Fastify's trustProxy takes them). */
function isAddressOrRange(entry: string): boolean {
  const v4 = IPV4.exec(entry)
  if (v4) return v4.slice(1, 5).every((part) => Number(part) <= 255) && (v4[6] === undefined || Number(v4[6]) <= 32)
  return entry.includes(':') && IPV6.test(entry)
}

/** TRUST_PROXY: true/false, or the proxy's addresses and ranges, comma-separated ("127.0.0.1,10.0.0.0/8"). */
export function trustProxyFrom(env: NodeJS.ProcessEnv): boolean | readonly string[] {
  const raw = (env.TRUST_PROXY ?? '').trim()
  if (raw === '' || ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(raw.toLowerCase())) return flag(env, 'TRUST_PROXY', false)
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean)
  const bad = entries.find((entry) => !isAddressOrRange(entry))
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(`TRUST_PROXY must be true, false or the proxy's addresses (e.g. 127.0.0.1,10.0.0.0/8), got "${bad ?? raw}"`)
  }
  return entries
}

/** Chooses the back end from DATABASE_URL: absent → SQLite under data/, postgres:// → PostgreSQL, sqlite:<path> → that file. */
export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: resolve(cwd, 'data/superbruger.sqlite') }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '')
    return { kind: 'sqlite', file: path === ':memory:' ? path : resolve(cwd, path) }
  }
  throw new ConfigError(`DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got "${url}"`)
}


/** Parses OIDC_ROLE_MAP, e.g. "SB-Koordinator=koordinator,SB-Leder=leder". */
export function parseRoleMap(raw: string | undefined): Record<string, Role> {
  const map: Record<string, Role> = {}
  for (const pair of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=')
    const role = pair.slice(at + 1).trim() as Role
    if (at <= 0 || !ROLES.includes(role)) throw new ConfigError(`OIDC_ROLE_MAP entry "${pair}" must be value=${ROLES.join('|')}`)
    map[pair.slice(0, at).trim()] = role
  }
  return map
}

function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | null {
  if (!env.OIDC_ISSUER) return null
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET')
  return {
    issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET,
    userClaim: env.OIDC_USER_CLAIM || 'email', roleClaim: env.OIDC_ROLE_CLAIM || 'roles', roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
  }
}

function readableFile(env: NodeJS.ProcessEnv, name: string, cwd: string): string {
  const path = resolve(cwd, env[name] ?? '')
  try {
    if (!statSync(path).isFile()) throw new ConfigError(`${name} must name a file, but ${path} is not one`)
    accessSync(path, constants.R_OK)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new ConfigError(`${name} names ${path}, which cannot be read (${code})`)
  }
  return path
}

function tlsFrom(env: NodeJS.ProcessEnv, cwd: string): TlsConfig | null {
  const cert = env.TLS_CERT_FILE ?? ''
  const key = env.TLS_KEY_FILE ?? ''
  if (cert === '' && key === '') return null
  if (cert === '') throw new ConfigError('TLS_KEY_FILE is set but TLS_CERT_FILE is not: HTTPS needs both the certificate and its key')
  if (key === '') throw new ConfigError('TLS_CERT_FILE is set but TLS_KEY_FILE is not: HTTPS needs both the certificate and its key')
  return { certFile: readableFile(env, 'TLS_CERT_FILE', cwd), keyFile: readableFile(env, 'TLS_KEY_FILE', cwd) }
}

function redirectPortFrom(env: NodeJS.ProcessEnv, tls: TlsConfig | null, port: number): number | null {
  if (env.HTTP_REDIRECT_PORT === undefined || env.HTTP_REDIRECT_PORT === '') return null
  const redirect = integer(env, 'HTTP_REDIRECT_PORT', 0)
  if (!tls) throw new ConfigError('HTTP_REDIRECT_PORT redirects to HTTPS, so it needs TLS_CERT_FILE and TLS_KEY_FILE')
  if (redirect === port && port !== 0) throw new ConfigError(`HTTP_REDIRECT_PORT must differ from PORT (both ${port})`)
  return redirect
}

function publicUrlFrom(env: NodeJS.ProcessEnv): string | null {
  if (!env.PUBLIC_URL) return null
  const base = normaliseBaseUrl(env.PUBLIC_URL)
  if (base === null) throw new ConfigError(`PUBLIC_URL must be an http:// or https:// address like https://superbruger.kommune.dk, got "${env.PUBLIC_URL}"`)
  return base
}

function formerUrlsFrom(env: NodeJS.ProcessEnv): string[] {
  const { urls, invalid } = parseBaseUrlList(env.FORMER_PUBLIC_URLS ?? '')
  if (invalid.length > 0) throw new ConfigError(`FORMER_PUBLIC_URLS must be comma-separated http:// or https:// addresses; not one: "${invalid[0]}"`)
  return urls
}

/** Reads the configuration from environment variables (documented in src/server/CONFIG.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServerConfig {
  const port = integer(env, 'PORT', 8080)
  const tls = tlsFrom(env, cwd)
  return {
    port,
    host: env.HOST || 'localhost',
    database: parseDatabaseUrl(env.DATABASE_URL, cwd),
    staticDir: env.STATIC_DIR === '' ? null : resolve(cwd, env.STATIC_DIR ?? 'dist'),
    sessionTtlMs: integer(env, 'SESSION_TTL', 30 * 24 * 60 * 60, 60) * 1000,
    // A cookie marked Secure over HTTPS costs nothing; behind a TLS proxy it is set by hand.
    cookieSecure: flag(env, 'COOKIE_SECURE', tls !== null),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: trustProxyFrom(env),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    tombstoneRetentionMs: integer(env, 'TOMBSTONE_RETENTION_DAYS', 90, 1) * DAY,
    auditRetentionMonths: integer(env, 'AUDIT_RETENTION_MONTHS', 24, 1),
    adminEmail: (env.SUPERBRUGER_ADMIN_EMAIL || 'admin@superbruger.local').trim().toLowerCase(),
    adminPassword: env.SUPERBRUGER_ADMIN_PASSWORD || null,
    publicUrl: publicUrlFrom(env),
    formerPublicUrls: formerUrlsFrom(env),
    oidc: oidcFrom(env),
    tls,
    httpRedirectPort: redirectPortFrom(env, tls, port),
  }
}
