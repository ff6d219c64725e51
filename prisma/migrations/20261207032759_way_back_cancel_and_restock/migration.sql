-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "offerTikTokCancel" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "restockReturns" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "TikTokRefund" ADD COLUMN     "restocked" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "sellerCancelDetail" TEXT,
ADD COLUMN     "sellerCancelStatus" TEXT;

