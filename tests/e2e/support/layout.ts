import type { Page } from 'playwright-core'

/** How far the page scrolls sideways, and the elements that stick out to the right. */
export interface Overflow {
  readonly scrollWidth: number
  readonly clientWidth: number
  readonly offenders: readonly string[]
}

/** Measures horizontal overflow of the whole document (WCAG 1.4.10 reflow). */
export async function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.documentElement
    const width = root.clientWidth
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${Array.from(el.classList, (c) => `.${c}`).join('')}`
    const offenders: string[] = []
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.right <= width + 0.5) continue
      // A child of an element that already sticks out says nothing new.
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5) continue
      offenders.push(`${name(el)} right=${Math.round(box.right)}`)
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, offenders: offenders.slice(0, 8) }
  })
}

/**
 * Interactive elements smaller than `min`×`min` CSS px. A checkbox or radio counts with its label
 * (the label is the target); a link that is inline text in a paragraph is exempt (WCAG 2.5.5).
 */
export async function smallTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((minimum) => {
    const out: string[] = []
    const selector = 'button, a[href], input, select, textarea, [role="button"], summary'
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden], [inert]')) continue
      let box = el.getBoundingClientRect()
      const input = el instanceof HTMLInputElement ? el : null
      const label = input?.labels?.[0] ?? null
      if (input && label && (input.type === 'checkbox' || input.type === 'radio' || box.width <= 1)) box = label.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.right <= 0 || box.bottom <= 0) continue
      if (el.tagName === 'A' && style.display === 'inline' && el.closest('p')) continue
      if (box.width + 0.5 >= minimum && box.height + 0.5 >= minimum) continue
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      out.push(`<${el.tagName.toLowerCase()}${input ? ` type=${input.type}` : ''}> "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`)
    }
    return out
  }, min)
}

/** The longest animation or transition any element has now, in ms, and the root's scroll-behavior. */
export async function motionOf(page: Page): Promise<{ longestMs: number, scrollBehavior: string, running: number }> {
  return page.evaluate(() => {
    const ms = (value: string): number => Math.max(...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000)))
    let longest = 0
    for (const el of [document.documentElement, ...Array.from(document.body.querySelectorAll('*'))]) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(el, pseudo)
        const anim = style.animationName === 'none' ? 0 : ms(style.animationDuration)
        const trans = style.transitionProperty === 'none' ? 0 : ms(style.transitionDuration)
        longest = Math.max(longest, anim, trans)
      }
    }
    const running = document.getAnimations().filter((a) => {
      const timing = a.effect?.getComputedTiming()
      return a.playState === 'running' && Number(timing?.duration ?? 0) > 10
    }).length
    return { longestMs: longest, scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior, running }
  })
}
