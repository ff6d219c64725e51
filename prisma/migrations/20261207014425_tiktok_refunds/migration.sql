-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "refundsDue" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "TikTokRefund" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "returnType" TEXT NOT NULL,
    "shopifyRefundId" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TikTokRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TikTokRefund_orderId_idx" ON "TikTokRefund"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokRefund_shopId_returnId_key" ON "TikTokRefund"("shopId", "returnId");

-- AddForeignKey
ALTER TABLE "TikTokRefund" ADD CONSTRAINT "TikTokRefund_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokRefund" ADD CONSTRAINT "TikTokRefund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "TikTokOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

