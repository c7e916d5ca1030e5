CREATE TYPE "public"."app_status" AS ENUM('draft', 'in_review', 'certified', 'suspended', 'revoked', 'expired', 'retired');--> statement-breakpoint
CREATE TYPE "public"."attestation_kind" AS ENUM('oss_license', 'bsi_grundschutz', 'bsi_c5', 'pentest', 'dsgvo_dsfa', 'dsgvo_avv', 'bitv', 'ozg_reifegrad', 'xoev');--> statement-breakpoint
CREATE TYPE "public"."basisdienst" AS ENUM('bund_id', 'epaybl', 'pmpayment', 'fit_connect', 'servicekonto', 'dvdv');--> statement-breakpoint
CREATE TYPE "public"."certification_request_status" AS ENUM('pending', 'approved', 'rejected', 'changes_requested', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."certification_status" AS ENUM('valid', 'suspended', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."decision_outcome" AS ENUM('approved', 'rejected', 'changes_requested');--> statement-breakpoint
CREATE TYPE "public"."deployment_model" AS ENUM('self_hosted', 'efa_service', 'saas');--> statement-breakpoint
CREATE TYPE "public"."maintainer_type" AS ENUM('public_body', 'vendor', 'consortium', 'community');--> statement-breakpoint
CREATE TYPE "public"."organization_kind" AS ENUM('municipality', 'county', 'land', 'vendor', 'consortium', 'provider', 'state_cio');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('municipality_member', 'municipality_admin', 'vendor_publisher', 'reviewer', 'platform_admin');--> statement-breakpoint
CREATE TYPE "public"."sharing_key" AS ENUM('population', 'koenigstein', 'usage', 'equal');--> statement-breakpoint
CREATE TYPE "public"."subscription_status" AS ENUM('active', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."themenfeld" AS ENUM('work_retirement', 'building_housing', 'education', 'immigration_emigration', 'engagement_hobbies', 'family_children', 'research_funding', 'health', 'mobility_travel', 'cross_cutting', 'law_order', 'taxes_customs', 'environment', 'business', 'internal_administration');--> statement-breakpoint
CREATE TABLE "apps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"themenfelder" "themenfeld"[] NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"basisdienste" "basisdienst"[] DEFAULT '{}' NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"provider_organization_id" uuid,
	"maintainer_type" "maintainer_type" NOT NULL,
	"repository_url" text NOT NULL,
	"homepage_url" text,
	"license" text NOT NULL,
	"deployment_models" "deployment_model"[] NOT NULL,
	"origin_land_code" char(2),
	"status" "app_status" DEFAULT 'draft' NOT NULL,
	"adoption_count" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"search_text" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_slug_unique" UNIQUE("slug"),
	CONSTRAINT "apps_slug_format" CHECK ("apps"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("apps"."slug") <= 80),
	CONSTRAINT "apps_has_themenfeld" CHECK (cardinality("apps"."themenfelder") >= 1),
	CONSTRAINT "apps_has_deployment_model" CHECK (cardinality("apps"."deployment_models") >= 1),
	CONSTRAINT "apps_adoption_count_non_negative" CHECK ("apps"."adoption_count" >= 0),
	CONSTRAINT "apps_efa_needs_provider" CHECK (NOT ('efa_service' = ANY("apps"."deployment_models")) OR "apps"."provider_organization_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"version" text NOT NULL,
	"major" integer NOT NULL,
	"minor" integer NOT NULL,
	"patch" integer NOT NULL,
	"released_on" date NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"artifact_url" text NOT NULL,
	"artifact_sha256" char(64) NOT NULL,
	"sbom" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "releases_app_version_key" UNIQUE("app_id","version"),
	CONSTRAINT "releases_version_semver" CHECK ("releases"."version" ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'),
	CONSTRAINT "releases_version_parts_non_negative" CHECK ("releases"."major" >= 0 AND "releases"."minor" >= 0 AND "releases"."patch" >= 0),
	CONSTRAINT "releases_sha256_format" CHECK ("releases"."artifact_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "releases_artifact_https" CHECK ("releases"."artifact_url" ~ '^https://')
);
--> statement-breakpoint
CREATE TABLE "attestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"release_id" uuid,
	"kind" "attestation_kind" NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"evidence_url" text NOT NULL,
	"evidence_sha256" char(64) NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attestations_dates_ordered" CHECK ("attestations"."valid_until" > "attestations"."issued_on"),
	CONSTRAINT "attestations_evidence_https" CHECK ("attestations"."evidence_url" ~ '^https://'),
	CONSTRAINT "attestations_sha256_format" CHECK ("attestations"."evidence_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_organization_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"prev_hash" char(64),
	"hash" char(64) NOT NULL,
	CONSTRAINT "audit_events_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "certification_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"outcome" "decision_outcome" NOT NULL,
	"criteria" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_decisions_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "certification_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"status" "certification_request_status" DEFAULT 'pending' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"request_id" uuid,
	"certificate_number" text NOT NULL,
	"major" integer NOT NULL,
	"status" "certification_status" DEFAULT 'valid' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" date NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	CONSTRAINT "certifications_certificate_number_unique" UNIQUE("certificate_number"),
	CONSTRAINT "certifications_major_non_negative" CHECK ("certifications"."major" >= 0)
);
--> statement-breakpoint
CREATE TABLE "consortium_members" (
	"consortium_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "consortium_members_consortium_id_member_id_pk" PRIMARY KEY("consortium_id","member_id"),
	CONSTRAINT "consortium_members_not_self" CHECK ("consortium_members"."consortium_id" <> "consortium_members"."member_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "organization_kind" NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"ags" char(8),
	"ars" char(12),
	"land_code" char(2),
	"population" integer,
	"website" text,
	"listed_publicly" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organizations_ags_unique" UNIQUE("ags"),
	CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organizations_ags_format" CHECK ("organizations"."ags" ~ '^[0-9]{8}$'),
	CONSTRAINT "organizations_ars_format" CHECK ("organizations"."ars" ~ '^[0-9]{12}$'),
	CONSTRAINT "organizations_population_non_negative" CHECK ("organizations"."population" >= 0),
	CONSTRAINT "organizations_ags_in_land" CHECK ("organizations"."ags" IS NULL OR substr("organizations"."ags", 1, 2) = "organizations"."land_code"),
	CONSTRAINT "organizations_public_body_has_ags" CHECK ("organizations"."kind" NOT IN ('municipality', 'county') OR "organizations"."ags" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"roles" "role"[] DEFAULT '{}' NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_issuer_subject_key" UNIQUE("issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "koenigstein_shares" (
	"year" smallint NOT NULL,
	"land_code" char(2) NOT NULL,
	"percent" numeric(8, 5) NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "koenigstein_shares_year_land_code_pk" PRIMARY KEY("year","land_code"),
	CONSTRAINT "koenigstein_percent_range" CHECK ("koenigstein_shares"."percent" > 0 AND "koenigstein_shares"."percent" < 100)
);
--> statement-breakpoint
CREATE TABLE "lands" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"population" integer NOT NULL,
	CONSTRAINT "lands_code_format" CHECK ("lands"."code" ~ '^(0[1-9]|1[0-6])$'),
	CONSTRAINT "lands_population_non_negative" CHECK ("lands"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "themenfelder" (
	"id" "themenfeld" PRIMARY KEY NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experience_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"release_id" uuid,
	"rating" smallint NOT NULL,
	"body" text NOT NULL,
	"vendor_reply" text,
	"vendor_replied_at" timestamp with time zone,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experience_reports_app_org_key" UNIQUE("app_id","organization_id"),
	CONSTRAINT "experience_reports_rating_range" CHECK ("experience_reports"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "cost_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"annual_cost_cents" bigint NOT NULL,
	"connection_fee_cents" bigint DEFAULT 0 NOT NULL,
	"central_funding_percent" smallint DEFAULT 0 NOT NULL,
	"sharing_key" "sharing_key" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_models_app_year_key" UNIQUE("app_id","year"),
	CONSTRAINT "cost_models_cents_non_negative" CHECK ("cost_models"."annual_cost_cents" >= 0 AND "cost_models"."connection_fee_cents" >= 0),
	CONSTRAINT "cost_models_funding_percent" CHECK ("cost_models"."central_funding_percent" BETWEEN 0 AND 100),
	CONSTRAINT "cost_models_year_range" CHECK ("cost_models"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"operating_model" "deployment_model" NOT NULL,
	"status" "subscription_status" DEFAULT 'active' NOT NULL,
	"started_on" date DEFAULT CURRENT_DATE NOT NULL,
	"cancelled_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_cancel_consistent" CHECK (("subscriptions"."status" = 'cancelled') = ("subscriptions"."cancelled_on" IS NOT NULL)),
	CONSTRAINT "subscriptions_dates_ordered" CHECK ("subscriptions"."cancelled_on" IS NULL OR "subscriptions"."cancelled_on" >= "subscriptions"."started_on")
);
--> statement-breakpoint
CREATE TABLE "usage_reports" (
	"app_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"units" integer NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_reports_app_id_organization_id_year_pk" PRIMARY KEY("app_id","organization_id","year"),
	CONSTRAINT "usage_reports_units_non_negative" CHECK ("usage_reports"."units" >= 0)
);
--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_origin_land_code_lands_code_fk" FOREIGN KEY ("origin_land_code") REFERENCES "public"."lands"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_decisions" ADD CONSTRAINT "certification_decisions_request_id_certification_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."certification_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_decisions" ADD CONSTRAINT "certification_decisions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_requests" ADD CONSTRAINT "certification_requests_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_requests" ADD CONSTRAINT "certification_requests_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_requests" ADD CONSTRAINT "certification_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_request_id_certification_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."certification_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_consortium_id_organizations_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_member_id_organizations_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_land_code_lands_code_fk" FOREIGN KEY ("land_code") REFERENCES "public"."lands"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koenigstein_shares" ADD CONSTRAINT "koenigstein_shares_land_code_lands_code_fk" FOREIGN KEY ("land_code") REFERENCES "public"."lands"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_reports" ADD CONSTRAINT "experience_reports_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_reports" ADD CONSTRAINT "experience_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experience_reports" ADD CONSTRAINT "experience_reports_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_models" ADD CONSTRAINT "cost_models_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_reports" ADD CONSTRAINT "usage_reports_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_reports" ADD CONSTRAINT "usage_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apps_status_idx" ON "apps" USING btree ("status");--> statement-breakpoint
CREATE INDEX "apps_owner_idx" ON "apps" USING btree ("owner_organization_id");--> statement-breakpoint
CREATE INDEX "apps_search_vector_idx" ON "apps" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "apps_search_text_trgm_idx" ON "apps" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "releases_app_order_idx" ON "releases" USING btree ("app_id","major" DESC NULLS LAST,"minor" DESC NULLS LAST,"patch" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "attestations_app_kind_idx" ON "attestations" USING btree ("app_id","kind","valid_until");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "certification_requests_queue_idx" ON "certification_requests" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_requests_one_pending_idx" ON "certification_requests" USING btree ("app_id") WHERE "certification_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "certifications_app_validity_idx" ON "certifications" USING btree ("app_id","status","valid_until");--> statement-breakpoint
CREATE INDEX "organizations_kind_land_idx" ON "organizations" USING btree ("kind","land_code");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_active_idx" ON "subscriptions" USING btree ("app_id","organization_id") WHERE "subscriptions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "subscriptions_org_idx" ON "subscriptions" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "subscriptions_app_idx" ON "subscriptions" USING btree ("app_id","status");