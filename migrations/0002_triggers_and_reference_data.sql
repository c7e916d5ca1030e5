-- Search document of an app (DESIGN.md §5): name A, tags and Themenfelder B, summary C, description D,
-- folded with f_unaccent so that "gebuhren" finds "Gebühren" and "strasse" finds "Straße".
-- A trigger rather than a generated column because the Themenfeld labels live in their own table.
CREATE OR REPLACE FUNCTION apps_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  themen_labels text;
BEGIN
  SELECT coalesce(string_agg(t.name_de, ' '), '') INTO themen_labels
    FROM themenfelder t WHERE t.id = ANY (NEW.themenfelder);
  NEW.search_vector :=
       setweight(to_tsvector('german', f_unaccent(NEW.name)), 'A')
    || setweight(to_tsvector('german', f_unaccent(array_to_string(NEW.tags, ' ') || ' ' || themen_labels)), 'B')
    || setweight(to_tsvector('german', f_unaccent(NEW.summary)), 'C')
    || setweight(to_tsvector('german', f_unaccent(NEW.description)), 'D');
  NEW.search_text := lower(f_unaccent(NEW.name || ' ' || array_to_string(NEW.tags, ' ') || ' ' || NEW.summary));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER apps_search BEFORE INSERT OR UPDATE OF name, tags, themenfelder, summary, description ON apps
  FOR EACH ROW EXECUTE FUNCTION apps_search_refresh();
--> statement-breakpoint
-- Adoption counts follow the active subscriptions in the same transaction, so they are always exact.
CREATE OR REPLACE FUNCTION subscriptions_adoption_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
    UPDATE apps SET adoption_count = adoption_count - 1 WHERE id = OLD.app_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
    UPDATE apps SET adoption_count = adoption_count + 1 WHERE id = NEW.app_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER subscriptions_adoption_count AFTER INSERT OR DELETE OR UPDATE OF status, app_id ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION subscriptions_adoption_count();
--> statement-breakpoint
-- The audit trail is append-only: no role of the application may change or remove an event.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Reference data. Population: Zensus 2022 (sum of the municipalities in data/gemeinden-zensus2022.csv),
-- © Statistische Ämter des Bundes und der Länder, Zensus 2022, dl-de/by-2-0.
INSERT INTO lands (code, name, population) VALUES
  ('01', 'Schleswig-Holstein', 2927542),
  ('02', 'Hamburg', 1808846),
  ('03', 'Niedersachsen', 7943265),
  ('04', 'Bremen', 693204),
  ('05', 'Nordrhein-Westfalen', 17890489),
  ('06', 'Hessen', 6207278),
  ('07', 'Rheinland-Pfalz', 4094169),
  ('08', 'Baden-Württemberg', 11104040),
  ('09', 'Bayern', 13038724),
  ('10', 'Saarland', 1006864),
  ('11', 'Berlin', 3596999),
  ('12', 'Brandenburg', 2534075),
  ('13', 'Mecklenburg-Vorpommern', 1570817),
  ('14', 'Sachsen', 4038131),
  ('15', 'Sachsen-Anhalt', 2146443),
  ('16', 'Thüringen', 2110396)
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
-- Königsteiner Schlüssel 2016 as published by the GWK (the newest complete table at hand; replace with the current year's table).
INSERT INTO koenigstein_shares (year, land_code, percent, source) VALUES
  (2016, '01', 3.39074, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '02', 2.55752, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '03', 9.33138, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '04', 0.95331, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '05', 21.14424, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '06', 7.39885, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '07', 4.83089, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '08', 12.96662, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '09', 15.53327, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '10', 1.21111, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '11', 5.08324, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '12', 3.03655, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '13', 2.01240, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '14', 5.05577, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '15', 2.79941, 'GWK, Königsteiner Schlüssel 2016'),
  (2016, '16', 2.69470, 'GWK, Königsteiner Schlüssel 2016')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO themenfelder (id, name_de, name_en, position) VALUES
  ('work_retirement', 'Arbeit & Ruhestand', 'Work & retirement', 1),
  ('building_housing', 'Bauen & Wohnen', 'Building & housing', 2),
  ('education', 'Bildung', 'Education', 3),
  ('immigration_emigration', 'Ein- & Auswanderung', 'Immigration & emigration', 4),
  ('engagement_hobbies', 'Engagement & Hobby', 'Engagement & hobbies', 5),
  ('family_children', 'Familie & Kind', 'Family & children', 6),
  ('research_funding', 'Forschung & Förderung', 'Research & funding', 7),
  ('health', 'Gesundheit', 'Health', 8),
  ('mobility_travel', 'Mobilität & Reisen', 'Mobility & travel', 9),
  ('cross_cutting', 'Querschnitt', 'Cross-cutting services', 10),
  ('law_order', 'Recht & Ordnung', 'Law & order', 11),
  ('taxes_customs', 'Steuern & Zoll', 'Taxes & customs', 12),
  ('environment', 'Umwelt', 'Environment', 13),
  ('business', 'Unternehmensführung & -entwicklung', 'Running & developing a business', 14),
  ('internal_administration', 'Verwaltungsinterne Dienste', 'Internal administration', 15)
ON CONFLICT (id) DO NOTHING;
