import type { Locator, Page } from 'playwright-core'

/** What has focus now, and whether a sighted keyboard user can see it. */
export interface FocusState {
  readonly description: string
  readonly visible: boolean
}

/**
 * The focused element, and whether it shows a focus indicator: an outline or box-shadow on
 * itself, or — for an input hidden inside a styled label (chips) — on that label.
 */
export async function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { description: '(nothing)', visible: false }
    const shows = (node: Element): boolean => {
      const style = getComputedStyle(node)
      const box = node.getBoundingClientRect()
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      return box.width > 1 && box.height > 1 && (outline || style.boxShadow !== 'none')
    }
    const label = el instanceof HTMLInputElement ? el.labels?.[0] : undefined
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
    const name = el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0].textContent?.trim().slice(0, 40) : text
    const style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    return {
      description: `<${el.tagName.toLowerCase()}> "${name ?? ''}" (outline ${style.outlineStyle} ${style.outlineWidth}, ${Math.round(box.width)}×${Math.round(box.height)})`,
      visible: shows(el) || (label !== undefined && label !== null && shows(label)),
    }
  })
}

/** True when `target` is the focused element. */
export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement)
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that the focus is
 * visible. Returns the stops where it was not (an empty list is what a keyboard user needs).
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean, max?: number } = {}): Promise<string[]> {
  const invisible: string[] = []
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    const state = await focusState(page)
    // "(nothing)": focus went past the end of the page into the browser's own controls.
    if (!state.visible && state.description !== '(nothing)') invisible.push(state.description)
    if (await isFocused(target)) return invisible
  }
  throw new Error(`Tab never reached the target; focus ended on ${(await focusState(page)).description}`)
}

/** The focused element's tag and text, for asserting where focus went after navigation. */
export async function focusedHeading(page: Page): Promise<{ tag: string, text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement
    return { tag: el?.tagName ?? '', text: el?.textContent?.trim() ?? '' }
  })
}
