-- CreateEnum
CREATE TYPE "FlowNoticeTrigger" AS ENUM ('ORDER', 'SHIPMENT');

-- DropIndex
DROP INDEX "FlowNotice_orderId_reasonCode_key";

-- AlterTable
ALTER TABLE "FlowNotice" ADD COLUMN     "trigger" "FlowNoticeTrigger" NOT NULL DEFAULT 'ORDER';

-- CreateIndex
CREATE UNIQUE INDEX "FlowNotice_orderId_trigger_reasonCode_key" ON "FlowNotice"("orderId", "trigger", "reasonCode");

