-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "claimedLineIds" TEXT[] DEFAULT ARRAY[]::TEXT[];


-- The lines the fulfilments recorded so far took.
UPDATE "TikTokOrder" o SET "claimedLineIds" = taken."ids"
FROM (
  SELECT s."orderId", array_agg(DISTINCT l) AS "ids"
  FROM "TikTokShipment" s, unnest(s."tiktokLineIds") AS l
  GROUP BY s."orderId"
) AS taken
WHERE o."id" = taken."orderId";
