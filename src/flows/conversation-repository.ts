import type { Audience } from '../core/broadcasts/audience';
import type { ChannelId, InboundAttachment } from '../core/messages';
import type { ReportField } from '../core/reports/report-field';

/**
 * What the conversations read and write, and nothing else. `src/db` implements it in plain SQL
 * (`sql-conversation-store.ts`); the engine calls it inside one transaction per inbound message,
 * so an update's effects, the new conversation state and the record that the update was handled
 * land together or not at all.
 */
export interface ConversationRepository {
  /**
   * Records that this update is being handled and, unless it already was (a redelivery: null),
   * records the interaction on the contact (created on first contact) and returns the contact, its
   * member and its stored conversation. One step, because it is every message's first one.
   */
  beginUpdate(input: { channel: ChannelId; updateId: string; platformUserId: string; displayName?: string; now: Date }): Promise<BegunUpdate | null>;
  updateContact(id: number, patch: ContactPatch): Promise<ContactRecord>;
  /** The contact, without recording an interaction; null when the person never wrote. */
  findContact(channel: ChannelId, platformUserId: string): Promise<ContactRecord | null>;

  findMemberById(id: number): Promise<MemberRecord | null>;
  findMemberByTaxCode(taxCode: string): Promise<MemberRecord | null>;
  findMemberByInviteCode(code: string): Promise<MemberRecord | null>;
  findMembersByPhone(phone: string): Promise<MemberRecord[]>;
  createPendingMember(input: NewMember): Promise<MemberRecord>;
  /** Uses a staff invite once; null when unknown, used or expired. */
  claimRoleInvite(code: string, contactId: number, now: Date): Promise<{ role: 'office' | 'unit_head'; areaId: number | null } | null>;
  listAreas(): Promise<AreaRecord[]>;

  /** The published campaign of `year`, else the latest before it, else the earliest after it. */
  findCampaignForYear(year: number): Promise<CampaignRecord | null>;
  findPeriod(periodId: number): Promise<PeriodRecord | null>;
  findSubmissions(memberId: number, periodIds: readonly number[]): Promise<SubmissionRecord[]>;
  /** The values of the revision that counts now, to start a correction from. */
  findCurrentValues(memberId: number, periodId: number): Promise<DraftValues | null>;
  findDraft(memberId: number, periodId: number): Promise<DraftRecord | null>;
  saveDraft(draft: Omit<DraftRecord, 'updatedAt'> & { contactId: number }): Promise<void>;
  deleteDraft(memberId: number, periodId: number): Promise<void>;
  saveAttachment(input: { memberId: number; channel: ChannelId; attachment: InboundAttachment }): Promise<number>;
  submitRevision(input: NewRevision): Promise<SubmittedRevision>;

  /** Who has filed `periodId`, by area (one area, or all when `areaId` is null). */
  findProgress(periodId: number, areaId: number | null): Promise<AreaProgress[]>;
  /** How many members and reachable contacts an audience has now. */
  countAudience(audience: Audience): Promise<{ members: number; contacts: number }>;
  /** An announcement composed in the chat, queued for the delivery workers. */
  createBroadcast(input: { body: string; audience: Audience; contactId: number; now: Date }): Promise<{ id: number }>;
  /** A plan document's text an office contact sent, kept for the office to review in the dashboard; audited. */
  createPlanImport(input: { text: string; fileName: string; contactId: number; now: Date }): Promise<{ id: number }>;

  loadFlowState(contactId: number): Promise<FlowStateRecord | null>;
  saveFlowState(contactId: number, state: FlowStateRecord | null): Promise<void>;
  audit(entry: { actorType: string; actorId?: string; action: string; entityType?: string; entityId?: string; details?: Record<string, unknown> }): Promise<void>;
}

/** Runs `fn` in one transaction, holding a lock on `lockKey` so one contact's messages go in turn. */
export interface ConversationStore {
  transaction<T>(lockKey: string, fn: (repo: ConversationRepository) => Promise<T>): Promise<T>;
}

