-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "refundsDueCount" INTEGER NOT NULL DEFAULT 0;

