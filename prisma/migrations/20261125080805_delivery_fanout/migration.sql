-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'cancelled';

-- DropForeignKey
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_contact_id_fkey";

-- AlterTable
ALTER TABLE "broadcasts" ADD COLUMN     "fanout_cursor" INTEGER,
ADD COLUMN     "fanout_done_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "enqueued_at" TIMESTAMP(3),
ALTER COLUMN "contact_id" DROP NOT NULL,
ALTER COLUMN "channel" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "deliveries_status_enqueued_at_idx" ON "deliveries"("status", "enqueued_at");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
