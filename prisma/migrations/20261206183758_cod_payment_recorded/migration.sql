-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "shopifyPaidAt" TIMESTAMP(3);

