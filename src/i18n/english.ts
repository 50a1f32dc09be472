/** The English first-screen strings (i18n/en/<feature>.json), one chunk loaded when English is chosen. */
export const englishBase: Record<string, unknown> = import.meta.glob('./en/*.json', { eager: true, import: 'default' })
