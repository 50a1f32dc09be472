// The compile-time check that a record's hand-written type and its valibot schema agree. Each
// record file ends with `type _XAgrees = NoDrift<Drift<ContentOf<X>, valibot.InferOutput<typeof XSchema>>>`:
// when a field's name, type or optionality differs, `npm run typecheck` fails and names the field.

/**
 * A type as it travels: brands dropped (an id is text on the wire), nothing readonly, and an open
 * key such as CategoryKey (`'acadre' | … | (string & {})`) as the `string` it is.
 */
export type Plain<T> =
  T extends string ? (string extends T ? string : T extends { readonly __brand: string } ? string : T)
    : T extends readonly (infer I)[] ? Plain<I>[]
      : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> }
        : T

/** true when A and B are the same type (not merely assignable to each other). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

type IsOptional<T, K extends keyof T> = Partial<Pick<T, K>> extends Pick<T, K> ? true : false

type Differs<A, B, K> = K extends keyof A
  ? K extends keyof B
    ? Same<[Plain<A[K]>, IsOptional<A, K>], [Plain<B[K]>, IsOptional<B, K>]> extends true ? never : K
    : K
  : K

/** The names of the fields that A and B do not share with the same (plain) type and optionality. */
export type Drift<A, B> = { [K in keyof A | keyof B]-?: Differs<A, B, K> }[keyof A | keyof B]

/** Accepts only `never`: `NoDrift<Drift<A, B>>` fails to compile, naming the fields, when A and B drift. */
export type NoDrift<Fields extends never> = Fields
