-- AlterTable
ALTER TABLE "TikTokConnection" ADD COLUMN     "returnsCheckedAt" TIMESTAMP(3);

