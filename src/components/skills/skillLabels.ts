import type { SkillLevel } from '../../domain/records/person.ts'

/** The i18n key of a level's name (levels are stored in Danish with spaces, unfit as keys). */
export function levelKey(level: SkillLevel): string {
  return level === 'ekspert' ? 'skills.levelExpert' : 'skills.levelHelp'
}
