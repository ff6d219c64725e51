-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "cancelRequestId" TEXT,
ADD COLUMN     "cancelRequestStatus" TEXT,
ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3);

