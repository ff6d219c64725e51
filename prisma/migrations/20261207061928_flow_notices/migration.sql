-- CreateEnum
CREATE TYPE "FlowNoticeStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "FlowNotice" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "status" "FlowNoticeStatus" NOT NULL DEFAULT 'PENDING',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "FlowNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlowNotice_nextAttemptAt_idx" ON "FlowNotice"("nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowNotice_orderId_reasonCode_key" ON "FlowNotice"("orderId", "reasonCode");

-- AddForeignKey
ALTER TABLE "FlowNotice" ADD CONSTRAINT "FlowNotice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "TikTokOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

