-- apps.certified_until and apps.attestation_valid_until summarise an app's certificates and
-- attestations so that the catalogue (search, facets) reads one row per app. Triggers keep them
-- exact in the same transaction as every change; whether a date still lies ahead is decided at
-- query time (CURRENT_DATE), so nothing has to run when a certificate expires.
CREATE OR REPLACE FUNCTION app_certified_until(target uuid) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT max(valid_until) FROM certifications WHERE app_id = target AND status = 'valid'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_attestation_valid_until(target uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_object_agg(kind, until), '{}'::jsonb)
  FROM (SELECT kind::text AS kind, max(valid_until)::text AS until FROM attestations WHERE app_id = target GROUP BY kind) k
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION certifications_refresh_app() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE apps SET certified_until = app_certified_until(OLD.app_id) WHERE id = OLD.app_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE apps SET certified_until = app_certified_until(NEW.app_id) WHERE id = NEW.app_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER certifications_refresh_app AFTER INSERT OR UPDATE OR DELETE ON certifications
  FOR EACH ROW EXECUTE FUNCTION certifications_refresh_app();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attestations_refresh_app() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE apps SET attestation_valid_until = app_attestation_valid_until(OLD.app_id) WHERE id = OLD.app_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE apps SET attestation_valid_until = app_attestation_valid_until(NEW.app_id) WHERE id = NEW.app_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attestations_refresh_app AFTER INSERT OR UPDATE OR DELETE ON attestations
  FOR EACH ROW EXECUTE FUNCTION attestations_refresh_app();
--> statement-breakpoint
UPDATE apps SET certified_until = app_certified_until(id), attestation_valid_until = app_attestation_valid_until(id);
