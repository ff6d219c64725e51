-- AlterEnum
ALTER TYPE "SyncTrigger" ADD VALUE 'LINKED';

