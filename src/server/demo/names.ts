import type { Random } from './random.ts'

// Common Danish first names and surnames (Danmarks Statistik's most frequent), so the demo team
// looks like a real municipal department. Made-up people: any likeness is a coincidence.

const FIRST_NAMES: readonly string[] = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Helle', 'Anna', 'Susanne', 'Lene', 'Maria', 'Marianne',
  'Lone', 'Camilla', 'Pia', 'Louise', 'Charlotte', 'Tina', 'Gitte', 'Bente', 'Inge', 'Karen',
  'Julie', 'Sofie', 'Ida', 'Emma', 'Line', 'Trine', 'Rikke', 'Birgitte', 'Dorthe', 'Malene',
  'Signe', 'Cecilie', 'Katrine', 'Maja', 'Nanna', 'Stine', 'Mia', 'Jette', 'Vibeke', 'Tove',
  'Peter', 'Jens', 'Michael', 'Lars', 'Henrik', 'Thomas', 'Søren', 'Jan', 'Niels', 'Christian',
  'Martin', 'Anders', 'Morten', 'Jesper', 'Mads', 'Rasmus', 'Jørgen', 'Hans', 'Per', 'Ole',
  'Kim', 'Mikkel', 'Frederik', 'Nikolaj', 'Jakob', 'Kasper', 'Mathias', 'Simon', 'Bo', 'Torben',
  'Steen', 'Klaus', 'Allan', 'Carsten', 'Erik', 'Poul', 'Kristian', 'Jonas', 'Emil', 'Flemming',
]

const LAST_NAMES: readonly string[] = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen',
  'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen',
  'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen',
  'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt', 'Eriksen', 'Holm', 'Kristiansen',
  'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Jeppesen', 'Iversen', 'Østergaard', 'Vestergaard',
  'Nissen', 'Lauridsen', 'Kjær', 'Jespersen', 'Mogensen', 'Skov', 'Søndergaard', 'Bertelsen',
  'Nørgaard', 'Dam', 'Bach', 'Friis', 'Lindberg', 'Dalgaard', 'Bruun', 'Krogh',
]

/** Domain of every demo e-mail address; nothing is ever sent there. */
export const DEMO_EMAIL_DOMAIN = 'demo.superbruger.dk'

/** A made-up person: full name, unique initials and a unique e-mail. */
export interface DemoName {
  readonly name: string
  readonly initials: string
  readonly email: string
}

/** Lower-case ASCII for e-mail addresses: "Søren Østergaard" → "soeren.oestergaard". */
function ascii(text: string): string {
  return text.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z]/g, '')
}

function upperAscii(text: string): string {
  return ascii(text).toUpperCase()
}

/** Initials the way municipalities make them (first letter + start of surname), made unique. */
function initialsFor(first: string, last: string, taken: Set<string>): string {
  const f = upperAscii(first)
  const l = upperAscii(last)
  const candidates = [f.slice(0, 1) + l.slice(0, 2), f.slice(0, 2) + l.slice(0, 1), f.slice(0, 2) + l.slice(0, 2), f.slice(0, 1) + l.slice(0, 3)]
  for (let n = 2; ; n++) {
    const found = candidates.find((c) => !taken.has(c))
    if (found) {
      taken.add(found)
      return found
    }
    candidates.splice(0, candidates.length, `${f.slice(0, 1)}${l.slice(0, 2)}${n}`)
  }
}

/** `count` different people with unique names, initials and e-mails. */
export function makeNames(random: Random, count: number): DemoName[] {
  const seen = new Set<string>()
  const initials = new Set<string>()
  const out: DemoName[] = []
  while (out.length < count) {
    const first = random.pick(FIRST_NAMES)
    const last = random.pick(LAST_NAMES)
    const name = `${first} ${last}`
    if (seen.has(name)) continue
    seen.add(name)
    out.push({ name, initials: initialsFor(first, last, initials), email: `${ascii(first)}.${ascii(last)}@${DEMO_EMAIL_DOMAIN}` })
  }
  return out
}
