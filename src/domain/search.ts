/** Lower-cased, de-duplicated words (letters and digits, Danish letters kept) of the given texts. */
export function wordsOf(texts: readonly unknown[]): string[] {
  const words = new Set<string>()
  for (const text of texts) {
    if (typeof text !== 'string') continue
    for (const word of text.toLocaleLowerCase('da').split(/[^\p{L}\p{N}]+/u)) {
      if (word.length > 0) words.add(word)
    }
  }
  return [...words]
}

/** The words of a search query, in the same form as `wordsOf`. */
export function queryWords(query: string): string[] {
  return wordsOf([query])
}
