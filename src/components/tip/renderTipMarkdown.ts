import { createTipMarkdownRenderer, type TipImages } from '../../domain/tipMarkdown.ts'

/**
 * Turns a tip's markdown body into HTML that is safe for `v-html` (see createTipMarkdownRenderer:
 * the same rules the server's public tip page uses), showing the tip's own photos as `images` says.
 */
export const renderTipMarkdown: (markdown: string, images?: TipImages) => string = createTipMarkdownRenderer(window)
