-- AlterTable
ALTER TABLE "TikTokConnection" ADD COLUMN     "authorizationExpiresAt" TIMESTAMP(3),
ADD COLUMN     "deauthorizedAt" TIMESTAMP(3),
ADD COLUMN     "lastPolledAt" TIMESTAMP(3),
ADD COLUMN     "pollCursor" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TikTokOrder" ADD COLUMN     "queuedTrigger" "SyncTrigger",
ADD COLUMN     "shopifyCancelledAt" TIMESTAMP(3);

