/** How a text reached the person: on the clipboard, or selected on screen for them to copy. */
export type CopyOutcome = 'copied' | 'selected'

/**
 * Puts `text` on the clipboard. Where the Clipboard API is missing or refused (an old browser, no
 * permission, plain http), the text in `field` is selected instead, so the person copies it with
 * one gesture, and the browser's own copy command is tried on the selection.
 */
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<CopyOutcome> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return 'copied'
    }
  } catch {
    // Refused: fall back to the selection below.
  }
  if (!field) return 'selected'
  field.focus()
  field.select()
  field.setSelectionRange(0, field.value.length)
  try {
    return document.execCommand('copy') ? 'copied' : 'selected'
  } catch {
    return 'selected'
  }
}
