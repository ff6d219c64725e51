-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "searchTerms" tsvector;

-- AlterTable
ALTER TABLE "TikTokOrderCount" DROP CONSTRAINT "TikTokOrderCount_pkey",
ADD COLUMN     "reasonCode" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "TikTokOrderCount_pkey" PRIMARY KEY ("shopId", "syncStatus", "reasonCode");

-- The counts per status are now per status and reason, so the overview and a list filtered by reason or
-- stage read them too. As before, after each statement that writes orders, what entered and left each
-- (status, reason) is summed per store and applied in one statement, in key order. An update that changes
-- neither writes nothing.
CREATE OR REPLACE FUNCTION "TikTokOrderCount_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "reasonCode", "count")
    SELECT "shopId", "syncStatus", coalesce("reasonCode", ''), count(*) FROM new_rows
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("shopId", "syncStatus", "reasonCode") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "reasonCode", "count")
    SELECT d."shopId", d."syncStatus", coalesce(d."reasonCode", ''), -count(*)
    FROM old_rows d JOIN "Shop" s ON s."id" = d."shopId"
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("shopId", "syncStatus", "reasonCode") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "reasonCode", "count")
    SELECT d."shopId", d."syncStatus", d."reasonCode", sum(d."n")
    FROM (
      SELECT "shopId", "syncStatus", coalesce("reasonCode", '') AS "reasonCode", 1 AS "n" FROM new_rows
      UNION ALL
      SELECT "shopId", "syncStatus", coalesce("reasonCode", ''), -1 AS "n" FROM old_rows
    ) d JOIN "Shop" s ON s."id" = d."shopId"
    GROUP BY 1, 2, 3 HAVING sum(d."n") <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("shopId", "syncStatus", "reasonCode") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END $$;

-- The words the Orders search finds an order by, besides its ids: the buyer's name and each line's seller
-- SKU and TikTok SKU id, lower-cased, as lexemes (no stemming: a word is found by its start). One
-- definition, for the order upsert, erasure and the orders already stored. An erased order's recipient is
-- the redaction marker, a string, so its name yields nothing.
CREATE FUNCTION "TikTokOrder_searchTerms"(raw jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT left(term, 64)), '{}'))
  FROM (
    SELECT regexp_split_to_table(lower(coalesce(
      raw #>> '{recipient_address,name}',
      concat_ws(' ', raw #>> '{recipient_address,first_name}', raw #>> '{recipient_address,last_name}')
    )), '\s+') AS term
    UNION ALL
    SELECT lower(sku) FROM jsonb_array_elements(
      CASE jsonb_typeof(raw -> 'line_items') WHEN 'array' THEN raw -> 'line_items' ELSE '[]' END
    ) AS line, LATERAL (VALUES (line ->> 'seller_sku'), (line ->> 'sku_id')) AS skus(sku)
  ) AS terms
  WHERE term <> ''
$$;

-- The orders already stored: their terms, and their counts again by reason. The first statement of this
-- migration locked the table until it commits, so no order is missed or counted twice.
UPDATE "TikTokOrder" SET "searchTerms" = "TikTokOrder_searchTerms"("raw");
DELETE FROM "TikTokOrderCount";
INSERT INTO "TikTokOrderCount" ("shopId", "syncStatus", "reasonCode", "count")
SELECT "shopId", "syncStatus", coalesce("reasonCode", ''), count(*) FROM "TikTokOrder" GROUP BY 1, 2, 3;

-- Each word of a search is matched as the start of a term (`'word':*` in a tsquery), which a GIN index
-- serves. Without a pending list, a search never scans entries not yet merged into the index.
CREATE INDEX "TikTokOrder_searchTerms_idx" ON "TikTokOrder" USING GIN ("searchTerms") WITH (fastupdate = off);

-- The start of a Shopify order name, without case and without its "#": "#1001" is found by "1001" too.
CREATE INDEX "TikTokOrder_shopId_shopifyOrderName_idx" ON "TikTokOrder"
  ("shopId", ltrim(lower("shopifyOrderName"), '#') text_pattern_ops);
