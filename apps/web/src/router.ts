import type { RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory } from 'vue-router'
import HomePage from './pages/HomePage.vue'
import { useAuthStore } from './stores/auth.ts'

/** Pages other than the home page load on demand, keeping the first download small. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { titleKey: 'nav.home' } },
  { path: '/apps', name: 'catalog', component: () => import('./pages/CatalogPage.vue'), meta: { titleKey: 'catalog.title' } },
  { path: '/apps/:slug', name: 'app', component: () => import('./pages/AppDetailPage.vue'), meta: { titleKey: 'catalog.title' } },
  { path: '/verzeichnis', name: 'directory', component: () => import('./pages/DirectoryPage.vue'), meta: { titleKey: 'directory.title' } },
  { path: '/verzeichnis/:slug', name: 'organization', component: () => import('./pages/OrganizationPage.vue'), meta: { titleKey: 'directory.title' } },
  { path: '/vergleich', name: 'compare', component: () => import('./pages/ComparePage.vue'), meta: { titleKey: 'compare.title' } },
  { path: '/barrierefreiheit', name: 'accessibility', component: () => import('./pages/AccessibilityPage.vue'), meta: { titleKey: 'accessibility.title' } },
  { path: '/leichte-sprache', name: 'easy-read', component: () => import('./pages/EasyReadPage.vue'), meta: { titleKey: 'easy.title' } },
  { path: '/ueber', name: 'about', component: () => import('./pages/AboutPage.vue'), meta: { titleKey: 'nav.about' } },
  { path: '/anmelden/callback', name: 'sign-in-callback', component: () => import('./pages/SignInCallbackPage.vue'), meta: { titleKey: 'signIn.title' } },
  { path: '/anmelden', name: 'sign-in', component: () => import('./pages/SignInPage.vue'), meta: { titleKey: 'signIn.title' } },
  { path: '/hersteller', name: 'publisher', component: () => import('./pages/PublisherPage.vue'), meta: { titleKey: 'publisher.title', roles: ['vendor_publisher'] } },
  { path: '/hersteller/import', name: 'publisher-import', component: () => import('./pages/PublisherImportPage.vue'), meta: { titleKey: 'publiccode.title', roles: ['vendor_publisher'] } },
  { path: '/hersteller/apps/:slug', name: 'publisher-app', component: () => import('./pages/PublisherAppPage.vue'), meta: { titleKey: 'publisher.title', roles: ['vendor_publisher'] } },
  { path: '/meine-kommune', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { titleKey: 'dashboard.title', roles: ['municipality_admin', 'municipality_member'] } },
  { path: '/plattform/suche', name: 'search-admin', component: () => import('./pages/SearchAdminPage.vue'), meta: { titleKey: 'searchAdmin.title', roles: ['platform_admin'] } },
  { path: '/pruefung', name: 'review', component: () => import('./pages/ReviewQueuePage.vue'), meta: { titleKey: 'review.title', roles: ['reviewer', 'platform_admin'] } },
  { path: '/pruefung/antraege/:id', name: 'review-request', component: () => import('./pages/ReviewRequestPage.vue'), meta: { titleKey: 'review.title', roles: ['reviewer', 'platform_admin'] } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'errors.notFound' } },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  // Consoles need a signed-in user with a fitting role; others are sent to sign in and come back.
  router.beforeEach(async (to) => {
    const roles = to.meta.roles as string[] | undefined
    if (!roles)
      return true
    const auth = useAuthStore()
    await auth.restore()
    if (!auth.signedIn || !auth.hasRole(...roles as never[]))
      return { path: '/anmelden', query: { next: to.fullPath } }
    return true
  })
  return router
}
