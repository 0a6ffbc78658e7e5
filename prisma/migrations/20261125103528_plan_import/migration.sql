-- CreateEnum
CREATE TYPE "PlanImportSource" AS ENUM ('paste', 'upload', 'chat');

-- CreateTable
CREATE TABLE "plan_imports" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "source" "PlanImportSource" NOT NULL,
    "file_name" TEXT,
    "created_by_admin_id" INTEGER,
    "created_by_contact_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaign_id" INTEGER,

    CONSTRAINT "plan_imports_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_created_by_admin_id_fkey" FOREIGN KEY ("created_by_admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_created_by_contact_id_fkey" FOREIGN KEY ("created_by_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
