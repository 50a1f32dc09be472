import type { FastifyError, FastifyInstance } from 'fastify'
import type { ApiErrorBody } from '../domain/protocol.ts'

/** Danish texts for every error code the API returns; clients may show `message` as is. */
export const ERROR_MESSAGES = {
  invalid_body: 'Data blev afvist, fordi de ikke har den rigtige form. Intet blev gemt.',
  invalid_query: 'Forespørgslen har en ugyldig værdi.',
  body_too_large: 'Der blev sendt for mange data på én gang. Intet blev gemt.',
  unsupported_media_type: 'Data skal sendes som JSON.',
  unauthenticated: 'Log ind for at synkronisere.',
  forbidden: 'Du har ikke adgang til dette.',
  cross_origin: 'Anmodningen kom fra en anden side og blev afvist.',
  client_not_yours: 'Denne enhed er knyttet til en anden bruger. Log ind som den bruger for at sende ændringerne.',
  mutation_gap: 'Nogle ændringer mangler i rækkefølgen. Appen sender dem igen.',
  invalid_credentials: 'Forkert e-mail eller adgangskode.',
  too_many_attempts: 'For mange forkerte forsøg. Vent 15 minutter, og prøv igen.',
  not_found: 'Det findes ikke.',
  report_text_required: 'Skriv hvad der er galt, før du sender.',
  not_delivered: 'Fejlmeldingen kunne ikke afleveres. Kontakt en superbruger i din afdeling.',
  too_many_reports: 'Der er sendt mange fejlmeldinger herfra på kort tid. Vent lidt, og prøv igen.',
  email_taken: 'Der findes allerede en konto med den e-mail.',
  last_admin: 'Der skal altid være mindst én aktiv administrator.',
  own_account: 'Du kan ikke deaktivere dig selv eller ændre din egen rolle. Bed en anden koordinator eller en administrator om det.',
  photo_too_large: 'Billedet er for stort. Et billede må højst fylde 300 KB; appen gør det mindre, før det sendes.',
  photo_not_image: 'Filen er ikke et billede. Vælg et foto (JPEG, PNG eller WebP).',
  photo_hash_mismatch: 'Billedet kom ikke helt frem. Appen sender det igen.',
  photo_not_linked: 'Billedet hører ikke til en henvendelse, et udstyr eller et tip, du har adgang til. Synkronisér først.',
  shutting_down: 'Serveren genstarter. Prøv igen om lidt.',
  server_error: 'Der skete en fejl på serveren. Prøv igen om lidt.',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/** An expected failure with its HTTP status; the error handler turns it into an ApiErrorBody. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, readonly details?: unknown) {
    super(ERROR_MESSAGES[code])
    this.name = 'ApiError'
  }
}

/** The JSON body of an error answer. */
export function errorBody(code: ErrorCode, details?: unknown): ApiErrorBody {
  return details === undefined ? { error: code, message: ERROR_MESSAGES[code] } : { error: code, message: ERROR_MESSAGES[code], details }
}

/** Fastify's own client errors (bad JSON, too large, wrong content type) mapped to our codes. */
function codeOfFastifyError(error: FastifyError): ErrorCode {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'body_too_large'
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type'
  return 'invalid_body'
}

/** Answers every error as `{ error, message }`: 4xx for anything the client caused, 500 only for bugs. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.code, error.details))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, reason: error.message }, 'client error')
      return reply.status(status).send(errorBody(codeOfFastifyError(error), error.message))
    }
    request.log.error({ err: error }, 'request failed')
    return reply.status(500).send(errorBody('server_error'))
  })
}
