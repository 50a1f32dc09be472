/**
 * Stand-in for @intlify/message-compiler in the app build. Every message is precompiled at
 * build time (unplugin-vue-i18n), so the runtime never compiles one; aliasing the compiler to
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

/** Never called at runtime: messages arrive precompiled. */
export function baseCompile(): never {
  throw new Error('Uncompiled i18n message: messages must be precompiled at build time')
}
