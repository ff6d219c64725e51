-- DropIndex
DROP INDEX "TikTokConnection_shopId_key";

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "currencyCode" TEXT;

-- AlterTable
ALTER TABLE "TikTokAuthorization" ADD COLUMN     "grantEncrypted" TEXT;

-- AlterTable
ALTER TABLE "TikTokConnection" ADD COLUMN     "autoSync" BOOLEAN,
ADD COLUMN     "grantId" TEXT;
-- The connection a store has is its own authorization.
UPDATE "TikTokConnection" SET "grantId" = "id";
ALTER TABLE "TikTokConnection" ALTER COLUMN "grantId" SET NOT NULL;

-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "currency" TEXT,
ADD COLUMN     "tiktokShopId" TEXT;
-- Every order so far came from the one TikTok shop its store could connect; its currency is TikTok's.
UPDATE "TikTokOrder" o SET "tiktokShopId" = c."tiktokShopId"
  FROM "TikTokConnection" c WHERE c."shopId" = o."shopId";
UPDATE "TikTokOrder" SET "currency" = upper(trim("raw"->'payment'->>'currency'));

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "rate" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeRate_shopId_currency_key" ON "ExchangeRate"("shopId", "currency");

-- CreateIndex
CREATE INDEX "TikTokConnection_shopId_idx" ON "TikTokConnection"("shopId");

-- CreateIndex
CREATE INDEX "TikTokConnection_grantId_idx" ON "TikTokConnection"("grantId");

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_tiktokShopId_createTime_id_idx" ON "TikTokOrder"("shopId", "tiktokShopId", "createTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_currency_createTime_id_idx" ON "TikTokOrder"("shopId", "currency", "createTime" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "ExchangeRate" ADD CONSTRAINT "ExchangeRate_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

