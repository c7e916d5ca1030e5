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
echo "Migrations match the schema."
