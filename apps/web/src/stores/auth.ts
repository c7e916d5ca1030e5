import type { AuthConfig, Me, Persona } from '@kas/api-client'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, setAccessToken, unwrap } from '../lib/api.ts'

const STORAGE_KEY = 'kas.accessToken'
type Role = Me['roles'][number]

/** Who is signed in. The token lives in sessionStorage: closing the browser signs out. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const config = ref<AuthConfig | null>(null)
  const personas = ref<Persona[]>([])
  const ready = ref(false)

  const signedIn = computed(() => me.value !== null)
  const hasRole = (...roles: Role[]) => roles.some(role => me.value?.roles.includes(role))

  async function loadMe(): Promise<void> {
    try {
      me.value = await unwrap(api.GET('/api/v1/me'))
    }
    catch {
      signOut()
    }
  }

  /** Restores a session from the stored token (once per page load). */
  async function restore(): Promise<void> {
    if (ready.value)
      return
    const token = sessionStorage.getItem(STORAGE_KEY)
    if (token) {
      setAccessToken(token)
      await loadMe()
    }
    ready.value = true
  }

  async function loadOptions(): Promise<void> {
    config.value = await unwrap(api.GET('/api/v1/auth/config'))
    if (config.value.devSignIn)
      personas.value = await unwrap(api.GET('/api/v1/auth/dev/personas'))
  }

  async function useToken(accessToken: string): Promise<void> {
    sessionStorage.setItem(STORAGE_KEY, accessToken)
    setAccessToken(accessToken)
    await loadMe()
  }

  async function signInAsPersona(persona: string): Promise<void> {
    const { accessToken } = await unwrap(api.POST('/api/v1/auth/dev/token', { body: { persona } }))
    await useToken(accessToken)
  }

  /** Leaves for the OIDC provider's login; the callback page calls completeOidc. */
  async function signInWithOidc(next: string): Promise<void> {
    if (!config.value?.oidc)
      throw new Error('No OIDC provider configured')
    // Loaded on demand: most visitors never sign in, so the OIDC client stays out of the first download.
    const { startOidcSignIn } = await import('../lib/oidc.ts')
    await startOidcSignIn(config.value.oidc, next)
  }

  async function completeOidc(currentUrl: URL): Promise<string> {
    await loadOptions()
    const { completeOidcSignIn } = await import('../lib/oidc.ts')
    const { accessToken, next } = await completeOidcSignIn(config.value!.oidc!, currentUrl)
    await useToken(accessToken)
    return next
  }

  function signOut(): void {
    sessionStorage.removeItem(STORAGE_KEY)
    setAccessToken(null)
    me.value = null
  }

  return { me, config, personas, ready, signedIn, hasRole, restore, loadOptions, signInAsPersona, signInWithOidc, completeOidc, signOut }
})
