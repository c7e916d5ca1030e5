export { dbConfigFromEnv } from "./cli/config.ts"
export { createDb, migrate, migrationsFolder } from './client.ts'
export type { Database, DbConfig, DbHandle, Schema } from './client.ts'
export { EXPIRING_SOON_DAYS, requiredAttestationKinds } from './rules/certification-rules.ts'
export * as schema from './schema/index.ts'
export { selectRows } from './rows.ts'
export { appendAuditEvent, canonicalJson, hashAuditContent, verifyAuditChain } from './audit/chain.ts'
export type { AuditEventInput, AuditVerification } from './audit/chain.ts'
export { addDays, todayUtc } from './reference/dates.ts'
