import type { CampaignDraft } from '../../../../src/core/campaigns/campaign-draft';
import { nextYearCampaign, shiftDateOneYear, shiftInstantOneYear } from '../../../../src/core/campaigns/next-year-campaign';
import { checkCampaignDraft } from '../../../../src/core/campaigns/check-campaign-draft';
import { startOfDayInZone, zonedDateTime } from '../../../../src/core/dates/zoned-time';
import { campaign2022, zone } from './campaign-fixture';

const date = (year: number, month: number, day: number) => ({ year, month, day });

describe('nextYearCampaign', () => {
  it('moves the 2022 plan to 2023: document date, phases, openings and deadlines at 00:00 in Bắc Giang', () => {
    const next = nextYearCampaign(campaign2022(), zone);
    expect(next.year).toBe(2023);
    expect(next.docDate).toEqual(date(2023, 4, 21));
    expect(next.phases.map((p) => [p.ordinal, p.name, p.startsOn, p.endsOn])).toEqual([
      [1, 'Đợt thứ nhất', date(2023, 1, 1), date(2023, 6, 30)],
      [2, 'Đợt thứ hai', date(2023, 7, 1), date(2023, 12, 31)],
    ]);
    expect(next.reportPeriods.map((r) => [r.code, r.opensAt.toISOString(), r.deadlineAt.toISOString(), r.deadlineText])).toEqual([
      ['6-thang', '2023-05-31T17:00:00.000Z', '2023-07-09T17:00:00.000Z', 'trước ngày 10/7/2023'],
      ['ca-nam', '2023-10-31T17:00:00.000Z', '2023-12-09T17:00:00.000Z', 'trước ngày 10/12/2023'],
    ]);
    expect(checkCampaignDraft(next, zone)).toEqual([]);
  });

  it('changes the campaign year in the short texts and leaves other years alone', () => {
    const next = nextYearCampaign(campaign2022(), zone);
    expect(next.title).toBe('Kế hoạch phát động thi đua năm 2023');
    expect(next.overallTheme).toBe('Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ chính trị năm 2023');
    expect(next.reportPeriods[0]?.name).toBe('Báo cáo 6 tháng đầu năm 2023');
    // The anniversary's own year stays; the count of years is the office's to update.
    expect(next.phases[0]?.theme).toContain('74 năm ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc (11/6/1948 – 11/6/2023).');
    expect(next.phases[1]?.theme).toContain('chỉ tiêu kế hoạch năm 2023');
  });

  it('copies the full text, the document number, place, addressees, codes and report fields unchanged', () => {
    const source = campaign2022();
    const next = nextYearCampaign(source, zone);
    expect(next.fullText).toBe(source.fullText);
    expect(next.docNumber).toBe('20/KHTĐ-HHDN');
    expect(next.docPlace).toBe('Bắc Giang');
    expect(next.addressees).toEqual(source.addressees);
    expect(next.movements).toEqual(source.movements);
    expect(next.reportPeriods.map((r) => r.fields)).toEqual(source.reportPeriods.map((r) => r.fields));
    expect(next.reportPeriods[0]?.fields[0]).not.toBe(source.reportPeriods[0]?.fields[0]);
  });

  it('does not change its source', () => {
    const source = campaign2022();
    const snapshot = JSON.stringify(source);
    nextYearCampaign(source, zone);
    expect(JSON.stringify(source)).toBe(snapshot);
  });

  it('keeps the last day of February the last day of February, both ways across a leap year', () => {
    const leap: CampaignDraft = {
      ...campaign2022(),
      year: 2024,
      docDate: date(2024, 2, 29),
      phases: [
        { ordinal: 1, name: 'Đợt thứ nhất', startsOn: date(2024, 1, 1), endsOn: date(2024, 2, 29), theme: 'Chủ đề năm 2024' },
        { ordinal: 2, name: 'Đợt thứ hai', startsOn: date(2024, 3, 1), endsOn: date(2024, 12, 31), theme: 'Chủ đề' },
      ],
      reportPeriods: [
        {
          ...campaign2022().reportPeriods[0]!,
          opensAt: startOfDayInZone(date(2024, 2, 1), zone),
          deadlineAt: startOfDayInZone(date(2024, 2, 29), zone),
          deadlineText: 'trước ngày 29/2/2024',
        },
      ],
    };
    const next = nextYearCampaign(leap, zone);
    expect(next.docDate).toEqual(date(2025, 2, 28));
    expect(next.phases[0]?.endsOn).toEqual(date(2025, 2, 28));
    expect(next.phases[1]?.startsOn).toEqual(date(2025, 3, 1));
    expect(next.reportPeriods[0]?.deadlineAt).toEqual(startOfDayInZone(date(2025, 2, 28), zone));
    expect(next.reportPeriods[0]?.deadlineText).toBe('trước ngày 28/2/2025');
    // And into a leap year: 28/2/2023 was February's last day, so 29/2/2024 is.
    const intoLeap = nextYearCampaign({ ...leap, year: 2023, phases: [{ ...leap.phases[0]!, startsOn: date(2023, 1, 1), endsOn: date(2023, 2, 28) }] }, zone);
    expect(intoLeap.phases[0]?.endsOn).toEqual(date(2024, 2, 29));
  });
});

