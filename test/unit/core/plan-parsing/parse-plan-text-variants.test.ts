import { parsePlanText } from '../../../../src/core/plan-parsing/parse-plan-text';
import { date, itemsOf, nth, readPlanFixture, reasonOf, valueOf, valuesOf } from './plan-test-helpers';

describe('parsePlanText on a 2023 plan worded differently, pasted from Word with a header table', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-2023-cach-viet-khac.txt'));

  it('reads number, place and date from the two-column header row', () => {
    expect(valueOf(plan.documentNumber)).toBe('15/KH-HHDN');
    expect(valueOf(plan.issuedAt)).toEqual({ place: 'Bắc Giang', date: date(9, 2, 2023) });
    expect(plan.issuedAt).toMatchObject({ evidence: { line: 3, text: 'Số: 15/KH-HHDN\tBắc Giang, ngày 09 tháng 02 năm 2023' } });
  });

  it('turns a one-line title in capitals into sentence case and takes the year from it', () => {
    expect(valueOf(plan.title)).toBe('Kế hoạch phát động phong trào thi đua năm 2023');
    expect(valueOf(plan.year)).toBe(2023);
  });

  it('takes the labelled "Chủ đề thi đua năm 2023" as the overall theme, not a phase\'s "Chủ đề:"', () => {
    expect(valueOf(plan.overallTheme)).toBe('Đổi mới, liên kết, phát triển bền vững');
    expect(plan.overallTheme).toMatchObject({ evidence: { line: 14 } });
  });

  it('lists each movement once, including two named in one sentence', () => {
    expect(valuesOf(plan.movements)).toEqual([
      'Doanh nghiệp Bắc Giang hội nhập và phát triển',
      'Chuyển đổi số trong doanh nghiệp',
      'Doanh nhân Bắc Giang vì cộng đồng',
    ]);
  });

  it('reads "Giai đoạn" phases whose theme is on the next line', () => {
    const phases = itemsOf(plan.phases);
    expect(phases.map((p) => [p.value.ordinal, p.value.label, valueOf(p.value.startsOn), valueOf(p.value.endsOn), valueOf(p.value.theme)])).toEqual([
      [1, 'Giai đoạn 1', date(1, 1, 2023), date(30, 6, 2023), 'Thi đua khôi phục sản xuất, mở rộng thị trường sau đại dịch.'],
      [2, 'Giai đoạn 2', date(1, 7, 2023), date(31, 12, 2023), 'Thi đua về đích kế hoạch năm 2023, chào mừng 128 năm ngày thành lập tỉnh.'],
    ]);
    expect(phases.map((p) => [p.evidence.line, p.evidence.endLine])).toEqual([
      [19, 20],
      [21, 22],
    ]);
  });

  it('reads "chậm nhất ngày" and "hạn chót:" as deadlines that still include the day named', () => {
    const reports = valuesOf(plan.reports);
    expect(reports.map((r) => valueOf(r.deadline))).toEqual([
      {
        statedDate: date(5, 7, 2023),
        kind: 'by',
        dueBefore: date(6, 7, 2023),
        dueAt: new Date('2023-07-05T17:00:00.000Z'),
        text: 'chậm nhất ngày 05/7/2023',
      },
      {
        statedDate: date(5, 12, 2023),
        kind: 'by',
        dueBefore: date(6, 12, 2023),
        dueAt: new Date('2023-12-05T17:00:00.000Z'),
        text: 'hạn chót: 05-12-2023',
      },
    ]);
  });

  it('says what each report covers, keeping a bracketed "nộp ngân sách" inside the content', () => {
    const reports = valuesOf(plan.reports);
    expect(reports.map((r) => valueOf(r.covers))).toEqual([
      'Sơ kết 6 tháng đầu năm 2023 (kết quả sản xuất kinh doanh, nộp ngân sách, việc làm)',
      'Tổng kết năm 2023',
    ]);
    expect(reports.map((r) => valueOf(r.period))).toEqual([
      { code: '6-thang', name: 'Báo cáo 6 tháng đầu năm 2023' },
      { code: 'ca-nam', name: 'Báo cáo tổng kết năm 2023' },
    ]);
  });

  it('finds the audience in the "đề nghị" sentence when "Nơi nhận" lists only "Như trên", a copy to report to and the archive', () => {
    expect(valuesOf(plan.audience)).toEqual([
      'Các doanh nghiệp hội viên',
      'Hội viên tập thể',
      'Hội doanh nghiệp các huyện, thị xã, thành phố',
    ]);
    expect(itemsOf(plan.audience).every((a) => a.evidence.line === 25)).toBe(true);
  });

  it('has nothing to warn about', () => {
    expect(plan.warnings).toEqual([]);
  });
});

