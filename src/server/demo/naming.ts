import type { NamingPattern } from '../../domain/records/team.ts'

/** The demo team's naming rules: a building case, a personnel case and a document name. */
export const DEMO_NAMING_PATTERNS: readonly NamingPattern[] = [
  {
    id: 'byggesag',
    name: 'Byggesag',
    pattern: '{Emne} – {Adresse} – {Matrikelnr.}',
    explanation: 'Emnet først, så sagen kan findes på det, der søges om. Adressen skrives som vejnavn og husnummer uden postnummer. Matrikelnummeret står med ejerlav, som det står i BBR.',
    examples: [
      'Tilbygning til enfamiliehus – Søndergade 12 – 14a Vester Bjerre By',
      'Nedrivning af garage – Skovvej 3 – 7b Nørreskov',
      'Carport – Bakkedraget 41 – 2ce Østerby',
    ],
  },
  {
    id: 'personalesag',
    name: 'Personalesag',
    pattern: 'Personalesag – {Fornavn og efternavn} – {Medarbejdernummer}',
    explanation: 'Personalesager oprettes altid med medarbejdernummer fra lønsystemet, aldrig med CPR-nummer. Sagen er fortrolig: husk at sætte adgangsbegrænsning på.',
    examples: ['Personalesag – Mette Holm Andersen – 104522', 'Personalesag – Jonas Krogh – 118830'],
  },
  {
    id: 'referat',
    name: 'Dokument: mødereferat',
    pattern: '{Dato ÅÅÅÅ-MM-DD} Referat – {Mødets navn}',
    explanation: 'Datoen står først som år-måned-dag, så referaterne sorterer af sig selv i sagen. Brug ikke skråstreg i datoen: dokumentet skal også kunne gemmes som fil.',
    examples: ['2026-11-24 Referat – Superbrugermøde', '2026-12-01 Referat – Styregruppe for digitalisering'],
  },
]
