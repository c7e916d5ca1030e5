import type { DbHandle } from '../client.ts'
import { loadMunicipalities, slugify } from '../reference/municipalities.ts'
import { themenfeldValues } from '../schema/enums.ts'

/** Sizes of the DESIGN.md §6 data set; smaller values give a quick smoke run. */
export interface ScaleSize {
  apps: number
  releasesPerApp: number
  subscriptions: number
  vendors: number
}

export const fullScale: ScaleSize = { apps: 10_000, releasesPerApp: 5, subscriptions: 500_000, vendors: 300 }

// Word material so that generated apps are searchable like real ones ("steuer", "antrag", "kita" …).
const subjects = ['Hundesteuer', 'Gewerbe', 'Bauantrag', 'Kita', 'Wohngeld', 'Melde', 'Termin', 'Friedhof', 'Abfall', 'Sperrmüll', 'Wahl', 'Schul', 'Fischerei', 'Parkausweis', 'Führerschein', 'Grundsteuer', 'Förder', 'Ehrenamt', 'Vergabe', 'Rechnung', 'Akten', 'Rats', 'Bibliotheks', 'Fundsachen', 'Standesamt', 'Elterngeld', 'Baumkataster', 'Straßen', 'Gaststätten', 'Markt']
const suffixes = ['Online', 'Portal', 'Manager', 'Digital', 'Kommunal', 'Service', 'Plus', 'Assistent', 'Cloud', 'Werk']
const verbs = ['beantragen', 'verwalten', 'bearbeiten', 'melden', 'buchen', 'prüfen']
const licenses = ['EUPL-1.2', 'AGPL-3.0-or-later', 'GPL-3.0-or-later', 'MIT', 'Apache-2.0', 'GPL-2.0-only', 'MPL-2.0']

const sqlText = (value: string) => `'${value.replaceAll('\'', '\'\'')}'`
const sqlArray = (values: readonly string[]) => `ARRAY[${values.map(sqlText).join(',')}]`

/**
 * Loads the scale data set into an empty, migrated PostgreSQL database. Everything is derived from
 * row numbers with hashtext(), so every run produces the same data. Generation happens inside the
 * database (generate_series), which loads half a million rows in well under a minute.
 */
