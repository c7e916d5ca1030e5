-- Everything a public catalogue page shows bumps the catalogue version, so that cached public reads
-- (facet counts, app details, figures) are never served after the data behind them changed.
CREATE TRIGGER releases_catalog_state AFTER INSERT OR UPDATE OR DELETE ON releases
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
--> statement-breakpoint
CREATE TRIGGER attestations_catalog_state AFTER INSERT OR UPDATE OR DELETE ON attestations
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
--> statement-breakpoint
CREATE TRIGGER certifications_catalog_state AFTER INSERT OR UPDATE OR DELETE ON certifications
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
--> statement-breakpoint
CREATE TRIGGER subscriptions_catalog_state AFTER INSERT OR UPDATE OR DELETE ON subscriptions
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
--> statement-breakpoint
CREATE TRIGGER organizations_catalog_state AFTER INSERT OR UPDATE OR DELETE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
--> statement-breakpoint
DROP TRIGGER IF EXISTS apps_catalog_state ON apps;
--> statement-breakpoint
-- Now every column of an app counts (adoption_count included, since details show it).
CREATE TRIGGER apps_catalog_state AFTER INSERT OR UPDATE OR DELETE ON apps
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_state_bump();
