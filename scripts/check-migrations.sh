#!/usr/bin/env bash
# Fails when the Drizzle schema has changes that no committed migration contains.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(git status --porcelain -- migrations)
pnpm --filter @kas/db exec drizzle-kit generate --name schema_check >/dev/null
after=$(git status --porcelain -- migrations)
if [ "$before" != "$after" ]; then
  echo "The schema in packages/db/src/schema differs from migrations/. Run 'pnpm db:generate' and commit the new migration:" >&2
  git status --porcelain -- migrations >&2
  git diff -- migrations >&2 || true
  exit 1
fi
# Every SQL file must be listed in drizzle's journal, or the migrator silently skips it.
node -e '
const fs = require("node:fs")
const tags = new Set(JSON.parse(fs.readFileSync("migrations/meta/_journal.json", "utf8")).entries.map(e => e.tag))
const files = fs.readdirSync("migrations").filter(f => f.endsWith(".sql")).map(f => f.slice(0, -4))
const missing = files.filter(f => !tags.has(f))
if (missing.length) { console.error("Not in migrations/meta/_journal.json (create migrations with pnpm db:generate):", missing.join(", ")); process.exit(1) }
'
echo "Migrations match the schema."