export async function generateScaleData(handle: DbHandle, size: ScaleSize = fullScale): Promise<void> {
  const { exec } = handle
  const municipalities = loadMunicipalities()
  // Municipalities: all 10,786 real ones (Zensus 2022), in batches to keep statements small.
  for (let start = 0; start < municipalities.length; start += 2000) {
    const rows = municipalities.slice(start, start + 2000).map(m =>
      `('municipality', ${sqlText(`${slugify(m.name)}-${m.ags}`)}, ${sqlText(m.name)}, '${m.ags}', '${m.ars}', '${m.landCode}', ${m.population})`)
    await exec(`INSERT INTO organizations (kind, slug, name, ags, ars, land_code, population) VALUES ${rows.join(',')}`)
  }
  await exec(`
    INSERT INTO organizations (kind, slug, name, land_code, website)
    SELECT CASE WHEN i % 10 = 0 THEN 'consortium' WHEN i % 10 = 1 THEN 'provider' ELSE 'vendor' END::organization_kind,
           'scale-vendor-' || i, 'Anbieter ' || i, lpad((1 + abs(hashtext('land' || i)) % 16)::text, 2, '0'), 'https://vendor-' || i || '.example'
    FROM generate_series(1, ${size.vendors}) i`)

  const subjectArray = sqlArray(subjects)
  const suffixArray = sqlArray(suffixes)
  const verbArray = sqlArray(verbs)
  const themenArray = `${sqlArray(themenfeldValues)}::themenfeld[]`
  await exec(`
    INSERT INTO apps (slug, name, summary, description, themenfelder, tags, basisdienste, owner_organization_id,
                      provider_organization_id, maintainer_type, repository_url, license, deployment_models,
                      origin_land_code, status, created_at)
    SELECT 'scale-app-' || i,
           s.subject || ' ' || s.suffix || ' ' || i,
           s.subject || ' ' || s.verb || ': Fachanwendung ' || i || ' für Kommunen.',
           s.subject || ' ' || s.verb || '. Generierte Anwendung ' || i || ' des Skalierungsdatensatzes.',
           ARRAY[(${themenArray})[1 + abs(hashtext('t' || i)) % ${themenfeldValues.length}]],
           ARRAY[s.subject, s.suffix],
           CASE WHEN i % 3 = 0 THEN ARRAY['bund_id', 'epaybl']::basisdienst[] WHEN i % 3 = 1 THEN ARRAY['fit_connect']::basisdienst[] ELSE '{}'::basisdienst[] END,
           v.id,
           CASE WHEN i % 4 = 0 THEN p.id END,
           'vendor',
           'https://git.vendor.example/app-' || i,
           (${sqlArray(licenses)})[1 + abs(hashtext('l' || i)) % ${licenses.length}],
           CASE WHEN i % 4 = 0 THEN ARRAY['efa_service', 'self_hosted']::deployment_model[]
                WHEN i % 4 = 1 THEN ARRAY['saas']::deployment_model[] ELSE ARRAY['self_hosted']::deployment_model[] END,
           lpad((1 + abs(hashtext('o' || i)) % 16)::text, 2, '0'),
           CASE WHEN i % 50 = 0 THEN 'draft' WHEN i % 50 = 1 THEN 'in_review' ELSE 'certified' END::app_status,
           now() - make_interval(days => abs(hashtext('c' || i)) % 1500)
    FROM generate_series(1, ${size.apps}) i
    CROSS JOIN LATERAL (SELECT
      (${subjectArray})[1 + abs(hashtext('s' || i)) % ${subjects.length}] AS subject,
      (${suffixArray})[1 + abs(hashtext('x' || i)) % ${suffixes.length}] AS suffix,
      (${verbArray})[1 + abs(hashtext('v' || i)) % ${verbs.length}] AS verb) s
    JOIN LATERAL (SELECT id FROM organizations WHERE slug = 'scale-vendor-' || (1 + abs(hashtext('vendor' || i)) % ${size.vendors})) v ON TRUE
    LEFT JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'provider' ORDER BY slug LIMIT 1) p ON TRUE`)

  await exec(`
    INSERT INTO releases (app_id, version, major, minor, patch, released_on, changelog, artifact_url, artifact_sha256)
    SELECT a.id, '1.' || r || '.0', 1, r, 0, CURRENT_DATE - (${size.releasesPerApp} - r) * 60 - abs(hashtext(a.slug)) % 30,
           'Version 1.' || r || '.0', a.repository_url || '/releases/1.' || r || '.0', md5(a.slug || r) || md5(r || a.slug)
    FROM apps a CROSS JOIN generate_series(1, ${size.releasesPerApp}) r`)

  // Attestations and certificates for every app past draft; validity mostly 1–3 years, some expiring soon.
  // Row triggers would update each app once per row; one UPDATE at the end does the same in bulk.
  await exec('ALTER TABLE attestations DISABLE TRIGGER attestations_refresh_app')
  await exec('ALTER TABLE certifications DISABLE TRIGGER certifications_refresh_app')
  await exec(`
    INSERT INTO attestations (app_id, kind, issuer, issued_on, valid_until, evidence_url, evidence_sha256)
    SELECT a.id, k.kind, 'Prüfstelle ' || k.kind, CURRENT_DATE - 200,
           CURRENT_DATE + 20 + abs(hashtext(a.slug || k.kind)) % 900, a.repository_url || '/evidence/' || k.kind || '.pdf',
           md5(a.slug || k.kind) || md5(k.kind || a.slug)
    FROM apps a
    CROSS JOIN LATERAL unnest(CASE WHEN 'saas' = ANY(a.deployment_models)
      THEN ARRAY['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa', 'bsi_grundschutz', 'dsgvo_avv', 'bsi_c5']
      WHEN 'efa_service' = ANY(a.deployment_models)
      THEN ARRAY['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa', 'bsi_grundschutz', 'dsgvo_avv']
      ELSE ARRAY['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa'] END::attestation_kind[]) AS k(kind)
    WHERE a.status <> 'draft'`)
  await exec(`
    INSERT INTO certifications (app_id, release_id, certificate_number, major, valid_until)
    SELECT a.id, r.id, 'SCALE-' || a.slug, 1, (SELECT min(t.valid_until) FROM attestations t WHERE t.app_id = a.id)
    FROM apps a
    JOIN LATERAL (SELECT id FROM releases WHERE app_id = a.id ORDER BY minor DESC LIMIT 1) r ON TRUE
    WHERE a.status = 'certified'`)
  await exec('ALTER TABLE attestations ENABLE TRIGGER attestations_refresh_app')
  await exec('ALTER TABLE certifications ENABLE TRIGGER certifications_refresh_app')
  await exec('UPDATE apps SET certified_until = app_certified_until(id), attestation_valid_until = app_attestation_valid_until(id)')

  // Subscriptions: popular apps get many (squared hash skews towards low app numbers), each pair once.
  await exec('ALTER TABLE subscriptions DISABLE TRIGGER subscriptions_adoption_count')
  await exec('ANALYZE')
  // Ids looked up by position in two arrays: a join on computed numbers would be planned as a nested loop.
  await exec(`
    WITH ids AS (
      SELECT (SELECT array_agg(id ORDER BY ags) FROM organizations WHERE kind = 'municipality') AS orgs,
             (SELECT array_agg(id ORDER BY substr(slug, 11)::int) FROM apps) AS apps,
             (SELECT array_agg(status ORDER BY substr(slug, 11)::int) FROM apps) AS statuses),
    pairs AS (
      SELECT DISTINCT ON (app_no, org_no) app_no, org_no, age FROM (
        SELECT 1 + floor(${size.apps} * power((abs(hashtext('a' || n)) % 1000000) / 1000000.0, 2))::int AS app_no,
               1 + abs(hashtext('m' || n)) % ${municipalities.length} AS org_no,
               abs(hashtext('d' || n)) % 1000 AS age
        FROM generate_series(1, ${Math.ceil(size.subscriptions * 1.3)}) n) candidates
      ORDER BY app_no, org_no)
    INSERT INTO subscriptions (app_id, organization_id, operating_model, started_on)
    SELECT ids.apps[p.app_no], ids.orgs[p.org_no], 'self_hosted', CURRENT_DATE - p.age
    FROM pairs p CROSS JOIN ids
    WHERE ids.statuses[p.app_no] = 'certified'
    LIMIT ${size.subscriptions}`)
  await exec('ALTER TABLE subscriptions ENABLE TRIGGER subscriptions_adoption_count')
  // The trigger was off: adoption counts, in total and per Land, from the subscriptions (migration 0017).
  await exec('SELECT recount_adoptions()')
  // The bulk updates above left a dead copy of every app row; compact so that scans read live rows only.
  await exec('VACUUM FULL apps')
  await exec('VACUUM ANALYZE')
}
