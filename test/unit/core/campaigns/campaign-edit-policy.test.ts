import { campaignEditPolicy, canEditAnything, checkPublishedEdit } from '../../../../src/core/campaigns/campaign-edit-policy';
import { diffCampaignDrafts } from '../../../../src/core/campaigns/diff-campaign-drafts';
import { startOfDayInZone } from '../../../../src/core/dates/zoned-time';
import { campaign2022, zone } from './campaign-fixture';

const july1st2022 = new Date('2022-07-01T09:00:00+07:00');

function state(status: 'draft' | 'published' | 'archived') {
  const draft = campaign2022();
  return {
    status,
    phases: [
      { ordinal: 1, announcedAt: new Date('2022-01-01T08:00:00+07:00') },
      { ordinal: 2, announcedAt: null },
    ],
    reportPeriods: draft.reportPeriods,
  };
}

describe('campaignEditPolicy', () => {
  it('lets everything of a draft change', () => {
    const policy = campaignEditPolicy(state('draft'), july1st2022);
    expect(policy.plan).toBe(true);
    expect([...policy.phases]).toEqual([1, 2]);
    expect([...policy.periods.values()]).toEqual([
      { wording: true, opensAt: true, deadline: true },
      { wording: true, opensAt: true, deadline: true },
    ]);
  });

  it('keeps a published plan’s document, announced phases, past openings and past deadlines', () => {
    const policy = campaignEditPolicy(state('published'), july1st2022);
    expect(policy.plan).toBe(false);
    expect([...policy.phases]).toEqual([2]);
    // The 6-month report opened on 1 June and is due on 10 July; the annual one is all ahead.
    expect(policy.periods.get(1)).toEqual({ wording: true, opensAt: false, deadline: true });
    expect(policy.periods.get(2)).toEqual({ wording: true, opensAt: true, deadline: true });
    expect(campaignEditPolicy(state('published'), new Date('2022-07-10T00:00:00+07:00')).periods.get(1)).toEqual({ wording: true, opensAt: false, deadline: false });
  });

  it('lets nothing of an archived campaign change', () => {
    const policy = campaignEditPolicy(state('archived'), july1st2022);
    expect(canEditAnything(policy)).toBe(false);
    expect(canEditAnything(campaignEditPolicy(state('published'), new Date('2030-01-01T00:00:00Z')))).toBe(true);
  });
});

describe('checkPublishedEdit', () => {
  const before = campaign2022();
  const moveFirstDeadline = (to: Date) => ({ ...before, reportPeriods: before.reportPeriods.map((p) => (p.ordinal === 1 ? { ...p, deadlineAt: to } : p)) });

  it('accepts a deadline moved to a later instant still ahead, and an unmoved one already past', () => {
    expect(checkPublishedEdit(before, moveFirstDeadline(startOfDayInZone({ year: 2022, month: 7, day: 15 }, zone)), july1st2022, zone)).toEqual([]);
    expect(checkPublishedEdit(before, before, new Date('2023-01-01T00:00:00Z'), zone)).toEqual([]);
  });

  it('refuses a deadline moved to an instant already past', () => {
    expect(checkPublishedEdit(before, moveFirstDeadline(startOfDayInZone({ year: 2022, month: 7, day: 1 }, zone)), july1st2022, zone)).toEqual([
      'Báo cáo 6 tháng đầu năm 2022: hạn nộp mới (00:00 ngày 01/07/2022) đã qua. Kế hoạch đã công bố chỉ dời được hạn nộp tới một thời điểm chưa tới.',
    ]);
  });
});

describe('diffCampaignDrafts', () => {
  it('lists each changed value as people read it, the full text by its length', () => {
    const before = campaign2022();
    const after = {
      ...before,
      fullText: `${before.fullText} Thêm.`,
      phases: before.phases.map((p) => (p.ordinal === 2 ? { ...p, endsOn: { year: 2022, month: 12, day: 30 } } : p)),
      reportPeriods: before.reportPeriods.map((p) => (p.ordinal === 2 ? { ...p, deadlineAt: startOfDayInZone({ year: 2022, month: 12, day: 15 }, zone) } : p)),
    };
    expect(diffCampaignDrafts(before, after, zone)).toEqual([
      { field: 'fullText', label: 'Toàn văn', before: `${before.fullText.length} ký tự`, after: `${before.fullText.length + 6} ký tự` },
      { field: 'phases.2.endsOn', label: 'Đợt thứ hai — ngày kết thúc', before: '31/12/2022', after: '30/12/2022' },
      { field: 'reportPeriods.2.deadlineAt', label: 'Báo cáo tổng kết năm 2022 — hạn nộp', before: '00:00 ngày 10/12/2022', after: '00:00 ngày 15/12/2022' },
    ]);
    expect(diffCampaignDrafts(before, before, zone)).toEqual([]);
  });
});
