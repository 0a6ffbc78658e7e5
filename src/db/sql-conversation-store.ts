import { z } from 'zod';
import { generateInviteCode } from '../core/members/generate-invite-code';
import { reportFieldsSchema } from '../core/reports/report-field';
import { foldText } from '../core/text/fold-text';
import type {
  AreaRecord,
  BegunUpdate,
  CampaignRecord,
  ContactPatch,
  ContactRecord,
  ConversationRepository,
  ConversationStore,
  DraftValues,
  FlowStateRecord,
  MemberRecord,
  PeriodRecord,
  PhaseRecord,
  SubmissionRecord,
} from '../flows/conversation-repository';
import { audienceSql } from './audience-where';
import type { Database } from './database';
import { summariseProgress, type ProgressRow } from './query-progress';
import type { SqlSession } from './sql/sql-session';
import { toJson } from './to-json';

/** Stored answers are JSON: checked on the way out, so a hand-edited row cannot crash a flow. */
const draftValuesSchema = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.object({ attachmentId: z.number().int(), fileName: z.string() }), z.null()]),
);

/**
 * The conversations' data, in plain SQL on Prisma's driver adapter: every inbound message is one
 * transaction of about ten statements, and through the Prisma client each cost about 1 ms of CPU,
 * which made the client the inbound path's bottleneck (BENCHMARKS.md, "Inbound"). The advisory
 * lock (released at commit) puts one contact's messages in a queue, across processes.
 */