export interface BegunUpdate {
  readonly contact: ContactRecord;
  readonly member: MemberRecord | null;
  readonly flowState: FlowStateRecord | null;
}

export type ContactRole = 'member' | 'unit_head' | 'office';

export interface ContactRecord {
  readonly id: number;
  readonly channel: ChannelId;
  readonly platformUserId: string;
  readonly displayName: string | null;
  readonly phone: string | null;
  readonly phoneVerified: boolean;
  readonly memberId: number | null;
  readonly role: ContactRole;
  /** For a unit head: the area they head. */
  readonly areaId: number | null;
  readonly status: 'active' | 'blocked';
}

export interface ContactPatch {
  phone?: string | null;
  phoneVerified?: boolean;
  memberId?: number | null;
  role?: ContactRole;
  areaId?: number | null;
  displayName?: string;
}

export type MemberType = 'enterprise' | 'district_association' | 'collective';

export interface MemberRecord {
  readonly id: number;
  readonly name: string;
  readonly taxCode: string | null;
  readonly areaId: number | null;
  readonly areaName: string | null;
  readonly type: MemberType;
  readonly status: 'pending' | 'active' | 'suspended' | 'rejected';
  readonly phone: string | null;
  readonly contactPerson: string | null;
}

export interface NewMember {
  name: string;
  taxCode: string;
  areaId: number;
  type: MemberType;
  contactPerson: string;
  phone: string;
}

export interface AreaRecord {
  readonly id: number;
  readonly name: string;
  readonly kind: 'city' | 'town' | 'district';
}

export interface CampaignRecord {
  readonly id: number;
  readonly year: number;
  readonly docNumber: string;
  /** Calendar dates are at UTC midnight (Prisma's `@db.Date`). */
  readonly docDate: Date;
  readonly docPlace: string | null;
  readonly title: string;
  readonly overallTheme: string;
  readonly movements: readonly string[];
  readonly addressees: readonly string[];
  readonly phases: readonly PhaseRecord[];
  readonly periods: readonly PeriodRecord[];
}

export interface PhaseRecord {
  readonly ordinal: number;
  readonly name: string;
  readonly startsOn: Date;
  readonly endsOn: Date;
  readonly theme: string;
}

export interface PeriodRecord {
  readonly id: number;
  readonly year: number;
  readonly code: string;
  readonly ordinal: number;
  readonly name: string;
  readonly covers: string;
  readonly opensAt: Date;
  readonly deadlineAt: Date;
  readonly deadlineText: string;
  readonly fields: readonly ReportField[];
}

export interface SubmissionRecord {
  readonly periodId: number;
  readonly currentRevision: number;
  readonly firstSubmittedAt: Date;
  readonly lastSubmittedAt: Date;
  readonly onTime: boolean;
  readonly lastContactName: string | null;
  readonly lastReferenceCode: string;
}

/** A field's answer: an integer amount or count, a text, a stored file, or skipped (null). */
export type FieldValue = number | string | { readonly attachmentId: number; readonly fileName: string } | null;
export type DraftValues = Readonly<Record<string, FieldValue>>;

export interface DraftRecord {
  readonly memberId: number;
  readonly periodId: number;
  readonly values: DraftValues;
  readonly answered: number;
  readonly total: number;
  readonly updatedAt: Date;
}

export interface NewRevision {
  memberId: number;
  period: PeriodRecord;
  contactId: number;
  values: DraftValues;
  submittedAt: Date;
}

export interface SubmittedRevision {
  readonly revision: number;
  readonly referenceCode: string;
  readonly onTime: boolean;
}

export interface FlowStateRecord {
  readonly flowId: string;
  readonly version: number;
  readonly state: unknown;
  /** When the person last moved it on, by the service's clock. */
  readonly activeAt: Date;
}

export interface AreaProgress {
  readonly areaId: number | null;
  readonly areaName: string;
  readonly members: number;
  readonly onTime: number;
  readonly late: number;
  /** The names of those that have not filed, in name order. */
  readonly notYet: readonly string[];
}
