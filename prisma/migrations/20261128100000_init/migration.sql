-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SampleOrderRule" AS ENUM ('SYNC', 'COMBINE', 'SKIP');

-- CreateEnum
CREATE TYPE "OnHoldRule" AS ENUM ('WAIT', 'SYNC');

-- CreateEnum
CREATE TYPE "InventoryBehaviour" AS ENUM ('BYPASS', 'DECREMENT_IGNORING_POLICY', 'DECREMENT_OBEYING_POLICY');

-- CreateEnum
CREATE TYPE "ProductLinkState" AS ENUM ('LINKED', 'VARIANT_DELETED');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('PENDING', 'SYNCING', 'SYNCED', 'BLOCKED', 'FAILED');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('WEBHOOK', 'POLL', 'MANUAL', 'REQUEUE');

-- CreateEnum
CREATE TYPE "AttemptOutcome" AS ENUM ('CREATING', 'SYNCED', 'BLOCKED', 'FAILED');

-- CreateEnum
CREATE TYPE "WebhookSource" AS ENUM ('TIKTOK', 'SHOPIFY');

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "autoSync" BOOLEAN NOT NULL DEFAULT true,
    "sampleOrderRule" "SampleOrderRule" NOT NULL DEFAULT 'SYNC',
    "sampleOrderTag" TEXT NOT NULL DEFAULT 'TikTok sample',
    "combineWindowMinutes" INTEGER NOT NULL DEFAULT 60,
    "onHoldRule" "OnHoldRule" NOT NULL DEFAULT 'WAIT',
    "orderTags" TEXT[] DEFAULT ARRAY['TikTok Shop']::TEXT[],
    "orderNameFormat" TEXT NOT NULL DEFAULT 'TT-{id}',
    "inventoryBehaviour" "InventoryBehaviour" NOT NULL DEFAULT 'DECREMENT_OBEYING_POLICY',
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TikTokConnection" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "tiktokShopId" TEXT NOT NULL,
    "tiktokShopName" TEXT,
    "cipher" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accessTokenEncrypted" TEXT NOT NULL,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenEncrypted" TEXT NOT NULL,
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TikTokConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductLink" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "tiktokProductId" TEXT NOT NULL,
    "tiktokSkuId" TEXT NOT NULL,
    "sellerSku" TEXT,
    "shopifyVariantId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" "ProductLinkState" NOT NULL DEFAULT 'LINKED',

    CONSTRAINT "ProductLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TikTokOrder" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "tiktokOrderId" TEXT NOT NULL,
    "tiktokStatus" TEXT NOT NULL,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "isOnHold" BOOLEAN NOT NULL DEFAULT false,
    "fulfillmentType" TEXT,
    "createTime" TIMESTAMP(3) NOT NULL,
    "updateTime" TIMESTAMP(3) NOT NULL,
    "raw" JSONB NOT NULL,
    "syncStatus" "SyncStatus" NOT NULL DEFAULT 'PENDING',
    "reasonCode" TEXT,
    "reasonStage" INTEGER,
    "shopifyOrderId" TEXT,
    "shopifyOrderName" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "combinedIntoId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TikTokOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncAttempt" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "trigger" "SyncTrigger" NOT NULL,
    "outcome" "AttemptOutcome" NOT NULL,
    "reasonCode" TEXT,
    "stages" JSONB NOT NULL,
    "errorDetail" TEXT,
    "shopifyOrderId" TEXT,

    CONSTRAINT "SyncAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" TEXT NOT NULL,
    "source" "WebhookSource" NOT NULL,
    "notificationId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shopDomain" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokConnection_shopId_key" ON "TikTokConnection"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokConnection_tiktokShopId_key" ON "TikTokConnection"("tiktokShopId");

-- CreateIndex
CREATE INDEX "ProductLink_shopId_shopifyVariantId_idx" ON "ProductLink"("shopId", "shopifyVariantId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductLink_shopId_tiktokSkuId_key" ON "ProductLink"("shopId", "tiktokSkuId");

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_syncStatus_createTime_idx" ON "TikTokOrder"("shopId", "syncStatus", "createTime" DESC);

-- CreateIndex
CREATE INDEX "TikTokOrder_shopId_reasonCode_idx" ON "TikTokOrder"("shopId", "reasonCode");

-- CreateIndex
CREATE INDEX "TikTokOrder_syncStatus_nextAttemptAt_idx" ON "TikTokOrder"("syncStatus", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "TikTokOrder_shopId_tiktokOrderId_key" ON "TikTokOrder"("shopId", "tiktokOrderId");

-- CreateIndex
CREATE INDEX "SyncAttempt_orderId_startedAt_idx" ON "SyncAttempt"("orderId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_source_notificationId_key" ON "WebhookReceipt"("source", "notificationId");

-- AddForeignKey
ALTER TABLE "TikTokConnection" ADD CONSTRAINT "TikTokConnection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductLink" ADD CONSTRAINT "ProductLink_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokOrder" ADD CONSTRAINT "TikTokOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TikTokOrder" ADD CONSTRAINT "TikTokOrder_combinedIntoId_fkey" FOREIGN KEY ("combinedIntoId") REFERENCES "TikTokOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncAttempt" ADD CONSTRAINT "SyncAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "TikTokOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

