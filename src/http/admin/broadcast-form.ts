import type { Audience } from '../../core/broadcasts/audience';
import { broadcastText } from '../../core/broadcasts/broadcast-text';
import { formatVnDateTime } from '../../core/dates/format-vn-date-time';
import { parseVnDateTime } from '../../core/dates/parse-vn-date-time';
import { memberTypeNames } from '../../core/members/member-names';

/**
 * The composer's fields as typed, kept as strings so a refused form comes back exactly as it was.
 * Several checkboxes of one name arrive as an array (see the form parser of `adminRoutes`).
 */
export interface DraftFields {
  readonly title: string;
  readonly body: string;
  readonly audience: string;
  readonly areaIds: readonly string[];
  readonly memberTypes: readonly string[];
  readonly periodId: string;
  /** `now` or `later`. */
  readonly when: string;
  readonly scheduledAt: string;
}

/** A composed announcement that passed every check. */
export interface Draft {
  readonly title: string;
  readonly body: string;
  readonly audience: Audience;
  /** Null: send as soon as it is saved. */
  readonly scheduledAt: Date | null;
}

/** Each field's problem; `readyMade` is the plan and phase forms'. */
export type DraftErrors = Partial<Record<'title' | 'body' | 'audience' | 'scheduledAt' | 'readyMade', string>>;

/** What the checks need to know: which ids exist, and the time. */
export interface DraftContext {
  readonly areaIds: ReadonlySet<number>;
  readonly periodIds: ReadonlySet<number>;
  readonly now: Date;
  readonly timeZone: string;
}

export const TITLE_MAX = 120;
// A schedule further ahead than this is a typo in the year, not a plan.
const SCHEDULE_HORIZON_MS = 366 * 86_400_000;

/** The composer's fields from a parsed form body or query string. */
export function readDraftFields(source: unknown): DraftFields {
  const get = (name: string) => fieldValues(source, name);
  return {
    title: get('title')[0] ?? '',
    body: get('body')[0] ?? '',
    audience: get('audience')[0] ?? 'all',
    areaIds: get('areaId'),
    memberTypes: get('memberType'),
    periodId: get('periodId')[0] ?? '',
    when: get('when')[0] === 'later' ? 'later' : 'now',
    scheduledAt: get('scheduledAt')[0] ?? '',
  };
}

/** Every check of the composer, each field's problem in Vietnamese. */
export function checkDraft(fields: DraftFields, context: DraftContext): { ok: true; draft: Draft } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const body = broadcastText(fields.body);
  if (!body.ok) errors.body = body.message;
  const title = fields.title.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (title.length > TITLE_MAX) errors.title = `Tiêu đề dài quá ${TITLE_MAX} ký tự, xin viết gọn.`;
  const audience = checkAudience(fields, context);
  if (!audience.ok) errors.audience = audience.error;
  let scheduledAt: Date | null = null;
  if (fields.when === 'later') {
    const at = checkSchedule(fields.scheduledAt, context);
    if (at.ok) scheduledAt = at.value;
    else errors.scheduledAt = at.error;
  }
  if (!body.ok || !audience.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  // Without a title, the office's lists show the text's first line.
  const fallbackTitle = (body.value.split('\n')[0] ?? '').slice(0, 80);
  return { ok: true, draft: { title: title || fallbackTitle, body: body.value, audience: audience.value, scheduledAt } };
}

/** The audience the fields choose, with the areas and period checked against the database's. */
export function checkAudience(fields: Pick<DraftFields, 'audience' | 'areaIds' | 'memberTypes' | 'periodId'>, context: Pick<DraftContext, 'areaIds' | 'periodIds'>): { ok: true; value: Audience } | { ok: false; error: string } {
  switch (fields.audience) {
    case 'all':
      return { ok: true, value: { kind: 'all' } };
    case 'areas': {
      const ids = [...new Set(fields.areaIds.map(toId))];
      if (ids.length === 0) return { ok: false, error: 'Xin chọn ít nhất một khu vực.' };
      if (ids.some((id) => id === null || !context.areaIds.has(id))) return { ok: false, error: 'Có khu vực không còn trong danh sách, xin chọn lại.' };
      return { ok: true, value: { kind: 'areas', areaIds: ids.filter((id): id is number => id !== null) } };
    }
    case 'member_types': {
      const types = [...new Set(fields.memberTypes)].filter(isMemberType);
      if (types.length === 0) return { ok: false, error: 'Xin chọn ít nhất một loại hội viên.' };
      return { ok: true, value: { kind: 'member_types', types } };
    }
    case 'not_submitted': {
      const id = toId(fields.periodId);
      if (id === null || !context.periodIds.has(id)) return { ok: false, error: 'Xin chọn kỳ báo cáo mà hội viên chưa nộp.' };
      return { ok: true, value: { kind: 'not_submitted', periodId: id } };
    }
    default:
      return { ok: false, error: 'Xin chọn gửi tới ai.' };
  }
}

/** A moment typed as dd/mm/yyyy hh:mm: not in the past (the current minute is fine), not years ahead. */
function checkSchedule(text: string, context: Pick<DraftContext, 'now' | 'timeZone'>): { ok: true; value: Date } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: false, error: 'Xin nhập thời điểm gửi, ví dụ 05/07/2022 08:00, hoặc chọn “Gửi ngay”.' };
  const parsed = parseVnDateTime(text, context.timeZone);
  if (!parsed.ok) return { ok: false, error: parsed.message };
  const minuteStart = Math.floor(context.now.getTime() / 60_000) * 60_000;
  const when = formatVnDateTime(parsed.value, context.timeZone);
  if (parsed.value.getTime() < minuteStart) {
    return {
      ok: false,
      error: `Thời điểm ${when} đã qua (bây giờ là ${formatVnDateTime(context.now, context.timeZone)}). Xin chọn thời điểm sau, hoặc chọn “Gửi ngay”.`,
    };
  }
  if (parsed.value.getTime() > context.now.getTime() + SCHEDULE_HORIZON_MS) {
    return { ok: false, error: `Thời điểm ${when} xa quá một năm; xin kiểm tra lại năm.` };
  }
  return { ok: true, value: parsed.value };
}

/** Every value of a field in a parsed form or query: one string, or an array for a repeated name. */
export function fieldValues(source: unknown, name: string): string[] {
  if (typeof source !== 'object' || source === null) return [];
  const value: unknown = Object.getOwnPropertyDescriptor(source, name)?.value;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toId(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

function isMemberType(value: string): value is keyof typeof memberTypeNames {
  return Object.hasOwn(memberTypeNames, value);
}
