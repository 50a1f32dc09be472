/** Departments of Plan, Teknik & Miljø seeded on a new device until the server provides the team's own. */
export const DEFAULT_DEPARTMENTS: readonly string[] = [
  'Byggeri',
  'Plan',
  'Natur og Miljø',
  'Vej og Park',
  'Ejendomme',
  'Sekretariatet',
  'Direktionen',
]
