import { AxeBuilder } from '@axe-core/playwright'
import type { Result } from 'axe-core'
import type { Page } from 'playwright-core'

/** The WCAG 2.1 A/AA rule tags the law (webtilgængelighedsloven) asks for. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** One rule broken on a screen: its impact and where. */
export interface Finding {
  readonly screen: string
  readonly rule: string
  readonly impact: string
  readonly help: string
  readonly targets: readonly string[]
}

/** Findings of one screen, split into those that fail the test and those only reported. */
export interface Audit {
  /** Every WCAG 2.1 A/AA violation, whatever its impact, and serious or critical best-practice ones. */
  readonly blocking: readonly Finding[]
  readonly other: readonly Finding[]
  /** Checks axe could not decide (e.g. contrast over a gradient): for a person to look at. */
  readonly review: readonly Finding[]
}

// Best-practice rules outside WCAG fail a screen only when serious or critical.
const BLOCKING = new Set(['serious', 'critical'])

function findingsOf(screen: string, results: readonly Result[], impact?: string): Finding[] {
  return results.map((r) => ({
    screen,
    rule: r.id,
    impact: impact ?? r.impact ?? 'unknown',
    help: r.help,
    targets: r.nodes.map((n) => n.target.join(' ')),
  }))
}

/**
 * Runs axe twice on what the page shows now: every rule (best practices included) and only the
 * WCAG 2.1 A/AA rules; a rule broken in both runs is reported once.
 */
export async function auditPage(page: Page, screen: string): Promise<Audit> {
  const all = await new AxeBuilder({ page }).analyze()
  const wcag = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const byRule = new Map<string, Finding>()
  for (const f of findingsOf(screen, [...all.violations, ...wcag.violations])) byRule.set(f.rule, f)
  const findings = [...byRule.values()]
  const law = new Set(wcag.violations.map((v) => v.id))
  const blocks = (f: Finding): boolean => law.has(f.rule) || BLOCKING.has(f.impact)
  return {
    blocking: findings.filter(blocks),
    other: findings.filter((f) => !blocks(f)),
    review: findingsOf(screen, wcag.incomplete, 'needs review'),
  }
}

/** One line per finding, for the test log and the failure message. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `[${f.impact}] ${f.screen}: ${f.rule} — ${f.help} (${f.targets.slice(0, 3).join(', ')})`).join('\n')
}