export function createSqlConversationStore(db: Pick<Database, 'sql'>): ConversationStore {
  return {
    transaction(lockKey, fn) {
      return db.sql.transaction(
        async (sql) => {
          await sql.execute('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
          return fn(createRepository(sql));
        },
        // Bounds the wait for a connection: when the database hangs, the webhook answers 5xx
        // within seconds and the platform delivers again (Zalo is said to give up on endpoints
        // slower than about 2 s). Under load the wait is milliseconds. The statements are lookups
        // and writes by key, the same few on every message: prepared.
        { maxWaitMs: 3_000, prepare: true },
      );
    },
  };
}

/** A ContactRecord's columns, of the table (or alias) `t`. */
function contactColumns(t = ''): string {
  return `${t}id, ${t}channel::text AS channel, ${t}platform_user_id AS "platformUserId", ${t}display_name AS "displayName",
    ${t}phone, ${t}phone_verified AS "phoneVerified", ${t}member_id AS "memberId", ${t}role::text AS role, ${t}area_id AS "areaId",
    ${t}status::text AS status`;
}
const CONTACT_COLUMNS = contactColumns();

const MEMBER_SELECT = `SELECT m.id, m.name, m.tax_code AS "taxCode", m.area_id AS "areaId", a.name AS "areaName",
  m.type::text AS type, m.status::text AS status, m.phone, m.contact_person AS "contactPerson"
  FROM members m LEFT JOIN areas a ON a.id = m.area_id`;

const PERIOD_COLUMNS = `r.id, r.code, r.ordinal, r.name, r.covers, r.opens_at AS "opensAt", r.deadline_at AS "deadlineAt",
  r.deadline_text AS "deadlineText", r.fields`;

/** Contact columns a flow may change, by their names in `ContactPatch`. */
const CONTACT_PATCH_COLUMNS: Record<keyof ContactPatch, string> = {
  phone: 'phone',
  phoneVerified: 'phone_verified',
  memberId: 'member_id',
  role: 'role',
  areaId: 'area_id',
  displayName: 'display_name',
};

function createRepository(sql: SqlSession): ConversationRepository {
  const one = async <Row extends object>(text: string, params: Parameters<SqlSession['query']>[1]) =>
    (await sql.query<Row>(text, params))[0] ?? null;
  const findMember = (where: string, value: string | number) => one<MemberRecord>(`${MEMBER_SELECT} WHERE ${where} = $1`, [value]);
  const audit = async (entry: Parameters<ConversationRepository['audit']>[0] & { at?: Date }) => {
    await sql.execute(
      `INSERT INTO audit_log (at, actor_type, actor_id, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [entry.at ?? new Date(), entry.actorType, entry.actorId ?? null, entry.action, entry.entityType ?? null, entry.entityId ?? null, entry.details ? jsonText(entry.details) : null],
    );
  };

  return {
    async beginUpdate({ channel, updateId, platformUserId, displayName, now }) {
      // One statement, after the lock: a redelivered update claims nothing and so touches nothing.
      // Whoever writes to the bot can be written to: a blocked contact is active again.
      const row = await one<BegunRow>(
        `WITH claimed AS (
           INSERT INTO processed_updates (channel, update_id, processed_at) VALUES ($1, $2, $6) ON CONFLICT DO NOTHING RETURNING 1
         ), contact AS (
           INSERT INTO contacts (channel, platform_user_id, display_name, last_interaction_at, created_at, updated_at)
           SELECT $1, $3, $4, $5, $6, $6 WHERE EXISTS (SELECT 1 FROM claimed)
           ON CONFLICT (channel, platform_user_id) DO UPDATE SET last_interaction_at = EXCLUDED.last_interaction_at,
             status = 'active', status_reason = NULL, display_name = COALESCE($4, contacts.display_name), updated_at = $6
           RETURNING *
         )
         SELECT ${contactColumns('contact.')},
           member.name AS "memberName", member.tax_code AS "memberTaxCode", member.area_id AS "memberAreaId", a.name AS "memberAreaName",
           member.type::text AS "memberType", member.status::text AS "memberStatus", member.phone AS "memberPhone",
           member.contact_person AS "memberContactPerson",
           s.flow_id AS "flowId", s.version AS "flowVersion", s.state AS "flowState", s.active_at AS "flowActiveAt"
         FROM contact
         LEFT JOIN members member ON member.id = contact.member_id LEFT JOIN areas a ON a.id = member.area_id
         LEFT JOIN conversation_states s ON s.contact_id = contact.id`,
        [channel, updateId, platformUserId, displayName || null, now, new Date()],
      );
      return row ? toBegunUpdate(row) : null;
    },

    async updateContact(id, patch) {
      const sets: string[] = [];
      const params: (string | number | boolean | Date | null)[] = [id, new Date()];
      for (const [key, column] of Object.entries(CONTACT_PATCH_COLUMNS) as [keyof ContactPatch, string][]) {
        const value = patch[key];
        if (value === undefined) continue;
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
      const contact = await one<ContactRecord>(
        `UPDATE contacts SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${CONTACT_COLUMNS}`,
        params,
      );
      return required(contact, 'contact');
    },

    findContact(channel, platformUserId) {
      return one<ContactRecord>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE channel = $1 AND platform_user_id = $2`, [channel, platformUserId]);
    },

    findMemberById: (id) => findMember('m.id', id),
    findMemberByTaxCode: (taxCode) => findMember('m.tax_code', taxCode),
    findMemberByInviteCode: (code) => findMember('m.invite_code', code),
    findMembersByPhone: (phone) => sql.query<MemberRecord>(`${MEMBER_SELECT} WHERE m.phone = $1 ORDER BY m.id`, [phone]),

    async createPendingMember(input) {
      const now = new Date();
      const created = await one<{ id: number }>(
        `INSERT INTO members (name, name_folded, tax_code, area_id, type, contact_person, phone, status, source, invite_code, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 'self_registered', $8, $9, $9) RETURNING id`,
        [input.name, foldText(input.name), input.taxCode, input.areaId, input.type, input.contactPerson, input.phone, generateInviteCode(), now],
      );
      return required(await findMember('m.id', required(created, 'member').id), 'member');
    },

    claimRoleInvite(code, contactId, now) {
      // One statement: two people racing for one code cannot both have it.
      return one<{ role: 'office' | 'unit_head'; areaId: number | null }>(
        `UPDATE role_invites SET used_at = $2, used_by_contact_id = $3
         WHERE code = $1 AND used_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
         RETURNING role::text AS role, area_id AS "areaId"`,
        [code, now, contactId],
      );
    },

    listAreas() {
      return sql.query<AreaRecord>(`SELECT id, name, kind::text AS kind FROM areas WHERE active ORDER BY ordinal, name`);
    },

    async findCampaignForYear(year) {
      const campaign = await one<Omit<CampaignRecord, 'phases' | 'periods'> & { phases: JsonPhase[]; periods: JsonPeriod[] }>(
        `SELECT c.id, c.year, c.doc_number AS "docNumber", c.doc_date AS "docDate", c.doc_place AS "docPlace", c.title,
           c.overall_theme AS "overallTheme", c.movements, c.addressees,
           (SELECT coalesce(json_agg(json_build_object('ordinal', p.ordinal, 'name', p.name, 'startsOn', p.starts_on,
               'endsOn', p.ends_on, 'theme', p.theme) ORDER BY p.ordinal), '[]') FROM campaign_phases p WHERE p.campaign_id = c.id) AS phases,
           (SELECT coalesce(json_agg(json_build_object('id', r.id, 'code', r.code, 'ordinal', r.ordinal, 'name', r.name,
               'covers', r.covers, 'opensAt', r.opens_at, 'deadlineAt', r.deadline_at, 'deadlineText', r.deadline_text,
               'fields', r.fields) ORDER BY r.ordinal), '[]') FROM report_periods r WHERE r.campaign_id = c.id) AS periods
         FROM campaigns c WHERE c.status = 'published'
         -- this year's; else the latest before it; else the earliest after it
         ORDER BY c.year = $1 DESC, c.year < $1 DESC, CASE WHEN c.year < $1 THEN -c.year ELSE c.year END
         LIMIT 1`,
        [year],
      );
      if (!campaign) return null;
      return {
        ...campaign,
        phases: campaign.phases.map(toPhase),
        periods: campaign.periods.map((p) => toPeriod({ ...p, opensAt: utcTimestamp(p.opensAt), deadlineAt: utcTimestamp(p.deadlineAt) }, campaign.year)),
      };
    },

    async findPeriod(periodId) {
      const period = await one<PeriodRow & { year: number }>(
        `SELECT ${PERIOD_COLUMNS}, c.year FROM report_periods r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1`,
        [periodId],
      );
      return period ? toPeriod(period, period.year) : null;
    },

    async findSubmissions(memberId, periodIds) {
      const rows = await sql.query<SubmissionRecord & { lastReferenceCode: string | null }>(
        `SELECT s.period_id AS "periodId", s.current_revision AS "currentRevision", s.first_submitted_at AS "firstSubmittedAt",
           s.last_submitted_at AS "lastSubmittedAt", s.on_time AS "onTime", latest.display_name AS "lastContactName",
           latest.reference_code AS "lastReferenceCode"
         FROM submissions s
         LEFT JOIN LATERAL (
           SELECT r.reference_code, c.display_name FROM submission_revisions r LEFT JOIN contacts c ON c.id = r.contact_id
           WHERE r.submission_id = s.id ORDER BY r.revision DESC LIMIT 1
         ) latest ON true
         WHERE s.member_id = $1 AND s.period_id = ANY($2::int[])`,
        [memberId, [...periodIds]],
      );
      return rows.map((row) => ({ ...row, lastReferenceCode: row.lastReferenceCode ?? '' }));
    },

    async findCurrentValues(memberId, periodId) {
      const row = await one<{ values: unknown }>(
        `SELECT r.values FROM submissions s JOIN submission_revisions r ON r.submission_id = s.id
         WHERE s.member_id = $1 AND s.period_id = $2 ORDER BY r.revision DESC LIMIT 1`,
        [memberId, periodId],
      );
      return row ? draftValuesSchema.parse(row.values) : null;
    },

    async findDraft(memberId, periodId) {
      const draft = await one<{ values: unknown; answered: number; total: number; updatedAt: Date }>(
        `SELECT values, answered, total, updated_at AS "updatedAt" FROM submission_drafts WHERE member_id = $1 AND period_id = $2`,
        [memberId, periodId],
      );
      if (!draft) return null;
      const values = draftValuesSchema.safeParse(draft.values);
      return { memberId, periodId, values: values.success ? values.data : {}, answered: draft.answered, total: draft.total, updatedAt: draft.updatedAt };
    },

    async saveDraft({ memberId, periodId, contactId, values, answered, total }) {
      await sql.execute(
        `INSERT INTO submission_drafts (member_id, period_id, contact_id, values, answered, total, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $7)
         ON CONFLICT (member_id, period_id) DO UPDATE SET contact_id = EXCLUDED.contact_id, values = EXCLUDED.values,
           answered = EXCLUDED.answered, total = EXCLUDED.total, updated_at = EXCLUDED.updated_at`,
        [memberId, periodId, contactId, jsonText(values), answered, total, new Date()],
      );
    },

    async deleteDraft(memberId, periodId) {
      await sql.execute('DELETE FROM submission_drafts WHERE member_id = $1 AND period_id = $2', [memberId, periodId]);
    },

    async saveAttachment({ memberId, channel, attachment }) {
      const row = await one<{ id: number }>(
        `INSERT INTO attachments (member_id, channel, file_name, mime_type, size_bytes, sha256, storage_path, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [memberId, channel, attachment.fileName, attachment.mimeType, attachment.sizeBytes, attachment.sha256, attachment.storagePath, new Date()],
      );
      return required(row, 'attachment').id;
    },

    async submitRevision({ memberId, period, contactId, values, submittedAt }) {
      // Two contacts of one member may file at the same moment: they take turns, and the
      // second becomes the next revision instead of colliding with the first.
      await sql.execute('SELECT pg_advisory_xact_lock(hashtext($1))', [`submission:${memberId}:${period.id}`]);
      const existing = await one<{ id: number; currentRevision: number }>(
        'SELECT id, current_revision AS "currentRevision" FROM submissions WHERE member_id = $1 AND period_id = $2',
        [memberId, period.id],
      );
      const revision = (existing?.currentRevision ?? 0) + 1;
      const onTime = submittedAt < period.deadlineAt;
      const referenceCode = `BC-${period.year}-${period.ordinal}-${String(memberId).padStart(5, '0')}-${revision}`;
      const submissionId = existing
        ? (await sql.execute('UPDATE submissions SET current_revision = $2, last_submitted_at = $3 WHERE id = $1', [existing.id, revision, submittedAt]), existing.id)
        : required(
            await one<{ id: number }>(
              `INSERT INTO submissions (member_id, period_id, current_revision, first_submitted_at, last_submitted_at, on_time)
               VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
              [memberId, period.id, revision, submittedAt, onTime],
            ),
            'submission',
          ).id;
      const text = period.fields
        .filter((f) => f.kind === 'text')
        .map((f) => values[f.code])
        .filter((v): v is string => typeof v === 'string')
        .join('\n\n');
      const created = await one<{ id: number }>(
        `INSERT INTO submission_revisions (submission_id, revision, values, text, submitted_at, on_time, contact_id, reference_code)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8) RETURNING id`,
        [submissionId, revision, jsonText(values), text || null, submittedAt, onTime, contactId, referenceCode],
      );
      await linkAttachments(sql, memberId, required(created, 'revision').id, values);
      return { revision, referenceCode, onTime };
    },

    async findProgress(periodId, areaId) {
      const rows = await sql.query<ProgressRow>(
        `SELECT m.name, m.area_id AS "areaId", a.name AS "areaName", a.ordinal AS "areaOrdinal", s.on_time AS "onTime"
         FROM members m LEFT JOIN areas a ON a.id = m.area_id LEFT JOIN submissions s ON s.member_id = m.id AND s.period_id = $1
         WHERE m.status = 'active' AND ($2::int IS NULL OR m.area_id = $2::int)
         ORDER BY m.name_folded`,
        [periodId, areaId],
      );
      return summariseProgress(rows);
    },

    async countAudience(audience) {
      const { where, params } = audienceSql(audience, 1);
      const row = await one<{ members: number; contacts: number }>(
        `SELECT (SELECT count(*) FROM members m WHERE ${where}) AS members,
           (SELECT count(*) FROM contacts c JOIN members m ON m.id = c.member_id WHERE c.status = 'active' AND ${where}) AS contacts`,
        params,
      );
      return required(row, 'count');
    },

    async createBroadcast({ body, audience, contactId, now }) {
      const broadcast = required(
        await one<{ id: number }>(
          `INSERT INTO broadcasts (kind, title, body, audience, status, scheduled_at, created_at, updated_at)
           VALUES ('announcement', $1, $2, $3::jsonb, 'scheduled', $4, $5, $5) RETURNING id`,
          [body.split('\n')[0]?.slice(0, 80) ?? 'Thông báo', body, jsonText(audience), now, new Date()],
        ),
        'broadcast',
      );
      await audit({ at: now, actorType: 'contact', actorId: String(contactId), action: 'broadcast.composed', entityType: 'broadcast', entityId: String(broadcast.id) });
      return { id: broadcast.id };
    },

    async createPlanImport({ text, fileName, contactId, now }) {
      const created = required(
        await one<{ id: number }>(
          `INSERT INTO plan_imports (text, source, file_name, created_by_contact_id, created_at) VALUES ($1, 'chat', $2, $3, $4) RETURNING id`,
          [text, fileName, contactId, now],
        ),
        'plan import',
      );
      await audit({
        at: now,
        actorType: 'contact',
        actorId: String(contactId),
        action: 'plan_import.created',
        entityType: 'plan_import',
        entityId: String(created.id),
        details: { source: 'chat', fileName, characters: text.length },
      });
      return { id: created.id };
    },

    loadFlowState(contactId) {
      return one<FlowStateRecord>(
        `SELECT flow_id AS "flowId", version, state, active_at AS "activeAt" FROM conversation_states WHERE contact_id = $1`,
        [contactId],
      );
    },

    async saveFlowState(contactId, state) {
      if (!state) {
        await sql.execute('DELETE FROM conversation_states WHERE contact_id = $1', [contactId]);
        return;
      }
      await sql.execute(
        `INSERT INTO conversation_states (contact_id, flow_id, version, state, active_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (contact_id) DO UPDATE SET flow_id = EXCLUDED.flow_id, version = EXCLUDED.version, state = EXCLUDED.state,
           active_at = EXCLUDED.active_at, updated_at = EXCLUDED.updated_at`,
        [contactId, state.flowId, state.version, jsonText(state.state), state.activeAt, new Date()],
      );
    },

    audit,
  };
}