describe('parsePlanText on a 2024 plan with three phases', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-2024-ba-dot.txt'));

  it('reads the header, a two-line title and the theme in a sentence about the year\'s emulation', () => {
    expect(valueOf(plan.documentNumber)).toBe('08/KH-HHDN');
    expect(valueOf(plan.issuedAt)).toEqual({ place: 'Bắc Giang', date: date(15, 1, 2024) });
    expect(valueOf(plan.title)).toBe('Kế hoạch tổ chức phong trào thi đua năm 2024');
    expect(valueOf(plan.year)).toBe(2024);
    expect(valueOf(plan.overallTheme)).toBe('Chủ động, sáng tạo, tăng tốc, về đích năm 2024');
    expect(valuesOf(plan.movements)).toEqual(['Doanh nghiệp Bắc Giang hội nhập và phát triển']);
  });

  it('reads three phases numbered in Roman numerals, with dd.mm.yyyy dates and themes after a colon', () => {
    expect(
      valuesOf(plan.phases).map((p) => [p.ordinal, p.label, valueOf(p.startsOn), valueOf(p.endsOn), valueOf(p.theme)]),
    ).toEqual([
      [1, 'Đợt I', date(1, 1, 2024), date(30, 4, 2024), 'Thi đua chào mừng kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.'],
      [2, 'Đợt II', date(1, 5, 2024), date(31, 8, 2024), 'Thi đua lập thành tích chào mừng Quốc khánh 2/9.'],
      [3, 'Đợt III', date(1, 9, 2024), date(31, 12, 2024), 'Về đích kế hoạch năm 2024'],
    ]);
    expect(itemsOf(plan.phases).map((p) => p.evidence.line)).toEqual([16, 17, 18]);
  });

  it('reads two reports from one sentence, each with its own deadline', () => {
    const reports = valuesOf(plan.reports);
    expect(reports.map((r) => [r.ordinal, valueOf(r.covers), valueOf(r.period).code, valueOf(r.deadline).dueBefore, valueOf(r.deadline).kind])).toEqual([
      [1, 'Sơ kết 6 tháng đầu năm', '6-thang', date(5, 7, 2024), 'before'],
      [2, 'Tổng kết năm', 'ca-nam', date(5, 12, 2024), 'before'],
    ]);
  });

  it('takes the audience from "Kính gửi"', () => {
    expect(valuesOf(plan.audience)).toEqual([
      'Hội doanh nghiệp các huyện, thị xã, thành phố',
      'Các hội viên tập thể',
      'Các doanh nghiệp hội viên',
    ]);
    expect(itemsOf(plan.audience).map((a) => a.evidence.line)).toEqual([9, 10, 11]);
  });
});

