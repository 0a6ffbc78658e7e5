import { z } from 'zod';
import type { ChannelId } from '../core/messages';
import { generateInviteCode } from '../core/members/generate-invite-code';
import { reportFieldsSchema } from '../core/reports/report-field';
import { foldText } from '../core/text/fold-text';
import type {
  CampaignRecord,
  ContactRecord,
  ConversationRepository,
  ConversationStore,
  DraftValues,
  MemberRecord,
  PeriodRecord,
} from '../flows/conversation-repository';
import type { Prisma, PrismaClient } from './generated/client';
import { countAudience } from './audience-where';
import { queryProgress } from './query-progress';
import { toJson } from './to-json';

type Tx = Prisma.TransactionClient;

/** Stored answers are JSON: checked on the way out, so a hand-edited row cannot crash a flow. */
const draftValuesSchema = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.object({ attachmentId: z.number().int(), fileName: z.string() }), z.null()]),
);

/**
 * The conversations' data on Prisma. One interactive transaction per inbound message; the
 * advisory lock (released at commit) puts one contact's messages in a queue, across processes.
 */
export function createPrismaConversationStore(prisma: PrismaClient): ConversationStore {
  return {
    transaction(lockKey, fn) {
      return prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`;
          return fn(createRepository(tx));
        },
        // maxWait bounds the wait for a connection and its BEGIN: when the database hangs, the
        // webhook answers 5xx within seconds and the platform delivers again (Zalo is said to
        // give up on endpoints slower than about 2 s). Under load the wait is milliseconds.
        { maxWait: 3_000, timeout: 20_000 },
      );
    },
  };
}

function createRepository(tx: Tx): ConversationRepository {
  return {
    async claimUpdate(channel, updateId) {
      const { count } = await tx.processedUpdate.createMany({ data: [{ channel, updateId }], skipDuplicates: true });
      return count === 1;
    },

    async touchContact({ channel, platformUserId, displayName, now }) {
      const contact = await tx.contact.upsert({
        where: { channel_platformUserId: { channel, platformUserId } },
        create: { channel, platformUserId, displayName, lastInteractionAt: now },
        // Whoever writes to the bot can be written to: a blocked contact is active again.
        update: { lastInteractionAt: now, status: 'active', statusReason: null, ...(displayName ? { displayName } : {}) },
      });
      return toContact(contact);
    },

    async updateContact(id, patch) {
      return toContact(await tx.contact.update({ where: { id }, data: patch }));
    },

    async findContact(channel, platformUserId) {
      const contact = await tx.contact.findUnique({ where: { channel_platformUserId: { channel, platformUserId } } });
      return contact ? toContact(contact) : null;
    },

    async findMemberById(id) {
      return toMemberOrNull(await tx.member.findUnique({ where: { id }, include: { area: true } }));
    },
    async findMemberByTaxCode(taxCode) {
      return toMemberOrNull(await tx.member.findUnique({ where: { taxCode }, include: { area: true } }));
    },
    async findMemberByInviteCode(code) {
      return toMemberOrNull(await tx.member.findUnique({ where: { inviteCode: code }, include: { area: true } }));
    },
    async findMembersByPhone(phone) {
      const members = await tx.member.findMany({ where: { phone }, include: { area: true }, orderBy: { id: 'asc' } });
      return members.map(toMember);
    },

    async createPendingMember(input) {
      const member = await tx.member.create({
        data: {
          ...input,
          nameFolded: foldText(input.name),
          status: 'pending',
          source: 'self_registered',
          inviteCode: generateInviteCode(),
        },
        include: { area: true },
      });
      return toMember(member);
    },

    async claimRoleInvite(code, contactId, now) {
      const invite = await tx.roleInvite.findUnique({ where: { code } });
      if (!invite || invite.usedAt || (invite.expiresAt && invite.expiresAt <= now)) return null;
      await tx.roleInvite.update({ where: { id: invite.id }, data: { usedAt: now, usedByContactId: contactId } });
      return { role: invite.role, areaId: invite.areaId };
    },

    async listAreas() {
      const areas = await tx.area.findMany({ where: { active: true }, orderBy: [{ ordinal: 'asc' }, { name: 'asc' }] });
      return areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
    },

    async findCampaignForYear(year) {
      const include = {
        phases: { orderBy: { ordinal: 'asc' } },
        reportPeriods: { orderBy: { ordinal: 'asc' } },
      } as const;
      const campaign =
        (await tx.campaign.findFirst({ where: { status: 'published', year }, include })) ??
        (await tx.campaign.findFirst({ where: { status: 'published', year: { lt: year } }, orderBy: { year: 'desc' }, include })) ??
        (await tx.campaign.findFirst({ where: { status: 'published', year: { gt: year } }, orderBy: { year: 'asc' }, include }));
      if (!campaign) return null;
      const record: CampaignRecord = {
        id: campaign.id,
        year: campaign.year,
        docNumber: campaign.docNumber,
        docDate: campaign.docDate,
        docPlace: campaign.docPlace,
        title: campaign.title,
        overallTheme: campaign.overallTheme,
        movements: campaign.movements,
        addressees: campaign.addressees,
        phases: campaign.phases,
        periods: campaign.reportPeriods.map((p) => toPeriod(p, campaign.year)),
      };
      return record;
    },

    async findPeriod(periodId) {
      const period = await tx.reportPeriod.findUnique({ where: { id: periodId }, include: { campaign: true } });
      return period ? toPeriod(period, period.campaign.year) : null;
    },

    async findSubmissions(memberId, periodIds) {
      const submissions = await tx.submission.findMany({
        where: { memberId, periodId: { in: [...periodIds] } },
        include: { revisions: { orderBy: { revision: 'desc' }, take: 1, include: { contact: true } } },
      });
      return submissions.map((s) => ({
        periodId: s.periodId,
        currentRevision: s.currentRevision,
        firstSubmittedAt: s.firstSubmittedAt,
        lastSubmittedAt: s.lastSubmittedAt,
        onTime: s.onTime,
        lastContactName: s.revisions[0]?.contact?.displayName ?? null,
        lastReferenceCode: s.revisions[0]?.referenceCode ?? '',
      }));
    },

    async findCurrentValues(memberId, periodId) {
      const submission = await tx.submission.findUnique({
        where: { memberId_periodId: { memberId, periodId } },
        include: { revisions: { orderBy: { revision: 'desc' }, take: 1 } },
      });
      const values = submission?.revisions[0]?.values;
      return values === undefined ? null : draftValuesSchema.parse(values);
    },

    async findDraft(memberId, periodId) {
      const draft = await tx.submissionDraft.findUnique({ where: { memberId_periodId: { memberId, periodId } } });
      if (!draft) return null;
      const values = draftValuesSchema.safeParse(draft.values);
      return {
        memberId,
        periodId,
        values: values.success ? values.data : {},
        answered: draft.answered,
        total: draft.total,
        updatedAt: draft.updatedAt,
      };
    },

    async saveDraft({ memberId, periodId, contactId, values, answered, total }) {
      const data = { values: toJson(values), answered, total, contactId };
      await tx.submissionDraft.upsert({
        where: { memberId_periodId: { memberId, periodId } },
        create: { memberId, periodId, ...data },
        update: data,
      });
    },

    async deleteDraft(memberId, periodId) {
      await tx.submissionDraft.deleteMany({ where: { memberId, periodId } });
    },

    async saveAttachment({ memberId, channel, attachment }) {
      const row = await tx.attachment.create({
        data: {
          memberId,
          channel,
          fileName: attachment.fileName,
          mimeType: attachment.mimeType,
          sizeBytes: attachment.sizeBytes,
          sha256: attachment.sha256,
          storagePath: attachment.storagePath,
        },
      });
      return row.id;
    },

    async submitRevision({ memberId, period, contactId, values, submittedAt }) {
      // Two contacts of one member may file at the same moment: they take turns, and the
      // second becomes the next revision instead of colliding with the first.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`submission:${memberId}:${period.id}`}))`;
      const existing = await tx.submission.findUnique({ where: { memberId_periodId: { memberId, periodId: period.id } } });
      const revision = (existing?.currentRevision ?? 0) + 1;
      const onTime = submittedAt < period.deadlineAt;
      const referenceCode = `BC-${period.year}-${period.ordinal}-${String(memberId).padStart(5, '0')}-${revision}`;
      const submission = existing
        ? await tx.submission.update({
            where: { id: existing.id },
            data: { currentRevision: revision, lastSubmittedAt: submittedAt },
          })
        : await tx.submission.create({
            data: {
              memberId,
              periodId: period.id,
              currentRevision: revision,
              firstSubmittedAt: submittedAt,
              lastSubmittedAt: submittedAt,
              onTime,
            },
          });
      const text = period.fields
        .filter((f) => f.kind === 'text')
        .map((f) => values[f.code])
        .filter((v): v is string => typeof v === 'string')
        .join('\n\n');
      const created = await tx.submissionRevision.create({
        data: {
          submissionId: submission.id,
          revision,
          values: toJson(values),
          text: text || null,
          submittedAt,
          onTime,
          contactId,
          referenceCode,
        },
      });
      await linkAttachments(tx, memberId, created.id, values);
      return { revision, referenceCode, onTime };
    },

    findProgress(periodId, areaId) {
      return queryProgress(tx, periodId, areaId);
    },

    countAudience(audience) {
      return countAudience(tx, audience);
    },

    async createBroadcast({ body, audience, contactId, now }) {
      const broadcast = await tx.broadcast.create({
        data: {
          kind: 'announcement',
          title: body.split('\n')[0]?.slice(0, 80) ?? 'Thông báo',
          body,
          audience: toJson(audience),
          status: 'scheduled',
          scheduledAt: now,
        },
      });
      await tx.auditLog.create({
        data: { at: now, actorType: 'contact', actorId: String(contactId), action: 'broadcast.composed', entityType: 'broadcast', entityId: String(broadcast.id) },
      });
      return { id: broadcast.id };
    },

    async createPlanImport({ text, fileName, contactId, now }) {
      const created = await tx.planImport.create({ data: { text, source: 'chat', fileName, createdByContactId: contactId, createdAt: now } });
      await tx.auditLog.create({
        data: {
          at: now,
          actorType: 'contact',
          actorId: String(contactId),
          action: 'plan_import.created',
          entityType: 'plan_import',
          entityId: String(created.id),
          details: toJson({ source: 'chat', fileName, characters: text.length }),
        },
      });
      return { id: created.id };
    },

    async loadFlowState(contactId) {
      const row = await tx.conversationState.findUnique({ where: { contactId } });
      return row ? { flowId: row.flowId, version: row.version, state: row.state, activeAt: row.activeAt } : null;
    },

    async saveFlowState(contactId, state) {
      if (!state) {
        await tx.conversationState.deleteMany({ where: { contactId } });
        return;
      }
      const data = { flowId: state.flowId, version: state.version, state: toJson(state.state), activeAt: state.activeAt };
      await tx.conversationState.upsert({ where: { contactId }, create: { contactId, ...data }, update: data });
    },

    async audit(entry) {
      await tx.auditLog.create({ data: { ...entry, details: entry.details ? toJson(entry.details) : undefined } });
    },
  };
}