describe('shiftDateOneYear', () => {
  it.each([
    [date(2022, 7, 10), date(2023, 7, 10)],
    [date(2022, 12, 31), date(2023, 12, 31)],
    [date(2024, 2, 29), date(2025, 2, 28)],
    [date(2024, 2, 28), date(2025, 2, 28)],
    [date(2023, 2, 28), date(2024, 2, 29)],
    [date(2099, 2, 28), date(2100, 2, 28)],
  ])('moves %j to %j', (from, to) => {
    expect(shiftDateOneYear(from)).toEqual(to);
  });
});

describe('shiftInstantOneYear', () => {
  it('keeps 00:00 in Asia/Ho_Chi_Minh at 00:00 on the same day', () => {
    expect(shiftInstantOneYear(new Date('2022-07-09T17:00:00.000Z'), zone).toISOString()).toBe('2023-07-09T17:00:00.000Z');
  });

  it('keeps the wall-clock time where the zone changes offset in between', () => {
    // 27/10/2024 in Berlin is in summer time (+2); 27/10/2025 is after the switch back (+1).
    const from = startOfDayInZone(date(2024, 10, 27), 'Europe/Berlin');
    const to = shiftInstantOneYear(from, 'Europe/Berlin');
    expect(to).toEqual(startOfDayInZone(date(2025, 10, 27), 'Europe/Berlin'));
    expect(to.getTime() - from.getTime()).toBe(365 * 86_400_000 + 3_600_000);
  });

  it('keeps a time of day other than midnight, seconds included', () => {
    const from = new Date(zonedDateTime(date(2022, 7, 10), 17, 30, zone).getTime() + 15_000);
    const to = shiftInstantOneYear(from, zone);
    expect(to.getTime()).toBe(zonedDateTime(date(2023, 7, 10), 17, 30, zone).getTime() + 15_000);
  });
});

describe('dates in the texts', () => {
  const withText = (text: string) => nextYearCampaign({ ...campaign2022(), title: text }, zone).title;

  it.each([
    ['từ 01/01/2022 đến 30/06/2022', 'từ 01/01/2023 đến 30/06/2023'],
    ['trước ngày 10/7/2022', 'trước ngày 10/7/2023'],
    ['ngày 21 tháng 4 năm 2022', 'ngày 21 tháng 4 năm 2023'],
    ['nhiệm kỳ 2021-2025', 'nhiệm kỳ 2021-2025'],
    ['(11/6/1948 – 11/6/2022)', '(11/6/1948 – 11/6/2023)'],
    ['mã 120225 và 20221', 'mã 120225 và 20221'],
    ['ngày 10.7.2022', 'ngày 10.7.2023'],
  ])('%s → %s', (from, to) => {
    expect(withText(from)).toBe(to);
  });

  it('moves 29/2 of a leap campaign year to 28/2', () => {
    expect(nextYearCampaign({ ...campaign2022(), year: 2024, title: 'hạn 29/02/2024' }, zone).title).toBe('hạn 28/02/2025');
  });
});