/**
 * A revision owns its files. A correction that keeps a file filed before gets its own row for
 * the same stored bytes, so every revision still lists exactly what it was filed with.
 */
async function linkAttachments(sql: SqlSession, memberId: number, revisionId: number, values: DraftValues): Promise<void> {
  for (const value of Object.values(values)) {
    if (!value || typeof value !== 'object') continue;
    const claimed = await sql.execute(
      'UPDATE attachments SET revision_id = $3 WHERE id = $1 AND member_id = $2 AND revision_id IS NULL',
      [value.attachmentId, memberId, revisionId],
    );
    if (claimed === 1) continue;
    await sql.execute(
      `INSERT INTO attachments (member_id, revision_id, channel, file_name, mime_type, size_bytes, sha256, storage_path, created_at)
       SELECT member_id, $3, channel, file_name, mime_type, size_bytes, sha256, storage_path, $4 FROM attachments
       WHERE id = $1 AND member_id = $2 AND revision_id IS NOT NULL`,
      [value.attachmentId, memberId, revisionId, new Date()],
    );
  }
}

type BegunRow = ContactRecord & {
  memberName: string | null;
  memberTaxCode: string | null;
  memberAreaId: number | null;
  memberAreaName: string | null;
  memberType: MemberRecord['type'] | null;
  memberStatus: MemberRecord['status'] | null;
  memberPhone: string | null;
  memberContactPerson: string | null;
  flowId: string | null;
  flowVersion: number | null;
  flowState: unknown;
  flowActiveAt: Date | null;
};

