-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "tiktokReturns" JSONB;

