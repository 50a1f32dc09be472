import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** A real SMTP server in this process that keeps every mail it accepted, parsed back with mailparser. */
export interface SmtpSink {
  readonly url: string
  readonly port: number
  readonly mails: ParsedMail[]
  /** While true, every connection is turned away with 421 (the server is "down for a while"). */
  down: boolean
  /** Recipients refused with 550 (no such mailbox). */
  readonly refuse: Set<string>
  stop(): Promise<void>
}

/** Starts the sink on a free port (or `port`), without TLS or authentication. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink = { mails: [] as ParsedMail[], down: false, refuse: new Set<string>() }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (sink.down) return callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }))
      return callback()
    },
    onRcptTo(address, _session, callback) {
      if (sink.refuse.has(address.address.toLowerCase())) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }))
      return callback()
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        sink.mails.push(mail)
        callback()
      }, (error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const actual = (server.server.address() as AddressInfo).port
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${actual}`, port: actual,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}
