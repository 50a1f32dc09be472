import { accessSync, constants, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { normaliseBaseUrl, parseBaseUrlList } from '../domain/publicAddress.ts'
import { ROLES, type Role } from '../domain/records/person.ts'

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

/** TOPdesk's REST API, where the server creates incidents (TOPDESK_URL, TOPDESK_USER, TOPDESK_APP_PASSWORD). */
export interface TopdeskConfig {
  /** Base address, e.g. https://kommune.topdesk.net (the API is under /tas/api). */
  readonly url: string
  readonly user: string
  readonly appPassword: string
  /** Our category key → TOPdesk's category and subcategory names (TOPDESK_CATEGORIES); unmapped ones are left out. */
  readonly categories: Readonly<Record<string, { readonly category: string; readonly subcategory: string | null }>>
}

/** The hand-off to central IT: mail over SMTP (always offered) and TOPdesk (when configured). */
export interface HandOffConfig {
  /** smtp://user:pass@host:587 or smtps://…; null: mail hand-offs fail with "not configured". */
  readonly smtpUrl: string | null
  readonly helpdeskEmail: string | null
  /** The From address of the mails (MAIL_FROM). */
  readonly mailFrom: string
  readonly topdesk: TopdeskConfig | null
  /** How often the status of an open incident is asked (HANDOFF_FOLLOW_UP_MINUTES, default 15). */
  readonly followUpMs: number
  /** How often a round runs when no push wakes it (default a minute; end-to-end tests make it short). */
  readonly roundEveryMs?: number
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
  /** The hand-off to central IT; absent: no hand-off job runs on this instance (tests that do not need it). */
  readonly handOff?: HandOffConfig
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

/** Parses TOPDESK_CATEGORIES, e.g. "hardware=Hardware/Printer;telefoni=Telefoni": our key = category[/subcategory]. */
export function parseTopdeskCategories(raw: string | undefined): Record<string, { category: string; subcategory: string | null }> {
  const map: Record<string, { category: string; subcategory: string | null }> = {}
  for (const pair of (raw ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
    const at = pair.indexOf('=')
    const [category, subcategory] = pair.slice(at + 1).split('/').map((s) => s.trim())
    if (at <= 0 || !category) throw new ConfigError(`TOPDESK_CATEGORIES entry "${pair}" must be key=Category or key=Category/Subcategory`)
    map[pair.slice(0, at).trim()] = { category, subcategory: subcategory || null }
  }
  return map
}

function topdeskFrom(env: NodeJS.ProcessEnv): TopdeskConfig | null {
  if (!env.TOPDESK_URL) return null
  const url = normaliseBaseUrl(env.TOPDESK_URL)
  if (url === null) throw new ConfigError(`TOPDESK_URL must be an http:// or https:// address like https://kommune.topdesk.net, got "${env.TOPDESK_URL}"`)
  if (!env.TOPDESK_USER || !env.TOPDESK_APP_PASSWORD) throw new ConfigError('TOPDESK_URL needs TOPDESK_USER and TOPDESK_APP_PASSWORD (an application password of the operator)')
  return { url, user: env.TOPDESK_USER, appPassword: env.TOPDESK_APP_PASSWORD, categories: parseTopdeskCategories(env.TOPDESK_CATEGORIES) }
}

/** Reads the hand-off settings (SMTP_URL, HELPDESK_EMAIL, MAIL_FROM, TOPDESK_*, HANDOFF_FOLLOW_UP_MINUTES). */
export function handOffFrom(env: NodeJS.ProcessEnv): HandOffConfig {
  const smtpUrl = env.SMTP_URL || null
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl.replace(/:[^:@/]*@/, ':***@')}"`)
  const helpdeskEmail = env.HELPDESK_EMAIL?.trim() || null
  if (helpdeskEmail !== null && !/^[^@\s]+@[^@\s]+$/.test(helpdeskEmail)) throw new ConfigError(`HELPDESK_EMAIL must be an e-mail address, got "${helpdeskEmail}"`)
  return {
    smtpUrl, helpdeskEmail, mailFrom: env.MAIL_FROM?.trim() || 'superbruger@localhost', topdesk: topdeskFrom(env),
    followUpMs: integer(env, 'HANDOFF_FOLLOW_UP_MINUTES', 15, 1) * 60_000,
  }
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
    handOff: handOffFrom(env),
  }
}