describe('parsePlanText on a 2025 plan with a third report', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-2025-ba-bao-cao.txt'));

  it('reads a numeric issue date and a slogan labelled as the year\'s', () => {
    expect(valueOf(plan.issuedAt)).toEqual({ place: 'Bắc Giang', date: date(20, 1, 2025) });
    expect(valueOf(plan.title)).toBe('Kế hoạch thi đua năm 2025');
    expect(valueOf(plan.overallTheme)).toBe('Kỷ cương, trách nhiệm, hành động, sáng tạo');
  });

  it('splits two phases written in one sentence', () => {
    expect(
      valuesOf(plan.phases).map((p) => [p.ordinal, p.label, valueOf(p.startsOn), valueOf(p.endsOn), valueOf(p.theme)]),
    ).toEqual([
      [1, 'Đợt 1', date(1, 1, 2025), date(30, 6, 2025), 'Tăng tốc, bứt phá'],
      [2, 'Đợt 2', date(1, 7, 2025), date(31, 12, 2025), 'Về đích, vượt kế hoạch'],
    ]);
  });

  it('reads all three reports, the 9-month one included', () => {
    expect(
      valuesOf(plan.reports).map((r) => [r.ordinal, valueOf(r.covers), valueOf(r.period), valueOf(r.deadline).dueBefore, valueOf(r.deadline).text]),
    ).toEqual([
      [1, '6 tháng đầu năm 2025', { code: '6-thang', name: 'Báo cáo 6 tháng đầu năm 2025' }, date(10, 7, 2025), 'trước ngày 10/7/2025'],
      [2, '9 tháng năm 2025', { code: '9-thang', name: 'Báo cáo 9 tháng năm 2025' }, date(10, 10, 2025), 'trước ngày 10/10/2025'],
      [3, 'Tổng kết năm 2025', { code: 'ca-nam', name: 'Báo cáo tổng kết năm 2025' }, date(10, 12, 2025), 'trước ngày 10/12/2025'],
    ]);
  });

  it('reports the movements missing, since none is named', () => {
    expect(reasonOf(plan.movements)).toBe('Không thấy phong trào thi đua nào được nêu tên (dạng phong trào “…”).');
    expect(valuesOf(plan.audience)).toEqual(['Các doanh nghiệp hội viên']);
  });
});

describe('parsePlanText on a 2026 plan with dates written in words', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-2026-ngay-bang-chu.txt'));

  it('reads an issue date in words', () => {
    expect(valueOf(plan.issuedAt)).toEqual({ place: 'Bắc Giang', date: date(12, 1, 2026) });
    expect(valueOf(plan.overallTheme)).toBe('Đoàn kết – Đổi mới – Phát triển');
  });

  it('reads phase dates in words and month-only ranges, saying how each was completed', () => {
    const first = nth(valuesOf(plan.phases), 0);
    const second = nth(valuesOf(plan.phases), 1);
    expect(first?.label).toBe('Đợt thứ nhất');
    expect(first?.startsOn).toMatchObject({
      found: true,
      value: date(1, 1, 2026),
      evidence: { line: 9, note: 'Năm 2026 lấy theo ngày kết thúc của cùng khoảng thời gian.' },
    });
    expect(valueOf(first.endsOn)).toEqual(date(30, 6, 2026));
    expect(valueOf(first.theme)).toBe('Thi đua lao động sản xuất giỏi.');
    expect(second?.startsOn).toMatchObject({
      value: date(1, 7, 2026),
      evidence: { note: 'Chỉ ghi tháng nên lấy ngày đầu tháng. Năm 2026 lấy theo ngày kết thúc của cùng khoảng thời gian.' },
    });
    expect(second?.endsOn).toMatchObject({ value: date(31, 12, 2026), evidence: { note: 'Chỉ ghi tháng nên lấy ngày cuối tháng.' } });
  });

  it('reads deadlines in words, and takes the plan\'s year for one written without a year, saying so', () => {
    const reports = valuesOf(plan.reports);
    expect(reports.map((r) => [valueOf(r.period).code, valueOf(r.deadline).statedDate, valueOf(r.deadline).kind, valueOf(r.deadline).dueBefore, valueOf(r.deadline).text])).toEqual([
      ['quy-1', date(15, 4, 2026), 'before', date(15, 4, 2026), 'trước ngày mười lăm tháng tư năm 2026'],
      ['6-thang', date(10, 7, 2026), 'before', date(10, 7, 2026), 'trước ngày mười tháng bảy năm 2026'],
      ['ca-nam', date(5, 12, 2026), 'by', date(6, 12, 2026), 'chậm nhất mùng 5 tháng 12'],
    ]);
    expect(reports[2]?.deadline).toMatchObject({ evidence: { line: 14, note: 'Ngày ghi không có năm; lấy năm 2026 của kế hoạch.' } });
    expect(reports[0]?.deadline).not.toHaveProperty('evidence.note');
    expect(valueOf(nth(reports, 0).period).name).toBe('Báo cáo quý I năm 2026');
  });

  it('takes the audience from "Nơi nhận", leaving out the archive', () => {
    expect(valuesOf(plan.audience)).toEqual(['Các doanh nghiệp hội viên']);
  });
});

