import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n } from './i18n/i18n.ts'
import './styles/main.css'

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
