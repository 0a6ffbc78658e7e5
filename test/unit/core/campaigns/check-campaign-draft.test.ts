import type { CampaignDraft } from '../../../../src/core/campaigns/campaign-draft';
import { checkCampaignDraft } from '../../../../src/core/campaigns/check-campaign-draft';
import { startOfDayInZone } from '../../../../src/core/dates/zoned-time';
import { campaign2022, zone } from './campaign-fixture';

const date = (year: number, month: number, day: number) => ({ year, month, day });

function withPhases(...ranges: Array<[start: ReturnType<typeof date>, end: ReturnType<typeof date>]>): CampaignDraft {
  const base = campaign2022();
  return {
    ...base,
    phases: ranges.map(([startsOn, endsOn], i) => ({ ordinal: i + 1, name: `Đợt ${i + 1}`, startsOn, endsOn, theme: 'Chủ đề' })),
  };
}

function withPeriod(change: Partial<CampaignDraft['reportPeriods'][number]>): CampaignDraft {
  const base = campaign2022();
  const [first, ...rest] = base.reportPeriods;
  return { ...base, reportPeriods: [{ ...first!, ...change }, ...rest] };
}

describe('checkCampaignDraft', () => {
  it('finds nothing wrong with the 2022 plan', () => {
    expect(checkCampaignDraft(campaign2022(), zone)).toEqual([]);
  });

  it('refuses a phase that ends before it starts', () => {
    expect(checkCampaignDraft(withPhases([date(2022, 6, 30), date(2022, 1, 1)]), zone)).toEqual([
      'Đợt 1: ngày kết thúc 01/01/2022 trước ngày bắt đầu 30/06/2022.',
    ]);
  });

  it('refuses phases that overlap or come out of order', () => {
    expect(checkCampaignDraft(withPhases([date(2022, 1, 1), date(2022, 6, 30)], [date(2022, 6, 15), date(2022, 12, 31)]), zone)).toEqual([
      'Đợt 2 bắt đầu ngày 15/06/2022, chưa sau ngày kết thúc của Đợt 1 (30/06/2022): các đợt phải nối tiếp nhau, không trùng ngày.',
    ]);
    expect(checkCampaignDraft(withPhases([date(2022, 1, 1), date(2022, 6, 30)], [date(2022, 6, 30), date(2022, 12, 31)]), zone)).toHaveLength(1);
    expect(checkCampaignDraft(withPhases([date(2022, 1, 1), date(2022, 6, 30)], [date(2022, 7, 1), date(2022, 12, 31)]), zone)).toEqual([]);
  });

  it('refuses a phase outside the campaign year', () => {
    expect(checkCampaignDraft(withPhases([date(2022, 7, 1), date(2023, 1, 31)]), zone)).toEqual(['Đợt 1: ngày kết thúc 31/01/2023 không thuộc năm 2022.']);
  });

  it('refuses a deadline outside the year, the day read in the zone', () => {
    // 00:00 on 1/1/2023 in Bắc Giang is still 31/12/2022 in UTC: the zone decides.
    const problems = checkCampaignDraft(withPeriod({ deadlineAt: startOfDayInZone(date(2023, 1, 1), zone), deadlineText: 'trước ngày 1/1/2023' }), zone);
    expect(problems).toEqual(['Báo cáo 6 tháng đầu năm 2022: hạn nộp ngày 01/01/2023 không thuộc năm 2022.']);
  });

  it('refuses a report that opens after its deadline', () => {
    expect(checkCampaignDraft(withPeriod({ opensAt: startOfDayInZone(date(2022, 8, 1), zone) }), zone)).toEqual([
      'Báo cáo 6 tháng đầu năm 2022: ngày mở nhận báo cáo (01/08/2022) phải trước hạn nộp (10/07/2022).',
    ]);
  });

  it('refuses a worded deadline that names another day, and accepts the last day', () => {
    expect(checkCampaignDraft(withPeriod({ deadlineText: 'trước ngày 15/7/2022' }), zone)).toEqual([
      'Báo cáo 6 tháng đầu năm 2022: dòng hạn nộp “trước ngày 15/7/2022” ghi ngày 15/7/2022, không khớp hạn nộp trước 0 giờ ngày 10/07/2022. Xin sửa một trong hai.',
    ]);
    expect(checkCampaignDraft(withPeriod({ deadlineText: 'đến hết ngày 09/07/2022' }), zone)).toEqual([]);
    expect(checkCampaignDraft(withPeriod({ deadlineText: 'trước ngày mười tháng bảy' }), zone)).toEqual([]);
  });

  it('refuses a document dated two years before its plan', () => {
    expect(checkCampaignDraft({ ...campaign2022(), docDate: date(2020, 12, 1) }, zone)).toEqual([
      'Ngày ban hành 01/12/2020 không hợp với kế hoạch năm 2022: văn bản phải ban hành trong năm 2021 hoặc 2022.',
    ]);
  });

  it('refuses report fields that are not valid, and duplicate codes', () => {
    const base = campaign2022();
    const second = base.reportPeriods[1]!;
    const problems = checkCampaignDraft({ ...base, reportPeriods: [base.reportPeriods[0]!, { ...second, code: '6-thang', fields: [] }] }, zone);
    expect(problems).toEqual([
      'Có hai báo cáo cùng mã “6-thang”.',
      'Báo cáo tổng kết năm 2022: danh sách các mục cần báo cáo không hợp lệ.',
    ]);
  });
});
