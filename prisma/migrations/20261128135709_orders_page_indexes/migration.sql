-- DropIndex
DROP INDEX "TikTokOrder_shopId_syncStatus_createTime_idx";

-- DropIndex
DROP INDEX "TikTokOrder_shopId_reasonCode_idx";

-- CreateTable
CREATE TABLE "TikTokOrderCount" (
    "shopId" TEXT NOT NULL,
    "syncStatus" "SyncStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TikTokOrderCount_pkey" PRIMARY KEY ("shopId","syncStatus")
);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_createTime_id_idx" ON "TikTokOrder"("shopId", "createTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_syncStatus_createTime_id_idx" ON "TikTokOrder"("shopId", "syncStatus", "createTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_reasonCode_createTime_id_idx" ON "TikTokOrder"("shopId", "reasonCode", "createTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_reasonStage_createTime_id_idx" ON "TikTokOrder"("shopId", "reasonStage", "createTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_tiktokOrderId_idx" ON "TikTokOrder"("shopId", "tiktokOrderId" text_pattern_ops);

-- AddForeignKey
ALTER TABLE "TikTokOrderCount" ADD CONSTRAINT "TikTokOrderCount_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keep "TikTokOrderCount" exact. After each statement that inserts, updates or deletes orders, the orders
-- that entered (+1) and left (-1) each status are summed per store and applied in one statement, in key
-- order, so two writers take the count rows' locks in the same order. An update that changes no status
-- writes nothing. A store being deleted is skipped: its counts are deleted with it.
CREATE FUNCTION "TikTokOrderCount_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "count")
    SELECT "shopId", "syncStatus", count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("shopId", "syncStatus") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "count")
    SELECT d."shopId", d."syncStatus", -count(*) FROM old_rows d JOIN "Shop" s ON s."id" = d."shopId"
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("shopId", "syncStatus") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "TikTokOrderCount" AS c ("shopId", "syncStatus", "count")
    SELECT d."shopId", d."syncStatus", sum(d."n")
    FROM (
      SELECT "shopId", "syncStatus", 1 AS "n" FROM new_rows
      UNION ALL
      SELECT "shopId", "syncStatus", -1 AS "n" FROM old_rows
    ) d JOIN "Shop" s ON s."id" = d."shopId"
    GROUP BY 1, 2 HAVING sum(d."n") <> 0 ORDER BY 1, 2
    ON CONFLICT ("shopId", "syncStatus") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "TikTokOrderCount_insert" AFTER INSERT ON "TikTokOrder"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "TikTokOrderCount_apply"();
CREATE TRIGGER "TikTokOrderCount_update" AFTER UPDATE ON "TikTokOrder"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "TikTokOrderCount_apply"();
CREATE TRIGGER "TikTokOrderCount_delete" AFTER DELETE ON "TikTokOrder"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "TikTokOrderCount_apply"();

-- The orders already stored. The triggers exist by now and hold a lock that keeps other writers out until
-- this migration commits, so no order is counted twice or missed.
INSERT INTO "TikTokOrderCount" ("shopId", "syncStatus", "count")
SELECT "shopId", "syncStatus", count(*) FROM "TikTokOrder" GROUP BY 1, 2;

-- No query filters on the stored JSON itself, and gathering statistics on it is most of the cost of
-- analyzing the table (by autovacuum, or on PGlite by the app).
ALTER TABLE "TikTokOrder" ALTER COLUMN "raw" SET STATISTICS 0;
