-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shopifyCustomerId" TEXT,
    "orderCount" INTEGER NOT NULL,
    "reportEncrypted" TEXT NOT NULL,
    "downloadedAt" TIMESTAMP(3),

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TikTokAuthorization" (
    "nonce" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "ticketHash" TEXT NOT NULL,
    "browserHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "redeemedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TikTokAuthorization_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "DataRequest_shopId_receivedAt_idx" ON "DataRequest"("shopId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokAuthorization_ticketHash_key" ON "TikTokAuthorization"("ticketHash");

-- CreateIndex
CREATE INDEX "TikTokAuthorization_shopId_expiresAt_idx" ON "TikTokAuthorization"("shopId", "expiresAt");

-- AddForeignKey
ALTER TABLE "DataRequest" ADD CONSTRAINT "DataRequest_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokAuthorization" ADD CONSTRAINT "TikTokAuthorization_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