/**
 * A revision owns its files. A correction that keeps a file filed before gets its own row for
 * the same stored bytes, so every revision still lists exactly what it was filed with.
 */
async function linkAttachments(tx: Tx, memberId: number, revisionId: number, values: DraftValues): Promise<void> {
  for (const value of Object.values(values)) {
    if (!value || typeof value !== 'object') continue;
    const attachment = await tx.attachment.findFirst({ where: { id: value.attachmentId, memberId } });
    if (!attachment) continue;
    if (attachment.revisionId === null) {
      await tx.attachment.update({ where: { id: attachment.id }, data: { revisionId } });
    } else {
      const { id: _id, createdAt: _createdAt, ...copy } = attachment;
      await tx.attachment.create({ data: { ...copy, revisionId } });
    }
  }
}

function toPeriod(
  p: { id: number; code: string; ordinal: number; name: string; covers: string; opensAt: Date; deadlineAt: Date; deadlineText: string; fields: unknown },
  year: number,
): PeriodRecord {
  return {
    id: p.id,
    year,
    code: p.code,
    ordinal: p.ordinal,
    name: p.name,
    covers: p.covers,
    opensAt: p.opensAt,
    deadlineAt: p.deadlineAt,
    deadlineText: p.deadlineText,
    fields: reportFieldsSchema.parse(p.fields),
  };
}

function toContact(c: {
  id: number;
  channel: ChannelId;
  platformUserId: string;
  displayName: string | null;
  phone: string | null;
  phoneVerified: boolean;
  memberId: number | null;
  role: ContactRecord['role'];
  areaId: number | null;
  status: ContactRecord['status'];
}): ContactRecord {
  return {
    id: c.id,
    channel: c.channel,
    platformUserId: c.platformUserId,
    displayName: c.displayName,
    phone: c.phone,
    phoneVerified: c.phoneVerified,
    memberId: c.memberId,
    role: c.role,
    areaId: c.areaId,
    status: c.status,
  };
}

type MemberRow = Prisma.MemberGetPayload<{ include: { area: true } }>;

function toMember(m: MemberRow): MemberRecord {
  return {
    id: m.id,
    name: m.name,
    taxCode: m.taxCode,
    areaId: m.areaId,
    areaName: m.area?.name ?? null,
    type: m.type,
    status: m.status,
    phone: m.phone,
    contactPerson: m.contactPerson,
  };
}

function toMemberOrNull(m: MemberRow | null): MemberRecord | null {
  return m ? toMember(m) : null;
}
