import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { setLocale, type Locale } from '../i18n/i18n.ts'

export type Theme = 'system' | 'light' | 'dark'

const LOCALE_KEY = 'superbruger.locale'
const THEME_KEY = 'superbruger.theme'

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const value = localStorage.getItem(key)
  return allowed.includes(value as T) ? (value as T) : fallback
}

/** Device preferences (language, theme), kept in localStorage so they apply before data loads. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = shallowRef<Locale>(stored(LOCALE_KEY, ['da', 'en'], 'da'))
  const theme = shallowRef<Theme>(stored(THEME_KEY, ['system', 'light', 'dark'], 'system'))

  /** Applies the stored preferences to the page; call once at start. */
  async function apply(): Promise<void> {
    applyTheme(theme.value)
    if (locale.value !== 'da') await setLocale(locale.value)
  }

  async function chooseLocale(value: Locale): Promise<void> {
    await setLocale(value)
    locale.value = value
    localStorage.setItem(LOCALE_KEY, value)
  }

  function chooseTheme(value: Theme): void {
    theme.value = value
    localStorage.setItem(THEME_KEY, value)
    applyTheme(value)
  }

  return { locale, theme, apply, chooseLocale, chooseTheme }
})

function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}
