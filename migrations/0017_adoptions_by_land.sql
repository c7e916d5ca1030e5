CREATE TABLE "app_adoptions_by_land" (
	"app_id" uuid NOT NULL,
	"land_code" char(2) NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "app_adoptions_by_land_app_id_land_code_pk" PRIMARY KEY("app_id","land_code"),
	CONSTRAINT "app_adoptions_by_land_positive" CHECK ("app_adoptions_by_land"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "app_adoptions_by_land" ADD CONSTRAINT "app_adoptions_by_land_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_adoptions_by_land" ADD CONSTRAINT "app_adoptions_by_land_land_code_lands_code_fk" FOREIGN KEY ("land_code") REFERENCES "public"."lands"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Adds `delta` active subscriptions of one Land to an app; a Land whose count reaches 0 is removed.
-- Subscribers without a Land (e.g. a nationwide consortium) are not counted per Land.
CREATE OR REPLACE FUNCTION app_adoptions_by_land_add(p_app uuid, p_land char(2), p_delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_land IS NULL OR p_delta = 0 THEN
    RETURN;
  END IF;
  IF p_delta > 0 THEN
    INSERT INTO app_adoptions_by_land AS t (app_id, land_code, count) VALUES (p_app, p_land, p_delta)
      ON CONFLICT (app_id, land_code) DO UPDATE SET count = t.count + p_delta;
  ELSE
    -- Concurrent removals wait for each other's row lock and then see the new count.
    UPDATE app_adoptions_by_land SET count = count + p_delta WHERE app_id = p_app AND land_code = p_land AND count > -p_delta;
    IF NOT FOUND THEN
      DELETE FROM app_adoptions_by_land WHERE app_id = p_app AND land_code = p_land;
    END IF;
  END IF;
END $$;
--> statement-breakpoint
-- Adoption counts, in total and per Land, follow the active subscriptions in the same transaction.
CREATE OR REPLACE FUNCTION subscriptions_adoption_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
    UPDATE apps SET adoption_count = adoption_count - 1 WHERE id = OLD.app_id;
    PERFORM app_adoptions_by_land_add(OLD.app_id, (SELECT land_code FROM organizations WHERE id = OLD.organization_id), -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
    UPDATE apps SET adoption_count = adoption_count + 1 WHERE id = NEW.app_id;
    PERFORM app_adoptions_by_land_add(NEW.app_id, (SELECT land_code FROM organizations WHERE id = NEW.organization_id), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER subscriptions_adoption_count ON subscriptions;
--> statement-breakpoint
CREATE TRIGGER subscriptions_adoption_count AFTER INSERT OR DELETE OR UPDATE OF status, app_id, organization_id ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION subscriptions_adoption_count();
--> statement-breakpoint
-- An organization moved to another Land takes its active subscriptions with it.
CREATE OR REPLACE FUNCTION organizations_land_adoptions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subscription record;
BEGIN
  FOR subscription IN SELECT app_id FROM subscriptions WHERE organization_id = NEW.id AND status = 'active' LOOP
    PERFORM app_adoptions_by_land_add(subscription.app_id, OLD.land_code, -1);
    PERFORM app_adoptions_by_land_add(subscription.app_id, NEW.land_code, 1);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_land_adoptions AFTER UPDATE OF land_code ON organizations
  FOR EACH ROW WHEN (OLD.land_code IS DISTINCT FROM NEW.land_code) EXECUTE FUNCTION organizations_land_adoptions();
--> statement-breakpoint
-- Both counts from the subscriptions themselves: for bulk loads that run without the triggers, and
-- for the rows that exist before this migration.
CREATE OR REPLACE FUNCTION recount_adoptions() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE apps a SET adoption_count = c.count
  FROM (SELECT x.id, count(s.id)::int AS count
        FROM apps x LEFT JOIN subscriptions s ON s.app_id = x.id AND s.status = 'active' GROUP BY x.id) c
  WHERE c.id = a.id AND a.adoption_count <> c.count;
  DELETE FROM app_adoptions_by_land;
  INSERT INTO app_adoptions_by_land (app_id, land_code, count)
  SELECT s.app_id, o.land_code, count(*)::int
  FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
  WHERE s.status = 'active' AND o.land_code IS NOT NULL
  GROUP BY s.app_id, o.land_code;
END $$;
--> statement-breakpoint
SELECT recount_adoptions();
