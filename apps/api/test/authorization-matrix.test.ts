import { expect, it } from 'vitest'
import { describeEachDb } from './support/databases.ts'
import { devToken, useApp } from './support/app.ts'

type Caller = 'anonymous' | 'municipality_member' | 'municipality_admin' | 'vendor_publisher' | 'reviewer' | 'platform_admin'
const signedIn: Exclude<Caller, 'anonymous'>[] = ['municipality_member', 'municipality_admin', 'vendor_publisher', 'reviewer', 'platform_admin']
const everyone: Caller[] = ['anonymous', ...signedIn]

/**
 * Who may call which API route. A route missing here fails the suite: every new route needs a rule.
 * `everyone` = public; otherwise the roles that pass authentication and the role check (object-level
 * rules, e.g. "only your own apps", are tested in the modules' suites).
 */
const rules: Record<string, Caller[]> = {
  'GET /api/v1/apps': everyone,
  'GET /api/v1/apps/:slug': everyone,
  'GET /api/v1/apps/:slug/history': everyone,
  'GET /api/v1/themenfelder': everyone,
  'GET /api/v1/lands': everyone,
  'GET /api/v1/attestation-kinds': everyone,
  'GET /api/v1/deployment-models': everyone,
  'GET /api/v1/basisdienste': everyone,
  'GET /api/v1/stats': everyone,
  'GET /api/v1/audit/verify': everyone,
  'GET /api/v1/auth/config': everyone,
  'GET /api/v1/auth/dev/personas': everyone,
  'POST /api/v1/auth/dev/token': everyone,
  'GET /api/v1/me': signedIn,
  'GET /api/v1/audit': ['reviewer', 'platform_admin'],
  'GET /api/v1/publisher/apps': ['vendor_publisher'],
  'GET /api/v1/publisher/apps/:slug': ['vendor_publisher'],
  'POST /api/v1/apps': ['vendor_publisher'],
  'PATCH /api/v1/apps/:slug': ['vendor_publisher'],
  'POST /api/v1/apps/:slug/retire': ['vendor_publisher'],
  'POST /api/v1/apps/:slug/releases': ['vendor_publisher'],
  'POST /api/v1/apps/:slug/attestations': ['vendor_publisher'],
  'POST /api/v1/apps/:slug/certification-requests': ['vendor_publisher'],
  'GET /api/v1/apps/:slug/adoption': everyone,
  'POST /api/v1/subscriptions': ['municipality_admin'],
  'GET /api/v1/subscriptions': ['municipality_member', 'municipality_admin'],
  'DELETE /api/v1/subscriptions/:id': ['municipality_admin'],
  'GET /api/v1/certification-requests': ['reviewer', 'platform_admin'],
  'GET /api/v1/certification-requests/:id': ['reviewer', 'platform_admin'],
  'POST /api/v1/certification-requests/:id/decision': ['reviewer'],
  'GET /api/v1/certifications': ['reviewer', 'platform_admin'],
  'POST /api/v1/certifications/:id/suspend': ['reviewer'],
  'POST /api/v1/certifications/:id/revoke': ['reviewer'],
  'POST /api/v1/certifications/:id/reinstate': ['reviewer'],
  'GET /api/v1/apps/:slug/cost-models': everyone,
  'PUT /api/v1/apps/:slug/cost-models/:year': ['vendor_publisher'],
  'GET /api/v1/apps/:slug/cost-sharing': everyone,
  'GET /api/v1/apps/:slug/cost-sharing/estimate': everyone,
  'PUT /api/v1/apps/:slug/usage/:year': ['municipality_admin'],
  'GET /api/v1/organizations': everyone,
  'GET /api/v1/organizations/:slug': everyone,
  'GET /api/v1/organizations/me': signedIn,
  'PATCH /api/v1/organizations/me': ['municipality_admin'],
  'GET /api/v1/organizations/me/webhook': ['municipality_admin'],
  'PUT /api/v1/organizations/me/webhook': ['municipality_admin'],
  'DELETE /api/v1/organizations/me/webhook': ['municipality_admin'],
  'GET /api/v1/organizations/me/webhook/deliveries': ['municipality_admin'],
  'GET /api/v1/notifications': ['municipality_member', 'municipality_admin'],
  'POST /api/v1/notifications/read': ['municipality_member', 'municipality_admin'],
  'GET /api/v1/apps/:slug/reports': everyone,
  'GET /api/v1/apps/:slug/reports/mine': ['municipality_member', 'municipality_admin'],
  'POST /api/v1/apps/:slug/reports': ['municipality_member', 'municipality_admin'],
  'PUT /api/v1/reports/:id': ['municipality_member', 'municipality_admin'],
  'POST /api/v1/reports/:id/reply': ['vendor_publisher'],
  'PUT /api/v1/reports/:id/visibility': ['platform_admin'],
  'GET /api/v1/search/suggest': everyone,
  'GET /api/v1/compare': everyone,
  'GET /api/v1/site': everyone,
  'GET /api/v1/feeds/certified.atom': everyone,
  'GET /api/v1/apps/:slug/releases.atom': everyone,
  'GET /api/v1/catalog/export': everyone,
  'POST /api/v1/imports/publiccode': ['vendor_publisher'],
  'GET /api/v1/apps/:slug/publiccode.yml': everyone,
  'POST /api/v1/search/clicks': everyone,
  'GET /api/v1/search/analytics': ['platform_admin'],
  'GET /api/v1/search/synonyms': ['platform_admin'],
  'POST /api/v1/search/synonyms': ['platform_admin'],
  'PUT /api/v1/search/synonyms/:id': ['platform_admin'],
  'DELETE /api/v1/search/synonyms/:id': ['platform_admin'],
}

