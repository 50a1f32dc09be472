/**
 * Stand-in for @intlify/message-compiler in the app build. Every message is compiled by our
 * own compileMessage (createI18n option messageCompiler), so vue-i18n never calls its compiler; aliasing it to
 * this stub keeps ~6 KB gzip out of the first screen's JavaScript.
 */
export const COMPILE_ERROR_CODES_EXTEND_POINT = 17
export const CompileErrorCodes: Readonly<Record<string, number>> = {}

/** An error object shaped like the compiler's. */
export function createCompileError(code: number, location?: unknown, options: { domain?: string } = {}): SyntaxError {
  return Object.assign(new SyntaxError(`i18n compile error ${code}`), { code, location, domain: options.domain })
}

/** Rethrows, as the compiler's default handler does. */
export function defaultOnError(error: unknown): never {
  throw error
}

/** Whether a message contains HTML (only used for development warnings). */
export function detectHtmlTag(source: string): boolean {
  return /<\/?[\w\s="/.':;#-]+>/.test(source)
}

/** Never called: compileMessage handles every message. */
export function baseCompile(): never {
  throw new Error('vue-i18n message compiler is not bundled; use compileMessage')
}
