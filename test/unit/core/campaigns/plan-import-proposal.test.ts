import { type FieldSource, proposeCampaignFromPlan, proposedOpening } from '../../../../src/core/campaigns/plan-import-proposal';
import { missingPlanParts } from '../../../../src/core/plan-parsing/missing-plan-parts';
import { parsePlanText } from '../../../../src/core/plan-parsing/parse-plan-text';
import { defaultReportFields } from '../../../../src/core/reports/default-report-fields';
import type { ReportField } from '../../../../src/core/reports/report-field';
import { readPlanFixture } from '../plan-parsing/plan-test-helpers';

const halfYearFields: readonly ReportField[] = [{ kind: 'count', code: 'employees', label: 'Số lao động', max: 100_000, required: true, total: 'sum' }];
const yearFields: readonly ReportField[] = [{ kind: 'text', code: 'summary', label: 'Tổng kết năm', maxLength: 2000, required: true }];
const last2022: FieldSource = {
  year: 2022,
  periods: [
    { code: '6-thang', name: 'Báo cáo 6 tháng đầu năm 2022', fields: halfYearFields },
    { code: 'ca-nam', name: 'Báo cáo tổng kết năm 2022', fields: yearFields },
  ],
};

function propose(fixture: string, last: FieldSource | null = last2022) {
  const text = readPlanFixture(fixture);
  return proposeCampaignFromPlan(parsePlanText(text), text, last);
}

describe('proposeCampaignFromPlan', () => {
  it('takes every part found in a plan worded differently from 2022, with the text as the full text', () => {
    const text = readPlanFixture('ke-hoach-2023-cach-viet-khac.txt');
    const proposal = proposeCampaignFromPlan(parsePlanText(text), text, last2022);
    expect(proposal).toMatchObject({
      year: 2023,
      docNumber: '15/KH-HHDN',
      docDate: { year: 2023, month: 2, day: 9 },
      docPlace: 'Bắc Giang',
      title: 'Kế hoạch phát động phong trào thi đua năm 2023',
      overallTheme: 'Đổi mới, liên kết, phát triển bền vững',
      movements: ['Doanh nghiệp Bắc Giang hội nhập và phát triển', 'Chuyển đổi số trong doanh nghiệp', 'Doanh nhân Bắc Giang vì cộng đồng'],
      addressees: ['Các doanh nghiệp hội viên', 'Hội viên tập thể', 'Hội doanh nghiệp các huyện, thị xã, thành phố'],
      fullText: text,
    });
    expect(proposal.phases).toEqual([
      { ordinal: 1, name: 'Giai đoạn 1', startsOn: { year: 2023, month: 1, day: 1 }, endsOn: { year: 2023, month: 6, day: 30 }, theme: 'Thi đua khôi phục sản xuất, mở rộng thị trường sau đại dịch.' },
      { ordinal: 2, name: 'Giai đoạn 2', startsOn: { year: 2023, month: 7, day: 1 }, endsOn: { year: 2023, month: 12, day: 31 }, theme: 'Thi đua về đích kế hoạch năm 2023, chào mừng 128 năm ngày thành lập tỉnh.' },
    ]);
  });

  it('makes report periods with the deadline as written, a proposed opening and the last campaign’s fields of the same report', () => {
    const [half, year] = propose('ke-hoach-2023-cach-viet-khac.txt').reportPeriods;
    // "chậm nhất ngày 05/7/2023": the 5th still counts, so it is due before the 6th.
    expect(half).toEqual({
      code: '6-thang',
      ordinal: 1,
      name: 'Báo cáo 6 tháng đầu năm 2023',
      covers: 'Sơ kết 6 tháng đầu năm 2023 (kết quả sản xuất kinh doanh, nộp ngân sách, việc làm)',
      opensOn: { year: 2023, month: 6, day: 1 },
      dueBefore: { year: 2023, month: 7, day: 6 },
      deadlineText: 'chậm nhất ngày 05/7/2023',
      fields: halfYearFields,
      fieldsFrom: { year: 2022, periodName: 'Báo cáo 6 tháng đầu năm 2022' },
    });
    expect(year).toMatchObject({ code: 'ca-nam', opensOn: { year: 2023, month: 11, day: 1 }, dueBefore: { year: 2023, month: 12, day: 6 }, fields: yearFields });
  });

  it('copies the last campaign’s first report’s fields for a report it did not have', () => {
    const periods = propose('ke-hoach-2025-ba-bao-cao.txt').reportPeriods;
    expect(periods.map((p) => [p.code, p.fields, p.fieldsFrom?.periodName])).toEqual([
      ['6-thang', halfYearFields, 'Báo cáo 6 tháng đầu năm 2022'],
      ['9-thang', halfYearFields, 'Báo cáo 6 tháng đầu năm 2022'],
      ['ca-nam', yearFields, 'Báo cáo tổng kết năm 2022'],
    ]);
  });

  it('uses the 2022 plan’s fields when there is no campaign yet', () => {
    const periods = propose('ke-hoach-2024-ba-dot.txt', null).reportPeriods;
    expect(periods.map((p) => [p.fields, p.fieldsFrom])).toEqual([
      [defaultReportFields, null],
      [defaultReportFields, null],
    ]);
  });

  it('leaves empty what the document does not say, never filling it from elsewhere', () => {
    const proposal = propose('ke-hoach-thieu-phan.txt');
    expect(proposal).toMatchObject({ year: null, docNumber: null, docDate: null, docPlace: null, title: null, overallTheme: null, movements: [], addressees: [] });
    expect(proposal.phases).toEqual([
      { ordinal: 1, name: 'Đợt 1', startsOn: null, endsOn: null, theme: 'Thi đua hoàn thành kế hoạch.' },
      { ordinal: 2, name: 'Đợt 2', startsOn: null, endsOn: null, theme: 'Thi đua về đích.' },
      { ordinal: 3, name: 'Đợt 3', startsOn: null, endsOn: null, theme: null },
    ]);
    expect(proposal.reportPeriods.map((r) => [r.code, r.name, r.covers, r.opensOn, r.dueBefore, r.deadlineText])).toEqual([
      ['6-thang', 'Báo cáo 6 tháng đầu năm', '6 tháng đầu năm', null, null, null],
      ['ca-nam', 'Báo cáo tổng kết năm', 'Tổng kết', null, null, null],
      ['bao-cao-3', null, 'Tình hình hoạt động', null, null, null],
    ]);
  });

  it('gives two reports read as the same period different codes', () => {
    const text = [
      'KẾ HOẠCH THI ĐUA NĂM 2025',
      '- Báo cáo 6 tháng đầu năm 2025 gửi về Văn phòng Hiệp hội trước ngày 10/7/2025.',
      '- Báo cáo 6 tháng đầu năm 2025 (bổ sung) gửi về Văn phòng Hiệp hội trước ngày 20/7/2025.',
    ].join('\n');
    const codes = proposeCampaignFromPlan(parsePlanText(text), text, last2022).reportPeriods.map((r) => r.code);
    expect(codes).toEqual(['6-thang', 'bao-cao-2']);
  });
});

