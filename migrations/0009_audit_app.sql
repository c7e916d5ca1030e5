ALTER TABLE "audit_events" ADD COLUMN "app_id" uuid;--> statement-breakpoint
CREATE INDEX "audit_events_app_idx" ON "audit_events" USING btree ("app_id","id");