-- CreateEnum
CREATE TYPE "ShipmentStatus" AS ENUM ('PENDING', 'SHIPPING', 'SHIPPED', 'BLOCKED', 'FAILED');

-- CreateTable
CREATE TABLE "CarrierMapping" (
    "shopId" TEXT NOT NULL,
    "tiktokShopId" TEXT NOT NULL,
    "shopifyCarrier" TEXT NOT NULL,
    "shopifyLabel" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "providerName" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierMapping_pkey" PRIMARY KEY ("shopId","tiktokShopId","shopifyCarrier")
);

-- CreateTable
CREATE TABLE "TikTokShipment" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyFulfillmentId" TEXT NOT NULL,
    "shopifyName" TEXT,
    "shopifyUpdatedAt" TIMESTAMP(3),
    "trackingCompany" TEXT,
    "trackingNumber" TEXT,
    "lines" JSONB NOT NULL,
    "status" "ShipmentStatus" NOT NULL DEFAULT 'PENDING',
    "reasonCode" TEXT,
    "reasonDetail" TEXT,
    "tiktokLineIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "providerId" TEXT,
    "providerName" TEXT,
    "packageId" TEXT,
    "sentTrackingNumber" TEXT,
    "shippedAt" TIMESTAMP(3),
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TikTokShipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TikTokShipment_orderId_idx" ON "TikTokShipment"("orderId");

-- CreateIndex
CREATE INDEX "TikTokShipment_nextAttemptAt_idx" ON "TikTokShipment"("nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokShipment_shopId_shopifyFulfillmentId_key" ON "TikTokShipment"("shopId", "shopifyFulfillmentId");

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_shopifyOrderId_idx" ON "TikTokOrder"("shopId", "shopifyOrderId");

-- AddForeignKey
ALTER TABLE "CarrierMapping" ADD CONSTRAINT "CarrierMapping_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokShipment" ADD CONSTRAINT "TikTokShipment_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokShipment" ADD CONSTRAINT "TikTokShipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "TikTokOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

