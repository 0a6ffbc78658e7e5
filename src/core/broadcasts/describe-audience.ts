import { memberTypeNames } from '../members/member-names';
import type { Audience } from './audience';

/** The names an audience's ids stand for, looked up by the caller. */
export interface AudienceNames {
  readonly areas: ReadonlyMap<number, string>;
  /** A report period's name with its year, e.g. `Báo cáo 6 tháng đầu năm 2022`. */
  readonly periods: ReadonlyMap<number, string>;
}

/**
 * Who a broadcast goes to, in the office's words: `Hội viên khu vực Hiệp Hòa, Tân Yên`. An id whose
 * row is gone (an area merged away) is still named, by number, rather than silently dropped.
 */
export function describeAudience(audience: Audience, names: AudienceNames): string {
  switch (audience.kind) {
    case 'all':
      return 'Tất cả hội viên';
    case 'areas':
      return `Hội viên khu vực ${audience.areaIds.map((id) => names.areas.get(id) ?? `số ${id}`).join(', ')}`;
    case 'member_types':
      return `Loại hội viên: ${audience.types.map((t) => memberTypeNames[t]).join(', ')}`;
    case 'not_submitted':
      return `Hội viên chưa nộp ${names.periods.get(audience.periodId) ?? `kỳ báo cáo số ${audience.periodId}`}`;
    case 'members':
      return `${audience.memberIds.length} hội viên được chọn`;
  }
}
