import { createRouter, createWebHistory, START_LOCATION, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'
import { loadFeatureMessages, type Feature } from './i18n/i18n.ts'
import { useSessionStore } from './stores/session.ts'
import { mayWrite } from './composables/useCanWrite.ts'
import { warmReportWorker } from './db/reportWorkerHandle.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** Features whose on-demand strings (i18n/<locale>/lazy/) the route's screen uses. */
    messages?: readonly Feature[]
    /** The screen renders before the device profile is read (Home's static part paints at once). */
    profileOptional?: boolean
    /** The screen only writes: a user who may not write (a leder) is sent to this route, its list, instead. */
    writeOnly?: string
  }
}

/** Route meta naming the features whose lazy strings the screen needs (tests/unit/i18n checks it). */
const needs = (...messages: Feature[]): { messages: Feature[] } => ({ messages })
/** Route meta of a form that only writes; a user who may not write lands on `list`, which says why. */
const writes = (list: string, ...messages: Feature[]): { messages: Feature[], writeOnly: string } => ({ messages, writeOnly: list })

/** Every route of the app. Only Home is in the first bundle; the rest load on demand. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { profileOptional: true } },

  { path: '/henvendelser', name: 'requests', component: () => import('./views/RequestListView.vue'), meta: needs('requests') },
  { path: '/henvendelser/ny', name: 'request-new', component: () => import('./views/RequestFormView.vue'), meta: writes('requests', 'common', 'requests') },
  { path: '/henvendelser/:id', name: 'request', component: () => import('./views/RequestDetailView.vue'), props: true, meta: needs('common', 'requests') },
  { path: '/henvendelser/:id/rediger', name: 'request-edit', component: () => import('./views/RequestFormView.vue'), props: true, meta: writes('requests', 'common', 'requests') },

  { path: '/tid', name: 'time', component: () => import('./views/TimeWeekView.vue'), meta: needs('time') },
  { path: '/tid/maaned', name: 'time-month', component: () => import('./views/TimeMonthView.vue'), meta: needs('time') },
  { path: '/tid/ny', name: 'time-new', component: () => import('./views/TimeEntryFormView.vue'), meta: writes('time', 'common', 'time') },
  { path: '/tid/:id', name: 'time-edit', component: () => import('./views/TimeEntryFormView.vue'), props: true, meta: writes('time', 'common', 'time') },

  { path: '/tjeklister', name: 'checklists', component: () => import('./views/ChecklistListView.vue'), meta: needs('checklists') },
  { path: '/tjeklister/ny', name: 'checklist-new', component: () => import('./views/ChecklistStartView.vue'), meta: writes('checklists', 'checklists') },
  { path: '/tjeklister/:id', name: 'checklist', component: () => import('./views/ChecklistRunView.vue'), props: true, meta: needs('common', 'checklists') },

  { path: '/kampagner', name: 'campaigns', component: () => import('./views/CampaignListView.vue'), meta: needs('common', 'campaigns') },
  { path: '/kampagner/ny', name: 'campaign-new', component: () => import('./views/CampaignFormView.vue'), meta: writes('campaigns', 'common', 'campaigns') },
  { path: '/kampagner/:id', name: 'campaign', component: () => import('./views/CampaignView.vue'), props: true, meta: needs('common', 'campaigns') },

  { path: '/afdelinger/:id', name: 'department', component: () => import('./views/DepartmentView.vue'), props: true, meta: needs('common', 'requests') },
  { path: '/observationer', name: 'observations', component: () => import('./views/ObservationListView.vue'), meta: needs('common', 'observations') },
  { path: '/observationer/ny', name: 'observation-new', component: () => import('./views/ObservationFormView.vue'), meta: writes('observations', 'common', 'observations') },
  { path: '/rapporter', name: 'reports', component: () => import('./views/ReportView.vue'), meta: needs('common', 'insight', 'requests', 'time', 'observations') },
  { path: '/kompetencer', name: 'skills', component: () => import('./views/SkillsView.vue'), meta: needs('common', 'requests', 'skills') },
  { path: '/team', name: 'team', component: () => import('./views/TeamWeekView.vue'), meta: needs('common', 'insight', 'requests', 'time') },

  { path: '/mere', name: 'more', component: () => import('./views/MoreView.vue'), meta: needs('common', 'more', 'admin') },
  { path: '/mere/personer', name: 'admin-people', component: () => import('./views/PeopleAdminView.vue'), meta: needs('common', 'admin') },
  { path: '/mere/afdelinger', name: 'admin-departments', component: () => import('./views/DepartmentsAdminView.vue'), meta: needs('common', 'admin') },
  { path: '/mere/skabeloner', name: 'admin-templates', component: () => import('./views/TemplatesAdminView.vue'), meta: needs('common', 'admin') },
  { path: '/mere/skabeloner/ny', name: 'admin-template-new', component: () => import('./views/TemplateEditAdminView.vue'), meta: needs('common', 'admin') },
  { path: '/mere/skabeloner/:id', name: 'admin-template', component: () => import('./views/TemplateEditAdminView.vue'), props: true, meta: needs('common', 'admin') },
  { path: '/mere/kategorier', name: 'admin-categories', component: () => import('./views/CategoriesAdminView.vue'), meta: needs('common', 'admin', 'requests') },
  { path: '/log-ind', name: 'sign-in', component: () => import('./views/SignInView.vue'), meta: needs('common', 'account', 'sync') },
  { path: '/mere/konto', name: 'account', component: () => import('./views/AccountView.vue'), meta: needs('common', 'account', 'sync', 'dataProtection', 'requests') },
  { path: '/mere/databeskyttelse', name: 'data-protection', component: () => import('./views/DataProtectionView.vue'), meta: needs('common', 'dataProtection', 'sync') },
  { path: '/om-data', name: 'privacy', component: () => import('./views/PrivacyInfoView.vue'), meta: needs('common', 'privacy') },

  { path: '/tips', name: 'tips', component: () => import('./views/TipListView.vue'), meta: needs('requests', 'tips') },
  { path: '/tips/ny', name: 'tip-new', component: () => import('./views/TipFormView.vue'), meta: writes('tips', 'common', 'requests', 'tips') },
  { path: '/tips/:id', name: 'tip', component: () => import('./views/TipDetailView.vue'), props: true, meta: needs('common', 'requests', 'tips') },
  { path: '/tips/:id/plakat', name: 'tip-poster', component: () => import('./views/TipPosterView.vue'), props: true, meta: needs('common', 'tips') },
  { path: '/t/:code', name: 'tip-code', component: () => import('./views/TipCodeView.vue'), props: true, meta: needs('common', 'tips') },
  { path: '/tips/:id/rediger', name: 'tip-edit', component: () => import('./views/TipFormView.vue'), props: true, meta: writes('tips', 'common', 'requests', 'tips') },

  { path: '/navngivning', name: 'naming', component: () => import('./views/NamingView.vue'), meta: needs('common', 'naming') },
  { path: '/mere/navngivning', name: 'admin-naming', component: () => import('./views/NamingAdminView.vue'), meta: needs('common', 'admin', 'naming') },

  { path: '/udstyr', name: 'assets', component: () => import('./views/AssetListView.vue'), meta: needs('assets') },
  { path: '/udstyr/ny', name: 'asset-new', component: () => import('./views/AssetFormView.vue'), meta: writes('assets', 'common', 'assets') },
  { path: '/udstyr/etiketter', name: 'asset-labels', component: () => import('./views/LabelSheetView.vue'), meta: needs('assets') },
  { path: '/udstyr/udlaan', name: 'loans', component: () => import('./views/LoanListView.vue'), meta: needs('assets') },
  { path: '/udstyr/:id/udlaan', name: 'asset-lend', component: () => import('./views/LoanFormView.vue'), props: true, meta: writes('loans', 'common', 'assets') },
  { path: '/udstyr/:id', name: 'asset', component: () => import('./views/AssetDetailView.vue'), props: true, meta: needs('common', 'assets') },
  { path: '/udstyr/:id/rediger', name: 'asset-edit', component: () => import('./views/AssetFormView.vue'), props: true, meta: writes('assets', 'common', 'assets') },
  { path: '/a/:code', name: 'asset-code', component: () => import('./views/AssetCodeView.vue'), props: true, meta: needs('assets') },
  { path: '/scan', name: 'scan', component: () => import('./views/ScanView.vue'), meta: needs('assets') },

  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
]

/** The app router (HTML5 history; the service worker serves the shell for every route). */
export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  // The first screen opens at the top already: scrolling there would force a layout in the middle
  // of the first render (window.scrollTo), a fifth of the app's longest task at start.
  scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
})

// A screen renders only once its strings are merged (from the precache when offline). If they
// cannot be loaded, the screen still opens: showing it beats blocking navigation.
router.beforeEach(async (to) => {
  // The report's worker starts while the screen's code and strings load (see reportWorkerHandle.ts).
  if (to.name === 'reports') warmReportWorker()
  // The role is remembered on the device, so this holds offline and before the first sync.
  if (to.meta.writeOnly && !mayWrite(useSessionStore().account?.role)) return { name: to.meta.writeOnly, replace: true }
  try {
    await loadFeatureMessages(to.meta.messages ?? [])
  } catch (error) {
    console.error(error)
  }
  // Every screen but Home reads the profile during setup; a failure is shown by App.vue.
  if (!to.meta.profileOptional) await useSessionStore().load().catch(() => undefined)
})
