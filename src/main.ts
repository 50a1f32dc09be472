import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n } from './i18n/i18n.ts'
import { nextTask } from './composables/nextTask.ts'
import './styles/main.css'

const app = createApp(App).use(createPinia()).use(router).use(i18n)
// Evaluating the code and the first render are two tasks, not one long one that blocks a tap.
await nextTask()
app.mount('#app')
