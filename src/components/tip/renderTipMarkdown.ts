import { createTipMarkdownRenderer } from '../../domain/tipMarkdown.ts'

/**
 * Turns a tip's markdown body into HTML that is safe for `v-html` (see createTipMarkdownRenderer:
 * the same rules the server's public tip page uses).
 */
export const renderTipMarkdown: (markdown: string) => string = createTipMarkdownRenderer(window)
