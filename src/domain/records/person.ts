import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { listOf, optId, short } from './fieldSchemas.ts'
import { type ContentOf, type DepartmentId, type PersonId, type SyncFields } from './fields.ts'

/** Every role, in the order screens list them: the one list of roles (schemas, config and admin read it). */
export const ROLES = ['superbruger', 'koordinator', 'leder', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** How well a person knows a skill: they can help, or they are the one to ask. */
export const SKILL_LEVELS = ['kan hjælpe', 'ekspert'] as const
export type SkillLevel = (typeof SKILL_LEVELS)[number]

/** One competence of a person: a team category or a free skill, with its level. */
export interface Skill {
  readonly name: string
  readonly level: SkillLevel
}

export interface Person extends SyncFields<PersonId> {
  readonly name: string
  readonly initials: string
  readonly email: string
  /** null for colleagues listed only as skill holders. */
  readonly role: Role | null
  readonly homeDepartmentId: DepartmentId | null
  /** The names of the person's skills; old clients read and write only this (see domain/skills.ts). */
  readonly competences: readonly string[]
  /** The levels of the skills in `competences`; absent on records from before levels (all "kan hjælpe"). */
  readonly skills?: readonly Skill[]
}

/** The content fields of a person as a client may send them. */
export const PersonSchema = /* @__PURE__ */ valibot.strictObject({
  name: short, initials: valibot.pipe(valibot.string(), valibot.maxLength(10)), email: valibot.pipe(valibot.string(), valibot.maxLength(254)),
  role: valibot.nullable(valibot.picklist(ROLES)), homeDepartmentId: optId, competences: listOf(short, 200),
  // Old clients send only `competences`; a new one also sends the levels.
  skills: valibot.optional(listOf(valibot.strictObject({ name: valibot.pipe(short, valibot.check((s) => s.trim() !== '', 'a skill needs a name')), level: valibot.picklist(SKILL_LEVELS) }), 200)),
})

type _PersonAgrees = NoDrift<Drift<ContentOf<Person>, valibot.InferOutput<typeof PersonSchema>>>
