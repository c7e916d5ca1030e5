import type { AuthConfig } from '@kas/api-client'
import * as oauth from 'oauth4webapi'

type OidcConfig = NonNullable<AuthConfig['oidc']>
const PENDING_KEY = 'kas.oidcPending'

export const callbackUrl = () => `${window.location.origin}/anmelden/callback`

/** Plain HTTP is accepted only for a provider on this machine (development and tests). */
function requestOptions(config: OidcConfig) {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(config.issuer).hostname)
  return local ? { [oauth.allowInsecureRequests]: true } : {}
}

async function discover(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer)
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, requestOptions(config)))
}

/**
 * Starts the authorization code flow with PKCE: remembers verifier, state and where to return,
 * then leaves for the provider's login page.
 */
export async function startOidcSignIn(config: OidcConfig, next: string): Promise<void> {
  const server = await discover(config)
  const codeVerifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state, next }))
  const url = new URL(server.authorization_endpoint!)
  url.searchParams.set('client_id', config.clientId)
  url.searchParams.set('redirect_uri', callbackUrl())
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', 'openid')
  url.searchParams.set('state', state)
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier))
  url.searchParams.set('code_challenge_method', 'S256')
  // RFC 8707: ask for an access token for this API (Keycloak ignores it and uses its audience mapper).
  url.searchParams.set('resource', config.audience)
  window.location.assign(url)
}

/** Finishes the flow on the callback page: checks state, redeems the code, returns the access token. */
export async function completeOidcSignIn(config: OidcConfig, currentUrl: URL): Promise<{ accessToken: string, next: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { codeVerifier: string, state: string, next: string } | null
  sessionStorage.removeItem(PENDING_KEY)
  if (!pending)
    throw new Error('No sign-in was started in this browser tab.')
  const server = await discover(config)
  const client: oauth.Client = { client_id: config.clientId }
  const params = oauth.validateAuthResponse(server, client, currentUrl, pending.state)
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), params, callbackUrl(), pending.codeVerifier, {
    ...requestOptions(config),
    additionalParameters: { resource: config.audience },
  })
  const result = await oauth.processAuthorizationCodeResponse(server, client, response)
  return { accessToken: result.access_token, next: pending.next }
}
