-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "merchantRefunds" JSONB;

