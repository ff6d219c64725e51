-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "shopifyAddressHash" TEXT;