describe('proposedOpening', () => {
  it.each([
    [{ year: 2027, month: 7, day: 10 }, { year: 2027, month: 6, day: 1 }],
    [{ year: 2027, month: 12, day: 10 }, { year: 2027, month: 11, day: 1 }],
    [{ year: 2027, month: 3, day: 1 }, { year: 2027, month: 2, day: 1 }],
    // Not before the plan's year: a report due in January opens on 1 January.
    [{ year: 2027, month: 1, day: 15 }, { year: 2027, month: 1, day: 1 }],
  ])('opens a report due before %j on %j', (dueBefore, opens) => {
    expect(proposedOpening(dueBefore, 2027)).toEqual(opens);
  });

  it('proposes nothing when no day of the year comes before the deadline', () => {
    expect(proposedOpening({ year: 2027, month: 1, day: 1 }, 2027)).toBeNull();
  });
});

describe('missingPlanParts', () => {
  it('lists nothing for a plan where every part was found', () => {
    expect(missingPlanParts(parsePlanText(readPlanFixture('ke-hoach-2024-ba-dot.txt')))).toEqual([]);
  });

  it('names each missing part as the office calls it, with the parser’s reason', () => {
    const missing = missingPlanParts(parsePlanText(readPlanFixture('ke-hoach-thieu-phan.txt')));
    expect(missing.map((m) => m.part)).toEqual([
      'Số hiệu văn bản',
      'Nơi và ngày ban hành',
      'Tên kế hoạch',
      'Năm của kế hoạch',
      'Chủ đề chung',
      'Các phong trào thi đua',
      'Nơi nhận (đơn vị thực hiện)',
      'Đợt 1 — thời gian',
      'Đợt 2 — ngày bắt đầu',
      'Đợt 2 — ngày kết thúc',
      'Đợt 3 — ngày bắt đầu',
      'Đợt 3 — ngày kết thúc',
      'Đợt 3 — chủ đề',
      'Báo cáo 6 tháng đầu năm — hạn nộp',
      'Báo cáo tổng kết năm — hạn nộp',
      'Báo cáo thứ 3 — kỳ báo cáo',
      'Báo cáo thứ 3 — hạn nộp',
    ]);
    expect(missing[0]).toEqual({ part: 'Số hiệu văn bản', reason: 'Dòng “Số:” chưa có số văn bản (còn để trống).', line: 2 });
    expect(missing.find((m) => m.part === 'Đợt 3 — ngày kết thúc')?.reason).toContain('không có ngày 31/02/2027');
  });
});
