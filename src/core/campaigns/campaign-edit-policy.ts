import { formatVnDateTime } from '../dates/format-vn-date-time';
import type { CampaignDraft } from './campaign-draft';

/** What the edit decision needs to know about a stored campaign. */
export interface CampaignEditState {
  readonly status: 'draft' | 'published' | 'archived';
  readonly phases: ReadonlyArray<{ readonly ordinal: number; readonly announcedAt: Date | null }>;
  readonly reportPeriods: ReadonlyArray<{ readonly ordinal: number; readonly opensAt: Date; readonly deadlineAt: Date }>;
}

/** Which parts of a campaign the office may change now. */
export interface CampaignEditPolicy {
  /** The document: number, date, place, title, overall theme, movements, addressees, full text. */
  readonly plan: boolean;
  /** Phases (by ordinal) whose name, days and theme may change. */
  readonly phases: ReadonlySet<number>;
  /** Per report period (by ordinal): its wording (name, what it covers, worded deadline), its opening, its deadline. */
  readonly periods: ReadonlyMap<number, { readonly wording: boolean; readonly opensAt: boolean; readonly deadline: boolean }>;
}

/**
 * What may change in a campaign, decided once for the pages and the save:
 *
 * - A draft: everything. Members have seen none of it.
 * - Published: the document (number, date, title, overall theme, movements, full text) is fixed —
 *   it is what the association issued and what went to every member; a corrected plan is a new
 *   document. A phase may change until its theme has been sent to members (`announcedAt`), not
 *   after: the record must say what members were told. A report's name, what it covers and its
 *   worded deadline may change (wording only). Its deadline may be moved, earlier or later, while
 *   it is still ahead, to another instant still ahead (`checkPublishedEdit`): once a deadline has
 *   passed, submissions were marked on time or late against it and reminders counted down to it,
 *   so moving it would make those records wrong (late reports are accepted for 60 days anyway).
 *   Its opening may move until it has happened. Every change is in the audit log with before and
 *   after.
 * - Archived: nothing.
 */
export function campaignEditPolicy(state: CampaignEditState, now: Date): CampaignEditPolicy {
  const draft = state.status === 'draft';
  const published = state.status === 'published';
  return {
    plan: draft,
    phases: new Set(state.phases.filter((p) => draft || (published && p.announcedAt === null)).map((p) => p.ordinal)),
    periods: new Map(
      state.reportPeriods.map((p) => [
        p.ordinal,
        {
          wording: draft || published,
          opensAt: draft || (published && p.opensAt > now),
          deadline: draft || (published && p.deadlineAt > now),
        },
      ]),
    ),
  };
}

/** Everything editable: a campaign not stored yet (proposed for next year, read from a document). */
export function newCampaignPolicy(draft: Pick<CampaignDraft, 'phases' | 'reportPeriods'>): CampaignEditPolicy {
  return campaignEditPolicy(
    { status: 'draft', phases: draft.phases.map((p) => ({ ordinal: p.ordinal, announcedAt: null })), reportPeriods: draft.reportPeriods },
    new Date(0),
  );
}

/** True when the policy leaves anything to edit. */
export function canEditAnything(policy: CampaignEditPolicy): boolean {
  return policy.plan || policy.phases.size > 0 || [...policy.periods.values()].some((p) => p.wording || p.opensAt || p.deadline);
}

/**
 * The rule a published campaign adds to `checkCampaignDraft`: a deadline that moves must move to
 * an instant still ahead, so nothing already filed or reminded about is judged against a new one.
 */
export function checkPublishedEdit(before: CampaignDraft, after: CampaignDraft, now: Date, timeZone: string): string[] {
  const problems: string[] = [];
  for (const period of after.reportPeriods) {
    const old = before.reportPeriods.find((p) => p.ordinal === period.ordinal);
    if (!old || old.deadlineAt.getTime() === period.deadlineAt.getTime()) continue;
    if (period.deadlineAt <= now) {
      problems.push(
        `${period.name}: hạn nộp mới (${formatVnDateTime(period.deadlineAt, timeZone)}) đã qua. Kế hoạch đã công bố chỉ dời được hạn nộp tới một thời điểm chưa tới.`,
      );
    }
  }
  return problems;
}
