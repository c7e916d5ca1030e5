import type { Database } from '@kas/db'
import type { ImportReport } from './service.ts'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { parse } from 'yaml'
import { Problem } from '../../lib/problem.ts'
import { readPubliccode } from './read.ts'
import { foldOrganizationName, importPubliccode, importProblem, PUBLICCODE_MAX_BYTES } from './service.ts'

export interface BulkImportOptions {
  paths: string[]
  dryRun: boolean
  /** Slug of the organization that owns every imported app; otherwise taken from each file. */
  organization?: string
  /** Directory relative paths are resolved against. */
  cwd: string
}

export interface BulkImportRow {
  file: string
  result: 'created' | 'updated' | 'unchanged' | 'failed'
  app: string
  release: string
  note: string
}

interface Owner { id: string, kind: string, name: string }

/**
 * publiccode.yml files under the given paths. A file is taken as named. A directory holding a
 * publiccode.yml is a repository: only that file counts. Any other directory gives its own *.yml and
 * *.yaml files (when named on the command line) and the repositories below it.
 */
export async function collectFiles(paths: string[], cwd: string): Promise<string[]> {
  const files: string[] = []
  const visit = async (path: string, named: boolean): Promise<void> => {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
    const publiccode = entries.find(entry => entry.isFile() && /^publiccode\.ya?ml$/i.test(entry.name))
    if (publiccode) {
      files.push(join(path, publiccode.name))
      return
    }
    for (const entry of entries) {
      if (named && entry.isFile() && /\.ya?ml$/i.test(entry.name))
        files.push(join(path, entry.name))
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        await visit(join(path, entry.name), false)
    }
  }
  for (const path of paths) {
    const absolute = resolve(cwd, path)
    if ((await stat(absolute)).isDirectory())
      await visit(absolute, true)
    else
      files.push(absolute)
  }
  return files
}

/** The owner named in the file (repository owner, copyright owner, organisation), if the store knows it. */
function ownerCandidates(text: string): string[] {
  try {
    const document: unknown = parse(text, { maxAliasCount: 100 })
    const at = (...keys: string[]) => keys.reduce<unknown>((node, key) => node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined, document)
    return [at('legal', 'repoOwner'), at('legal', 'mainCopyrightOwner'), at('organisation', 'name')]
      .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
  }
  catch {
    return []
  }
}

function failureNote(error: unknown): string {
  if (!(error instanceof Problem))
    throw error
  if (error.errors && error.errors.length > 0 && error.errors[0]!.line !== undefined) {
    const shown = error.errors.slice(0, 3).map(e => `${e.path || 'file'} (line ${e.line}): ${e.message}`)
    const more = error.errors.length > 3 ? `; and ${error.errors.length - 3} more` : ''
    return `${shown.join('; ')}${more}`
  }
  return error.detail
}

function releaseNote(release: ImportReport['release']): string {
  if (!release)
    return '–'
  return release.outcome === 'created' ? `${release.version} new` : release.outcome === 'unchanged' ? release.version : `${release.version} skipped`
}

/**
 * Imports many publiccode.yml files, one after the other, each as a whole or not at all. Reports
 * progress per file through `progress` and returns one row per file.
 */
export async function bulkImport(db: Database, options: BulkImportOptions, progress: (done: number, total: number, row: BulkImportRow) => void): Promise<BulkImportRow[]> {
  const organizations = await selectRows<Owner & { slug: string }>(db, sql`SELECT id, kind::text AS kind, name, slug FROM organizations`)
  let fixedOwner: Owner | undefined
  if (options.organization) {
    fixedOwner = organizations.find(o => o.slug === options.organization)
    if (!fixedOwner)
      throw new Error(`No organization with the slug "${options.organization}".`)
  }
  const byName = new Map(organizations.map(o => [foldOrganizationName(o.name), o]))
  const files = await collectFiles(options.paths, options.cwd)
  const rows: BulkImportRow[] = []
  for (const [index, path] of files.entries()) {
    const file = relative(options.cwd, path) || path
    let row: BulkImportRow
    try {
      const info = await stat(path)
      if (info.size > PUBLICCODE_MAX_BYTES)
        throw new Problem(413, 'Content Too Large', `The file has ${info.size} bytes; the limit is ${PUBLICCODE_MAX_BYTES / 1024} KiB.`)
      const text = await readFile(path, 'utf8')
      const candidates = ownerCandidates(text)
      const owner = fixedOwner ?? candidates.map(name => byName.get(foldOrganizationName(name))).find(Boolean)
      if (!owner) {
        // Problems in the file come first: they need fixing whoever owns it.
        const read = readPubliccode(text)
        if (read.problems.length > 0)
          throw importProblem('The file has problems.', read.problems)
        const named = candidates.length > 0 ? `none of ${candidates.map(c => `"${c}"`).join(', ')} is an organization in the store` : 'the file names no owner (legal.repoOwner)'
        throw new Problem(422, 'Unprocessable Content', `No owner: ${named}; pass --organization <slug>.`)
      }
      const report = await importPubliccode(db, { organizationId: owner.id, organizationKind: owner.kind, userId: null }, text, { dryRun: options.dryRun })
      const changed = report.fields.filter(f => f.change === 'changed').map(f => f.field)
      row = {
        file,
        result: report.outcome,
        app: report.app.slug,
        release: releaseNote(report.release),
        note: [
          report.outcome === 'updated' ? `changed: ${changed.join(', ')}` : '',
          report.release?.reason ?? '',
          report.warnings.length > 0 ? `${report.warnings.length} ${report.warnings.length === 1 ? 'warning' : 'warnings'}` : '',
        ].filter(Boolean).join('; '),
      }
    }
    catch (error) {
      row = { file, result: 'failed', app: '–', release: '–', note: failureNote(error) }
    }
    rows.push(row)
    progress(index + 1, files.length, row)
  }
  return rows
}

/** A plain-text table, column widths from the content; long notes are cut to keep one line per file. */
export function summaryTable(rows: BulkImportRow[]): string {
  const columns = ['file', 'result', 'app', 'release', 'note'] as const
  const cells = [[...columns], ...rows.map(row => columns.map(column => column === 'note' && row.note.length > 160 ? `${row.note.slice(0, 157)}...` : row[column]))]
  const widths = columns.map((_, index) => Math.max(...cells.map(cell => cell[index]!.length)))
  const line = (cell: string[]) => cell.map((text, index) => text.padEnd(widths[index]!)).join('  ').trimEnd()
  return [line(cells[0]!), widths.map(width => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

export function summaryLine(rows: BulkImportRow[], dryRun: boolean): string {
  const count = (result: BulkImportRow['result']) => rows.filter(row => row.result === result).length
  return `${rows.length} ${rows.length === 1 ? 'file' : 'files'}: ${count('created')} imported, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed${dryRun ? ' (dry run: nothing was written)' : ''}`
}
