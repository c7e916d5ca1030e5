import type { RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory } from 'vue-router'
import HomePage from './pages/HomePage.vue'

/** Pages other than the home page load on demand, keeping the first download small. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { titleKey: 'nav.home' } },
  { path: '/apps', name: 'catalog', component: () => import('./pages/CatalogPage.vue'), meta: { titleKey: 'catalog.title' } },
  { path: '/apps/:slug', name: 'app', component: () => import('./pages/AppDetailPage.vue'), meta: { titleKey: 'catalog.title' } },
  { path: '/ueber', name: 'about', component: () => import('./pages/AboutPage.vue'), meta: { titleKey: 'nav.about' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'errors.notFound' } },
]

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
