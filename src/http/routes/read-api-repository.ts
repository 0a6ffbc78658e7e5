/**
 * What the read API (`/api/v1`, see `read-api-routes.ts`) needs from the data: members with their
 * contacts, one period's submissions, one broadcast with its delivery counts. The routes never see
 * Prisma; `src/db/prisma-read-api-repository.ts` implements this on the database.
 *
 * Records carry `Date`s; the routes turn them into ISO strings. Lists are ordered by id, so a
 * client paging through them sees every row once while nothing is added.
 */
export interface ReadApiRepository {
  /** One page of members matching every filter given, and how many match in all. */
  findMembers(query: MemberQuery): Promise<Paged<MemberRecord>>;
  /** A report period, or null when there is none with this id. */
  findPeriodById(id: number): Promise<PeriodRecord | null>;
  /** One page of a period's submissions, each with its current revision. */
  findSubmissionsByPeriodId(periodId: number, page: PageRequest): Promise<Paged<SubmissionRecord>>;
  /** A broadcast with its deliveries counted by status and by failure reason, or null. */
  findBroadcastByIdIncludeCounts(id: number): Promise<BroadcastRecord | null>;
}

/** Member statuses a client may filter on (the database's `MemberStatus`). */
export const memberStatuses = ['pending', 'active', 'suspended', 'rejected'] as const;

export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  /** Rows per page, at most 500. */
  readonly pageSize: number;
}

export interface MemberQuery extends PageRequest {
  /** An area's `code`, e.g. `hiep-hoa`; an unknown code matches nothing. */
  readonly areaCode?: string;
  readonly status?: (typeof memberStatuses)[number];
  /**
   * Free text as the person typed it: matched against the name without diacritics or case
   * (`hiep hoa` finds `Hiệp Hòa`), a tax code, an invite code or a mobile number.
   */
  readonly search?: string;
}

export interface Paged<T> {
  readonly items: readonly T[];
  /** Rows matching the query across all pages. */
  readonly total: number;
}

export interface AreaRef {
  readonly code: string;
  readonly name: string;
}

export interface MemberRecord {
  readonly id: number;
  readonly name: string;
  readonly taxCode: string | null;
  readonly area: AreaRef | null;
  readonly type: string;
  readonly status: string;
  readonly contactPerson: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly inviteCode: string;
  /** Without platform user ids: other tools have no business writing to people directly. */
  readonly contacts: readonly {
    readonly channel: string;
    readonly role: string;
    readonly status: string;
    readonly lastInteractionAt: Date | null;
  }[];
  readonly createdAt: Date;
}

export interface PeriodRecord {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly deadlineAt: Date;
}

/**
 * One answer of a report: whole đồng for amounts, a count, free text, the name of a file sent
 * with it (its details are in `attachments`), or null for a field left out.
 */
export type SubmittedValue = number | string | { readonly fileName: string } | null;

export interface SubmissionRecord {
  readonly member: { readonly id: number; readonly name: string; readonly taxCode: string | null; readonly area: AreaRef | null };
  /** Judged on the first revision, as the office counts it. */
  readonly onTime: boolean;
  readonly firstSubmittedAt: Date;
  readonly lastSubmittedAt: Date;
  readonly currentRevision: number;
  /** The current revision's receipt code, e.g. `BC-2022-1-00012-2`. */
  readonly referenceCode: string;
  /** The current revision's answers by field code. */
  readonly values: Readonly<Record<string, SubmittedValue>>;
  readonly attachments: readonly {
    readonly fileName: string;
    readonly mimeType: string;
    readonly sizeBytes: number;
    readonly sha256: string;
  }[];
}

export interface BroadcastRecord {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly status: string;
  readonly scheduledAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  /** Deliveries by status: every status the database knows, zero included. */
  readonly deliveryCounts: Readonly<Record<string, number>>;
  /** Failed deliveries by reason: every reason the database knows, zero included. */
  readonly failureCounts: Readonly<Record<string, number>>;
}
