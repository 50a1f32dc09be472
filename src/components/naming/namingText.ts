import { MAX_FIELD_NAME, MAX_FIELDS, MAX_PATTERN_LENGTH, type PatternError } from '../../domain/namingPattern.ts'
import { MAX_EXAMPLE, MAX_EXAMPLES, MAX_EXPLANATION, MAX_NAMING_PATTERNS, MAX_RULE_NAME, type NamingProblem } from '../../domain/namingRules.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The example pattern the help texts show (passed in, since braces in a message are placeholders). */
export const EXAMPLE_PATTERN = '{Emne} – {Adresse} – {Matrikel}'

/** The Danish (or English) sentence for what is wrong with a pattern. */
export function patternErrorText(error: PatternError, t: Translate): string {
  const at = 'at' in error ? error.at : 0
  const max = error.code === 'tooLong' ? MAX_PATTERN_LENGTH : error.code === 'tooManyFields' ? MAX_FIELDS : MAX_FIELD_NAME
  return t(`naming.patternErrors.${error.code}`, { at, max, example: '{Emne}' })
}

/** The sentence for a problem the rules editor must fix (the pattern's via patternErrorText). */
export function namingProblemText(problem: NamingProblem, t: Translate): string {
  switch (problem.field) {
    case 'list': return t('naming.admin.errors.tooMany', { max: MAX_NAMING_PATTERNS })
    case 'pattern': return patternErrorText(problem.error, t)
    case 'name':
      if (problem.code === 'required') return t('naming.admin.errors.nameRequired')
      if (problem.code === 'duplicate') return t('naming.admin.errors.nameDuplicate')
      return t('naming.admin.errors.nameTooLong', { max: MAX_RULE_NAME })
    case 'explanation': return t('naming.admin.errors.explanationTooLong', { max: MAX_EXPLANATION })
    case 'examples':
      return problem.code === 'tooMany'
        ? t('naming.admin.errors.examplesTooMany', { max: MAX_EXAMPLES })
        : t('naming.admin.errors.examplesTooLong', { max: MAX_EXAMPLE })
  }
}
