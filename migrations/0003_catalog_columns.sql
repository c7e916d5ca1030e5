ALTER TABLE "apps" ADD COLUMN "certified_until" date;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "attestation_valid_until" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "apps_public_adoptions_idx" ON "apps" USING btree ("adoption_count" DESC NULLS LAST,"id") WHERE "apps"."status" = 'certified';