import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useTeamLists } from '../../composables/useTeamLists.ts'
import { TIP_CATEGORIES, tipCategoryKeys } from '../../domain/tipSearch.ts'
import type { CategoryKey } from '../../domain/records/request.ts'

export interface UseTipCategoriesReturn {
  /** The categories a tip can have: the group's list, then the team's own. */
  keys: ComputedRef<CategoryKey[]>
  /** The name to show for a tip's category (null: "Uden kategori"). */
  categoryName(key: CategoryKey | null): string
}

const FIXED: readonly string[] = TIP_CATEGORIES

/** The tip categories of the signed-in team with their names in the current language. */
export function useTipCategories(): UseTipCategoriesReturn {
  const { t } = useI18n()
  const lists = useTeamLists()
  const keys = computed(() => tipCategoryKeys(lists.categories.value))

  function categoryName(key: CategoryKey | null): string {
    if (key === null) return t('tips.noCategory')
    return FIXED.includes(key) ? t(`tips.categories.${key}`) : lists.categoryName(key)
  }

  return { keys, categoryName }
}