const organizationFor: Record<Exclude<Caller, 'anonymous'>, string> = {
  municipality_member: 'kiel',
  municipality_admin: 'kiel',
  vendor_publisher: 'offene-verwaltung-eg',
  reviewer: 'landes-cio-pruefstelle',
  platform_admin: 'landes-cio-pruefstelle',
}

describeEachDb('authorization matrix', (context) => {
  const app = useApp(context)

  it('has a rule for every registered API route', () => {
    const apiRoutes = app.get().registeredRoutes.filter(r => r.url.startsWith('/api/')).map(r => `${r.method} ${r.url}`)
    expect(apiRoutes.filter(route => !(route in rules)), 'routes without an authorization rule').toEqual([])
    expect(Object.keys(rules).filter(rule => !apiRoutes.includes(rule)), 'rules for routes that do not exist').toEqual([])
  })

  it('answers every route × caller as the rules say: 401 anonymous, 403 wrong role, otherwise through', async () => {
    const tokens = Object.fromEntries(await Promise.all(signedIn.map(async role => [role, await devToken(app.get(), { organization: organizationFor[role], role })])))
    const failures: string[] = []
    for (const { method, url } of app.get().registeredRoutes.filter(r => r.url.startsWith('/api/'))) {
      const path = url.replace(':slug', 'terminvergabe').replace(':id', '00000000-0000-4000-8000-000000000000').replace(':year', '2026')
      for (const caller of everyone) {
        const response = await app.get().inject({
          method: method as 'GET',
          url: path,
          headers: caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` },
          ...(method === 'GET' ? {} : { payload: {} }),
        })
        const allowed = rules[`${method} ${url}`]?.includes(caller)
        const expected = allowed ? 'not 401/403' : caller === 'anonymous' ? '401' : '403'
        const ok = allowed ? ![401, 403].includes(response.statusCode) : response.statusCode === (caller === 'anonymous' ? 401 : 403)
        if (!ok)
          failures.push(`${method} ${url} as ${caller}: got ${response.statusCode}, expected ${expected}`)
      }
    }
    expect(failures).toEqual([])
  })
})
