-- DropIndex
DROP INDEX "TikTokOrder_syncStatus_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "TikTokOrder_nextAttemptAt_idx" ON "TikTokOrder"("nextAttemptAt");

