import nodemailer from 'nodemailer'
import type { HandOffReason } from '../../domain/handOff.ts'
import type { HandOffMail } from './message.ts'

/** Sends one hand-off mail; resolves when the mail server accepted it. */
export type SendMail = (mail: HandOffMail) => Promise<void>

/** Longest wait for the mail server at each step; a slower one counts as "not reachable" (tried again). */
const TIMEOUT_MS = 30_000

/** A sender over SMTP (SMTP_URL) from `from` to the helpdesk address. */
export function smtpSender(smtpUrl: string, from: string, to: string): SendMail {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
  } as never)
  return async (mail) => {
    await transport.sendMail({ from, to, subject: mail.subject, text: mail.text, messageId: mail.messageId, attachments: [...mail.attachments] })
  }
}

/**
 * Whether an SMTP failure is the person's to act on (a refused address: fixed in the settings,
 * then sent again) or passes by itself (server down, 4xx "try later"): then the mail waits.
 */
export function mailFailureReason(error: unknown): { reason: HandOffReason; retry: boolean } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown }
  const smtpCode = typeof responseCode === 'number' ? responseCode : 0
  if (smtpCode >= 500 && smtpCode < 600) return { reason: 'mail_address_refused', retry: false }
  if (code === 'EENVELOPE' && smtpCode === 0) return { reason: 'mail_address_refused', retry: false }
  return { reason: 'mail_unavailable', retry: true }
}