describe('parsePlanText on a plan with parts missing or wrong', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-thieu-phan.txt'));

  it('reports a blank document number as missing, pointing at the line', () => {
    expect(plan.documentNumber).toEqual({
      found: false,
      reason: 'Dòng “Số:” chưa có số văn bản (còn để trống).',
      evidence: { line: 2, endLine: 2, text: 'Số:      /KH-HHDN' },
    });
  });

  it('reports header parts it cannot find as missing instead of filling them in', () => {
    expect(reasonOf(plan.issuedAt)).toMatch(/^Không thấy nơi và ngày ban hành/);
    expect(reasonOf(plan.title)).toMatch(/^Không thấy tên kế hoạch/);
    expect(reasonOf(plan.year)).toMatch(/^Không xác định được năm của kế hoạch/);
    expect(reasonOf(plan.overallTheme)).toMatch(/^Không thấy chủ đề chung/);
    expect(reasonOf(plan.movements)).toMatch(/^Không thấy phong trào/);
    expect(reasonOf(plan.audience)).toMatch(/^Không thấy kế hoạch gửi cho ai/);
  });

  it('keeps phases it found but leaves out what the text does not give', () => {
    const phases = valuesOf(plan.phases);
    expect(phases).toHaveLength(3);
    const p1 = nth(phases, 0);
    const p2 = nth(phases, 1);
    const p3 = nth(phases, 2);
    expect(p1?.label).toBe('Đợt 1');
    expect(reasonOf(p1.startsOn)).toBe('Không thấy thời gian của đợt này (“từ ngày … đến ngày …”).');
    expect(reasonOf(p1.endsOn)).toBe('Không thấy thời gian của đợt này (“từ ngày … đến ngày …”).');
    expect(valueOf(p1.theme)).toBe('Thi đua hoàn thành kế hoạch.');
    // Without the plan's year, "01/7" is not given a year.
    expect(reasonOf(p2.startsOn)).toBe('Ngày 01/07 không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.');
    expect(reasonOf(p2.endsOn)).toBe('Ngày 31/12 không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.');
    expect(valueOf(p2.theme)).toBe('Thi đua về đích.');
    expect(reasonOf(p3.startsOn)).toMatch(/^Tháng Giêng, tháng Chạp là tên tháng âm lịch/);
    expect(reasonOf(p3.endsOn)).toBe('Ngày 31/02/2027: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2027. Xin kiểm tra lại.');
    expect(p3?.endsOn).toMatchObject({ evidence: { line: 8 } });
    expect(reasonOf(p3.theme)).toBe('Không thấy chủ đề của đợt này (“với chủ đề: …”).');
  });

  it('keeps reports whose deadline is absent, has a time of day or is not a real day, with the deadline missing', () => {
    const reports = valuesOf(plan.reports);
    expect(reports).toHaveLength(3);
    const r1 = nth(reports, 0);
    const r2 = nth(reports, 1);
    const r3 = nth(reports, 2);
    expect(reasonOf(r1.deadline)).toBe('Không thấy hạn nộp của báo cáo này (“trước ngày …”).');
    expect(valueOf(r1.covers)).toBe('6 tháng đầu năm');
    expect(valueOf(r1.period)).toEqual({ code: '6-thang', name: 'Báo cáo 6 tháng đầu năm' });
    expect(reasonOf(r2.deadline)).toBe('Hạn nộp có giờ cụ thể; hệ thống chỉ ghi hạn theo ngày, xin nhập hạn nộp bằng tay.');
    expect(valueOf(r2.period)).toEqual({ code: 'ca-nam', name: 'Báo cáo tổng kết năm' });
    expect(reasonOf(r3.deadline)).toBe(
      'Hạn nộp không dùng được. Ngày 31/02/2027: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2027. Xin kiểm tra lại.',
    );
    expect(valueOf(r3.covers)).toBe('Tình hình hoạt động');
    expect(reasonOf(r3.period)).toBe('Không rõ báo cáo cho giai đoạn nào (quý, 6 tháng, 9 tháng hay cả năm).');
  });
});
