import { parseArgs } from 'node:util'
import { createDb, dbConfigFromEnv, migrate } from '@kas/db'
import { bulkImport, summaryLine, summaryTable } from '../modules/publiccode/bulk-import.ts'

const usage = `Imports publiccode.yml files into the store's database.

Usage: pnpm catalog:import <file|directory>... [--dry-run] [--organization <slug>]

  --dry-run             check every file and show what would happen; write nothing
  --organization <slug> owner of all imported apps; without it, each file's legal.repoOwner,
                        legal.mainCopyrightOwner or organisation.name must name an organization

Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data). The embedded
database serves one process at a time: stop "pnpm start" before importing into it.`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'organization': { type: 'string' },
    'help': { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help || positionals.length === 0) {
  console.log(usage)
  process.exit(values.help ? 0 : 2)
}

const handle = await createDb(dbConfigFromEnv()).catch((error: Error) => {
  console.error(error.message)
  process.exit(2)
})
try {
  await migrate(handle)
  const dryRun = values['dry-run']
  const rows = await bulkImport(handle.db, { paths: positionals, dryRun, organization: values.organization, cwd: process.env.INIT_CWD ?? process.cwd() }, (done, total, row) => {
    process.stderr.write(`[${String(done).padStart(String(total).length)}/${total}] ${row.result.padEnd(9)} ${row.file}\n`)
  })
  console.log(`\n${summaryTable(rows)}\n\n${summaryLine(rows, dryRun)}`)
  process.exitCode = rows.some(row => row.result === 'failed') ? 1 : 0
}
catch (error) {
  console.error((error as Error).message)
  process.exitCode = 2
}
finally {
  await handle.close()
}
