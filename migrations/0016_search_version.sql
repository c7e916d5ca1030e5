ALTER TABLE "catalog_state" ADD COLUMN "search_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The searchable text of an app (name, tags, search terms, Themenfelder, summary, description; the
-- stored search_vector and search_text follow from these) bumps search_version, which the search
-- index in memory is built for. Subscriptions and certificates bump only version.
CREATE OR REPLACE FUNCTION catalog_search_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_state SET search_version = search_version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER apps_search_version AFTER INSERT OR DELETE OR UPDATE OF name, tags, search_terms, themenfelder, summary, description
  ON apps FOR EACH STATEMENT EXECUTE FUNCTION catalog_search_bump();
