import type { BulkImportRow } from '../../../src/modules/publiccode/bulk-import.ts'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { bulkImport, summaryLine, summaryTable } from '../../../src/modules/publiccode/bulk-import.ts'
import { describeEachDb } from '../../support/databases.ts'

const fixtures = fileURLToPath(new URL('../../fixtures/publiccode/', import.meta.url))

/** A directory as an operator would have it: some files, and repositories checked out side by side. */
function operatorDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kas-import-'))
  cpSync(join(fixtures, 'v0.4-bauantrag-efa.yml'), join(dir, 'bauportal.yml'))
  cpSync(join(fixtures, 'mistakes.yml'), join(dir, 'friedhof.yml'))
  mkdirSync(join(dir, 'opencase', '.github', 'workflows'), { recursive: true })
  cpSync(join(fixtures, 'v0.3-case-management.yml'), join(dir, 'opencase', 'publiccode.yml'))
  // Other YAML inside a repository is no publiccode.yml and must not be picked up.
  writeFileSync(join(dir, 'opencase', 'docker-compose.yml'), 'services: {}\n')
  writeFileSync(join(dir, 'opencase', '.github', 'workflows', 'ci.yml'), 'on: push\n')
  // The owner named in the file decides who owns the app.
  writeFileSync(join(dir, 'afvalkalender.yml'), `${readFixture('v0.4-afvalkalender.yml').replace('organisation:\n', 'organisation:\n  name: Elbe Digital GmbH\n').replace('  name: Gemeente Voorbeeld\nfundedBy', 'fundedBy')}`)
  return dir
}

function readFixture(name: string): string {
  return readFileSync(join(fixtures, name), 'utf8')
}

describeEachDb('bulk import for operators (pnpm catalog:import)', (context) => {
  it('checks a directory in a dry run, reports each file, and writes nothing', async () => {
    const dir = operatorDirectory()
    const progress: [number, number][] = []
    const before = await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM apps`)
    const rows = await bulkImport(context.database.db, { paths: ['.'], cwd: dir, dryRun: true }, (done, total) => progress.push([done, total]))
    expect(rows.map(row => [row.file, row.result])).toEqual([
      ['afvalkalender.yml', 'created'],
      ['bauportal.yml', 'failed'],
      ['friedhof.yml', 'failed'],
      ['opencase/publiccode.yml', 'failed'],
    ])
    expect(rows[1]!.note).toMatch(/No owner: the file names no owner/)
    expect(rows[2]!.note).toMatch(/^url \(line 3\): .*; and \d+ more$/)
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]])
    expect(summaryLine(rows, true)).toBe('4 files: 1 imported, 0 updated, 0 unchanged, 3 failed (dry run: nothing was written)')
    expect(await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM apps`)).toEqual(before)
  })

  it('imports for a given organization, then finds nothing to change on the second run', async () => {
    const dir = operatorDirectory()
    const first = await bulkImport(context.database.db, { paths: ['bauportal.yml', 'opencase', 'afvalkalender.yml'], cwd: dir, dryRun: false, organization: 'civitas-code' }, () => {})
    expect(first.map((row: BulkImportRow) => [row.file, row.result, row.app, row.release])).toEqual([
      ['bauportal.yml', 'created', 'bauportal-mittelland', '1.4.0 new'],
      ['opencase/publiccode.yml', 'created', 'opencase', '4.1.2 new'],
      ['afvalkalender.yml', 'created', 'afvalkalender', '–'],
    ])
    const owners = await selectRows<{ slug: string, owner: string }>(context.database.db, sql`
      SELECT a.slug, o.slug AS owner FROM apps a JOIN organizations o ON o.id = a.owner_organization_id
      WHERE a.slug IN ('bauportal-mittelland', 'opencase', 'afvalkalender') ORDER BY a.slug`)
    expect(owners.every(row => row.owner === 'civitas-code')).toBe(true)
    const second = await bulkImport(context.database.db, { paths: ['.'], cwd: dir, dryRun: false, organization: 'civitas-code' }, () => {})
    expect(second.filter(row => row.result !== 'failed').map(row => row.result)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    const table = summaryTable(second)
    expect(table.split('\n')[0]).toMatch(/^file\s+result\s+app\s+release\s+note$/)
    expect(table).toContain('friedhof.yml')
    await expect(bulkImport(context.database.db, { paths: ['.'], cwd: dir, dryRun: true, organization: 'no-such-org' }, () => {})).rejects.toThrow(/No organization with the slug/)
  })
})
