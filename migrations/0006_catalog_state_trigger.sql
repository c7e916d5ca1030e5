-- One row holding the catalogue version; every statement that changes what search or facets can see bumps it.
INSERT INTO catalog_state (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalog_state_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Adoption counts are deliberately not listed: they only order results and are read live.
CREATE TRIGGER apps_catalog_state AFTER INSERT OR DELETE OR UPDATE OF
    status, certified_until, attestation_valid_until, themenfelder, license, deployment_models,
    origin_land_code, basisdienste, name, tags, summary, description
  ON apps FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
