// What time is logged as: the superusers' activities, in the order every screen and report lists
// them. Kept out of the time entry's record file (records/timeEntry.ts), which holds its schema:
// the first screen needs this list, and a module the first screen imports is bundled whole with it
// (with the schema library) once a later screen uses its schema.
export const ACTIVITIES = ['daglig hjælp', 'udvikling', 'videndeling', 'superbrugermøde', 'brugertest', 'databeskyttelse'] as const
export type Activity = (typeof ACTIVITIES)[number]
