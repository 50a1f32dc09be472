import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'

/** Every route of the app. Only Home is in the first bundle; the rest load on demand. */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },

  { path: '/henvendelser', name: 'requests', component: () => import('./views/RequestListView.vue') },
  { path: '/henvendelser/ny', name: 'request-new', component: () => import('./views/RequestFormView.vue') },
  { path: '/henvendelser/:id', name: 'request', component: () => import('./views/RequestDetailView.vue'), props: true },
  { path: '/henvendelser/:id/rediger', name: 'request-edit', component: () => import('./views/RequestFormView.vue'), props: true },

  { path: '/tid', name: 'time', component: () => import('./views/TimeWeekView.vue') },
  { path: '/tid/maaned', name: 'time-month', component: () => import('./views/TimeMonthView.vue') },
  { path: '/tid/ny', name: 'time-new', component: () => import('./views/TimeEntryFormView.vue') },
  { path: '/tid/:id', name: 'time-edit', component: () => import('./views/TimeEntryFormView.vue'), props: true },

  { path: '/tjeklister', name: 'checklists', component: () => import('./views/ChecklistListView.vue') },
  { path: '/tjeklister/ny', name: 'checklist-new', component: () => import('./views/ChecklistStartView.vue') },
  { path: '/tjeklister/:id', name: 'checklist', component: () => import('./views/ChecklistRunView.vue'), props: true },

  { path: '/mere', name: 'more', component: () => import('./views/MoreView.vue') },

  { path: '/udstyr', name: 'assets', component: () => import('./views/AssetListView.vue') },
  { path: '/udstyr/ny', name: 'asset-new', component: () => import('./views/AssetFormView.vue') },
  { path: '/udstyr/etiketter', name: 'asset-labels', component: () => import('./views/LabelSheetView.vue') },
  { path: '/udstyr/:id', name: 'asset', component: () => import('./views/AssetDetailView.vue'), props: true },
  { path: '/udstyr/:id/rediger', name: 'asset-edit', component: () => import('./views/AssetFormView.vue'), props: true },
  { path: '/a/:code', name: 'asset-code', component: () => import('./views/AssetCodeView.vue'), props: true },
  { path: '/scan', name: 'scan', component: () => import('./views/ScanView.vue') },

  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
]

/** The app router (HTML5 history; the service worker serves the shell for every route). */
export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})
