ALTER TABLE "releases" ALTER COLUMN "artifact_url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "releases" ALTER COLUMN "artifact_sha256" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "features" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "platforms" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "development_status" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "software_type" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "maintenance" jsonb;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "available_languages" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "localisation_ready" boolean;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "leika_ids" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "declared_users" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "compliance_claims" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_development_status" CHECK ("apps"."development_status" IN ('concept', 'development', 'beta', 'stable', 'obsolete'));--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_software_type" CHECK ("apps"."software_type" IN ('standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'));--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_artifact_with_checksum" CHECK (("releases"."artifact_url" IS NULL) = ("releases"."artifact_sha256" IS NULL));