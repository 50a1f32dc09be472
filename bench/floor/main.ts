// The floor for the first screen: the bare stack Superbruger's home is built on (Vue, vue-router,
// Pinia, Dexie, workbox-window) and nothing else. A home with a heading, a button and one card read
// from IndexedDB, so `npm run bench:lighthouse` can show how far the real home is from it.
import { createApp, defineComponent, h, onMounted, shallowRef } from 'vue'
import { createRouter, createWebHistory, RouterLink, RouterView } from 'vue-router'
import { createPinia, defineStore } from 'pinia'
import { Dexie, type EntityTable } from 'dexie'
import { Workbox } from 'workbox-window'

interface Note { id: number, text: string }
const db = new Dexie('floor') as Dexie & { notes: EntityTable<Note, 'id'> }
db.version(1).stores({ notes: '++id' })

const useNotesStore = defineStore('notes', () => {
  const notes = shallowRef<Note[]>([])
  async function load(): Promise<void> {
    if (await db.notes.count() === 0) await db.notes.add({ text: 'Første note' } as Note)
    notes.value = await db.notes.toArray()
  }
  return { notes, load }
})

const HomeView = defineComponent(() => {
  const store = useNotesStore()
  onMounted(() => { void store.load() })
  return () => h('main', [
    h('h1', 'Hjem'),
    h(RouterLink, { to: '/ny', class: 'btn' }, () => '+ Ny henvendelse'),
    h('section', { class: 'card' }, [h('h2', 'Noter'), h('ul', store.notes.map((n) => h('li', { key: n.id }, n.text)))]),
  ])
})

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomeView },
    { path: '/:rest(.*)*', component: () => Promise.resolve({ render: () => h('main', [h('h1', 'Andet')]) }) },
  ],
})

createApp({ render: () => h(RouterView) }).use(createPinia()).use(router).mount('#app')
if ('serviceWorker' in navigator) void new Workbox('/sw.js').register()
