import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyLocale, createAppI18n } from './i18n/index.ts'
import { createAppRouter } from './router.ts'
import './styles/main.css'

const i18n = createAppI18n()
applyLocale(i18n.global.locale.value)

createApp(App)
  .use(createPinia())
  .use(createAppRouter())
  .use(i18n)
  .mount('#app')
