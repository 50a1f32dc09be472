import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A self-signed certificate for localhost, 127.0.0.1 and any further host names, made by the machine's openssl. */
export interface TestCertificate {
  readonly certFile: string
  readonly keyFile: string
  readonly pem: string
  /** SHA-256 fingerprint as node's TLS socket reports it. */
  readonly fingerprint256: string
}

/**
 * Writes a fresh key and self-signed certificate (`name` as its common name) to `dir`/`prefix`.pem
 * files, overwriting earlier ones. Valid from openssl's now for ten years, so it holds under
 * CI's clock run 548 days ahead whether or not faketime reaches the openssl child process.
 */
export function makeCertificate(dir: string, name: string, prefix = 'server', hosts: readonly string[] = []): TestCertificate {
  const certFile = join(dir, `${prefix}-cert.pem`)
  const keyFile = join(dir, `${prefix}-key.pem`)
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '3650', '-subj', `/CN=${name}`,
    '-addext', `subjectAltName=${['DNS:localhost', 'IP:127.0.0.1', ...hosts.map((h) => `DNS:${h}`)].join(',')}`,
  ], { stdio: 'pipe' })
  const pem = readFileSync(certFile, 'utf8')
  return { certFile, keyFile, pem, fingerprint256: new X509Certificate(pem).fingerprint256 }
}