function toBegunUpdate(row: BegunRow): BegunUpdate {
  const { memberName, memberTaxCode, memberAreaId, memberAreaName, memberType, memberStatus, memberPhone, memberContactPerson, flowId, flowVersion, flowState, flowActiveAt, ...contact } = row;
  const member: MemberRecord | null =
    contact.memberId !== null && memberName !== null && memberType !== null && memberStatus !== null
      ? { id: contact.memberId, name: memberName, taxCode: memberTaxCode, areaId: memberAreaId, areaName: memberAreaName, type: memberType, status: memberStatus, phone: memberPhone, contactPerson: memberContactPerson }
      : null;
  const flow: FlowStateRecord | null =
    flowId !== null && flowVersion !== null && flowActiveAt !== null ? { flowId, version: flowVersion, state: flowState, activeAt: flowActiveAt } : null;
  return { contact, member, flowState: flow };
}

/** JSON column values as text, checked like every JSON we store (see `toJson`). */
function jsonText(value: unknown): string {
  return JSON.stringify(toJson(value));
}

function required<T>(row: T | null, what: string): T {
  if (row === null) throw new Error(`${what}: the statement returned no row`);
  return row;
}

type JsonPhase = { ordinal: number; name: string; startsOn: string; endsOn: string; theme: string };
type JsonPeriod = Omit<PeriodRow, 'opensAt' | 'deadlineAt'> & { opensAt: string; deadlineAt: string };
type PeriodRow = Omit<PeriodRecord, 'year' | 'fields'> & { fields: unknown };

/** `json_build_object` writes a `timestamp` without its zone; ours are stored in UTC. */
function utcTimestamp(text: string): Date {
  return new Date(`${text}Z`);
}

function toPhase(p: JsonPhase): PhaseRecord {
  return { ordinal: p.ordinal, name: p.name, startsOn: new Date(`${p.startsOn}T00:00:00Z`), endsOn: new Date(`${p.endsOn}T00:00:00Z`), theme: p.theme };
}

function toPeriod(p: PeriodRow, year: number): PeriodRecord {
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
