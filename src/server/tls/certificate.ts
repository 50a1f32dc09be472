import { readFileSync, unwatchFile, watchFile } from 'node:fs'
import type { Server as HttpsServer } from 'node:https'
import { createSecureContext } from 'node:tls'
import type { FastifyBaseLogger } from 'fastify'
import { ConfigError, type TlsConfig } from '../config.ts'

/** A certificate chain and its private key, as read from the PEM files. */
export interface TlsPair {
  readonly cert: Buffer
  readonly key: Buffer
}

/** How often the certificate files are looked at for a change (a stat of each, nothing more). */
const WATCH_INTERVAL_MS = 1000

/**
 * Reads the PEM pair and proves Node can serve with it (both parse, and the key belongs to the
 * certificate); a ConfigError naming both variables otherwise.
 */
export function readTlsPair(tls: TlsConfig): TlsPair {
  const pair = { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }
  try {
    createSecureContext(pair)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ConfigError(`TLS_CERT_FILE (${tls.certFile}) and TLS_KEY_FILE (${tls.keyFile}) must hold a PEM certificate and its private key: ${reason}`)
  }
  return pair
}

/**
 * Serves a renewed certificate without a restart: on SIGHUP and whenever either file changes, the
 * pair is read again and handed to the server for new connections. A pair that does not load (a
 * half-written renewal, a key that does not match yet) is logged and the old one kept. Returns a
 * function that stops watching.
 */
export function watchCertificate(server: HttpsServer, tls: TlsConfig, log: FastifyBaseLogger): () => void {
  const reload = (reason: string) => {
    try {
      server.setSecureContext(readTlsPair(tls))
      log.info({ reason, certFile: tls.certFile }, 'TLS certificate reloaded')
    } catch (error) {
      log.error({ reason, err: error }, 'TLS certificate not reloaded; still serving the previous one')
    }
  }
  const onHangup = () => reload('SIGHUP')
  const onChange = (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
    if (current.mtimeMs !== previous.mtimeMs) reload('file changed')
  }
  process.on('SIGHUP', onHangup)
  watchFile(tls.certFile, { interval: WATCH_INTERVAL_MS, persistent: false }, onChange)
  watchFile(tls.keyFile, { interval: WATCH_INTERVAL_MS, persistent: false }, onChange)
  return () => {
    process.off('SIGHUP', onHangup)
    unwatchFile(tls.certFile, onChange)
    unwatchFile(tls.keyFile, onChange)
  }
}
