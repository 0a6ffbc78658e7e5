-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'published', 'archived');

-- CreateEnum
CREATE TYPE "AreaKind" AS ENUM ('city', 'town', 'district');

-- CreateEnum
CREATE TYPE "MemberType" AS ENUM ('enterprise', 'district_association', 'collective');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('pending', 'active', 'suspended', 'rejected');

-- CreateEnum
CREATE TYPE "MemberSource" AS ENUM ('roster', 'self_registered', 'admin');

-- CreateEnum
CREATE TYPE "ChannelId" AS ENUM ('telegram', 'zalo_oa', 'zalo_bot', 'webchat');

-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('member', 'unit_head', 'office');

-- CreateEnum
CREATE TYPE "ContactStatus" AS ENUM ('active', 'blocked');

-- CreateEnum
CREATE TYPE "InviteRole" AS ENUM ('office', 'unit_head');

-- CreateEnum
CREATE TYPE "BroadcastKind" AS ENUM ('announcement', 'plan', 'phase_theme', 'reminder', 'notice');

-- CreateEnum
CREATE TYPE "BroadcastStatus" AS ENUM ('draft', 'scheduled', 'sending', 'sent', 'cancelled');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('queued', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "DeliveryFailure" AS ENUM ('blocked', 'unreachable', 'outside_window', 'quota_exceeded', 'template_not_approved', 'error');

-- CreateEnum
CREATE TYPE "AdminRole" AS ENUM ('office_admin', 'area_viewer');

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "doc_number" TEXT NOT NULL,
    "doc_date" DATE NOT NULL,
    "doc_place" TEXT,
    "title" TEXT NOT NULL,
    "overall_theme" TEXT NOT NULL,
    "movements" TEXT[],
    "addressees" TEXT[],
    "full_text" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_phases" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "theme" TEXT NOT NULL,
    "announced_at" TIMESTAMP(3),

    CONSTRAINT "campaign_phases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_periods" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "covers" TEXT NOT NULL,
    "opens_at" TIMESTAMP(3) NOT NULL,
    "deadline_at" TIMESTAMP(3) NOT NULL,
    "deadline_text" TEXT NOT NULL,
    "fields" JSONB NOT NULL,

    CONSTRAINT "report_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "areas" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AreaKind" NOT NULL,
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "areas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "members" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_folded" TEXT NOT NULL,
    "tax_code" TEXT,
    "area_id" INTEGER,
    "type" "MemberType" NOT NULL DEFAULT 'enterprise',
    "status" "MemberStatus" NOT NULL DEFAULT 'pending',
    "source" "MemberSource" NOT NULL DEFAULT 'roster',
    "invite_code" TEXT NOT NULL,
    "contact_person" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "status_reason" TEXT,
    "approved_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" SERIAL NOT NULL,
    "channel" "ChannelId" NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "phone" TEXT,
    "phone_verified" BOOLEAN NOT NULL DEFAULT false,
    "member_id" INTEGER,
    "role" "ContactRole" NOT NULL DEFAULT 'member',
    "area_id" INTEGER,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "status" "ContactStatus" NOT NULL DEFAULT 'active',
    "status_reason" TEXT,
    "last_interaction_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_invites" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "role" "InviteRole" NOT NULL,
    "area_id" INTEGER,
    "note" TEXT,
    "expires_at" TIMESTAMP(3),
    "used_at" TIMESTAMP(3),
    "used_by_contact_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submissions" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "current_revision" INTEGER NOT NULL,
    "first_submitted_at" TIMESTAMP(3) NOT NULL,
    "last_submitted_at" TIMESTAMP(3) NOT NULL,
    "on_time" BOOLEAN NOT NULL,

    CONSTRAINT "submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission_revisions" (
    "id" SERIAL NOT NULL,
    "submission_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "text" TEXT,
    "submitted_at" TIMESTAMP(3) NOT NULL,
    "on_time" BOOLEAN NOT NULL,
    "contact_id" INTEGER,
    "reference_code" TEXT NOT NULL,

    CONSTRAINT "submission_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission_drafts" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "contact_id" INTEGER,
    "values" JSONB NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "submission_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "revision_id" INTEGER,
    "channel" "ChannelId" NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_path" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "broadcasts" (
    "id" SERIAL NOT NULL,
    "kind" "BroadcastKind" NOT NULL DEFAULT 'announcement',
    "campaign_id" INTEGER,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "status" "BroadcastStatus" NOT NULL DEFAULT 'draft',
    "scheduled_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "created_by_admin_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "broadcasts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" SERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "broadcast_id" INTEGER,
    "reminder_id" INTEGER,
    "contact_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "channel" "ChannelId" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'queued',
    "failure" "DeliveryFailure",
    "failure_detail" TEXT,
    "message" JSONB,
    "platform_message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_log" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "period_id" INTEGER NOT NULL,
    "offset_key" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),
    "skipped_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_states" (
    "contact_id" INTEGER NOT NULL,
    "flow_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "active_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "conversation_states_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "processed_updates" (
    "channel" "ChannelId" NOT NULL,
    "update_id" TEXT NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_updates_pkey" PRIMARY KEY ("channel","update_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "AdminRole" NOT NULL DEFAULT 'office_admin',
    "area_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_sessions" (
    "token_hash" TEXT NOT NULL,
    "admin_user_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "admin_sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "channel_credentials" (
    "channel" "ChannelId" NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "channel_credentials_pkey" PRIMARY KEY ("channel","name")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_year_key" ON "campaigns"("year");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_phases_campaign_id_ordinal_key" ON "campaign_phases"("campaign_id", "ordinal");

-- CreateIndex
CREATE INDEX "report_periods_deadline_at_idx" ON "report_periods"("deadline_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_periods_campaign_id_code_key" ON "report_periods"("campaign_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "areas_code_key" ON "areas"("code");

-- CreateIndex
CREATE UNIQUE INDEX "members_tax_code_key" ON "members"("tax_code");

-- CreateIndex
CREATE UNIQUE INDEX "members_invite_code_key" ON "members"("invite_code");

-- CreateIndex
CREATE INDEX "members_area_id_idx" ON "members"("area_id");

-- CreateIndex
CREATE INDEX "members_status_idx" ON "members"("status");

-- CreateIndex
CREATE INDEX "members_phone_idx" ON "members"("phone");

-- CreateIndex
CREATE INDEX "contacts_member_id_idx" ON "contacts"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_channel_platform_user_id_key" ON "contacts"("channel", "platform_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_invites_code_key" ON "role_invites"("code");

-- CreateIndex
CREATE INDEX "submissions_period_id_idx" ON "submissions"("period_id");

-- CreateIndex
CREATE UNIQUE INDEX "submissions_member_id_period_id_key" ON "submissions"("member_id", "period_id");

-- CreateIndex
CREATE UNIQUE INDEX "submission_revisions_reference_code_key" ON "submission_revisions"("reference_code");

-- CreateIndex
CREATE UNIQUE INDEX "submission_revisions_submission_id_revision_key" ON "submission_revisions"("submission_id", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "submission_drafts_member_id_period_id_key" ON "submission_drafts"("member_id", "period_id");

-- CreateIndex
CREATE INDEX "attachments_revision_id_idx" ON "attachments"("revision_id");

-- CreateIndex
CREATE INDEX "broadcasts_status_scheduled_at_idx" ON "broadcasts"("status", "scheduled_at");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_dedupe_key_key" ON "deliveries"("dedupe_key");

-- CreateIndex
CREATE INDEX "deliveries_broadcast_id_status_idx" ON "deliveries"("broadcast_id", "status");

-- CreateIndex
CREATE INDEX "deliveries_member_id_idx" ON "deliveries"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_log_member_id_period_id_offset_key_key" ON "reminder_log"("member_id", "period_id", "offset_key");

-- CreateIndex
CREATE INDEX "processed_updates_processed_at_idx" ON "processed_updates"("processed_at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_username_key" ON "admin_users"("username");

-- CreateIndex
CREATE INDEX "admin_sessions_expires_at_idx" ON "admin_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "campaign_phases" ADD CONSTRAINT "campaign_phases_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_periods" ADD CONSTRAINT "report_periods_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "report_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_revisions" ADD CONSTRAINT "submission_revisions_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_revisions" ADD CONSTRAINT "submission_revisions_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_drafts" ADD CONSTRAINT "submission_drafts_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_drafts" ADD CONSTRAINT "submission_drafts_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "report_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_drafts" ADD CONSTRAINT "submission_drafts_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "submission_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_created_by_admin_id_fkey" FOREIGN KEY ("created_by_admin_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_broadcast_id_fkey" FOREIGN KEY ("broadcast_id") REFERENCES "broadcasts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_reminder_id_fkey" FOREIGN KEY ("reminder_id") REFERENCES "reminder_log"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_log" ADD CONSTRAINT "reminder_log_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "report_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_states" ADD CONSTRAINT "conversation_states_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_users" ADD CONSTRAINT "admin_users_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_admin_user_id_fkey" FOREIGN KEY ("admin_user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
