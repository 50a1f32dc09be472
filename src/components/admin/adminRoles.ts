import type { Role } from '../../domain/types.ts'

/** Every role in the order the role pickers list them (an admin may hand out all of them). */
export const ROLE_ORDER: readonly Role[] = ['superbruger', 'koordinator', 'leder', 'admin']
