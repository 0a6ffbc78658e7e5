import { daysInMonth } from '../../../../src/core/dates/calendar-date';
import { parsePlanText } from '../../../../src/core/plan-parsing/parse-plan-text';
import { date, itemsOf, nth, reasonOf, valueOf, valuesOf } from './plan-test-helpers';

// Days 1–31 and months 1–12 as people write them out.
const DAY_WORDS = [
  'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười',
  'mười một', 'mười hai', 'mười ba', 'mười bốn', 'mười lăm', 'mười sáu', 'mười bảy', 'mười tám', 'mười chín', 'hai mươi',
  'hai mươi mốt', 'hai mươi hai', 'hai mươi ba', 'hai mươi tư', 'hai mươi lăm', 'hai mươi sáu', 'hai mươi bảy',
  'hai mươi tám', 'hai mươi chín', 'ba mươi', 'ba mươi mốt',
];
const MONTH_WORDS = ['một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

// A plan reduced to what a test is about; the title gives the plan's year (2023) unless left out.
const TITLE = 'KẾ HOẠCH PHÁT ĐỘNG THI ĐUA NĂM 2023';
const plan = (body: string, title: string = TITLE) => parsePlanText(`${title}\n\n${body}\n`);
const onlyPhase = (body: string, title?: string) => nth(valuesOf(plan(body, title).phases), 0);
const onlyReport = (body: string, title?: string) => nth(valuesOf(plan(body, title).reports), 0);

describe('parsePlanText: how phase dates may be written', () => {
  it.each([
    ['01/01/2023', '30/06/2023'],
    ['1/1/2023', '30/6/2023'],
    ['01-01-2023', '30-06-2023'],
    ['01.01.2023', '30.06.2023'],
    ['01 / 01 / 2023', '30 / 06 / 2023'],
    ['ngày 01/01/2023', 'ngày 30/6/2023'],
    ['ngày 01 tháng 01 năm 2023', 'ngày 30 tháng 6 năm 2023'],
    ['ngày 1 tháng 1, 2023', 'ngày 30 tháng 6, 2023'],
    ['ngay 1 thang 1 nam 2023', 'ngay 30 thang 6 nam 2023'],
    ['NGÀY 01 THÁNG 01 NĂM 2023', 'NGÀY 30 THÁNG 6 NĂM 2023'],
    ['ngày mùng một tháng một năm 2023', 'ngày ba mươi tháng sáu năm 2023'],
    ['mồng 1 tháng Một năm 2023', 'hết ngày 30 tháng Sáu năm 2023'],
  ])('reads "từ %s đến %s"', (start, end) => {
    const phase = onlyPhase(`- Đợt 1, từ ${start} đến ${end} với chủ đề: Thi đua.`);
    expect(valueOf(phase.startsOn)).toEqual(date(1, 1, 2023));
    expect(valueOf(phase.endsOn)).toEqual(date(30, 6, 2023));
    expect(phase.startsOn).not.toHaveProperty('evidence.note');
  });

  it.each([
    ['Đợt 1: 01/01/2023 - 30/06/2023.'],
    ['Đợt 1 (01/01/2023 – 30/06/2023).'],
    ['Đợt 1 từ ngày 01/01/2023 tới ngày 30/06/2023.'],
    ['Đợt 1 từ 01/01/2023 cho đến 30/06/2023.'],
    ['Đợt 1 tu 01/01/2023 den 30/06/2023.'],
    ['Đợt 1 từ tháng 1/2023 đến tháng 6/2023.'],
    ['Đợt 1 từ tháng 01 năm 2023 đến hết tháng 06 năm 2023.'],
  ])('reads the range in %j', (body) => {
    const phase = onlyPhase(body);
    expect([valueOf(phase.startsOn), valueOf(phase.endsOn)]).toEqual([date(1, 1, 2023), date(30, 6, 2023)]);
  });

  it('completes a start without a year from the end, and says so', () => {
    const phase = onlyPhase('Đợt 1, từ 01/01 đến 30/6/2024.');
    expect(phase.startsOn).toMatchObject({
      value: date(1, 1, 2024),
      evidence: { note: 'Năm 2024 lấy theo ngày kết thúc của cùng khoảng thời gian.' },
    });
  });

  it('completes dates without a year from the plan\'s year, and says so', () => {
    const phase = onlyPhase('Đợt 1, từ ngày 1 tháng 1 đến ngày 30 tháng 6.');
    expect(phase.endsOn).toMatchObject({
      value: date(30, 6, 2023),
      evidence: { note: 'Ngày ghi không có năm; lấy năm 2023 của kế hoạch.' },
    });
  });

  it('does not complete a year when the plan\'s year is unknown', () => {
    const phase = onlyPhase('Đợt 1, từ ngày 1 tháng 1 đến ngày 30 tháng 6.', 'KẾ HOẠCH PHÁT ĐỘNG THI ĐUA');
    expect(reasonOf(phase.startsOn)).toBe('Ngày 01/01 không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.');
    expect(reasonOf(phase.endsOn)).toBe('Ngày 30/06 không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.');
  });

  it.each([
    ['31/02/2023', 'Ngày 31/02/2023: Tháng 2 chỉ có 28 ngày, không có ngày 31/02/2023. Xin kiểm tra lại.'],
    ['29/02/2023', 'Ngày 29/02/2023: Năm 2023 không phải năm nhuận nên tháng 2 chỉ có 28 ngày. Xin kiểm tra lại.'],
    ['31/04/2023', 'Ngày 31/04/2023: Tháng 4 chỉ có 30 ngày, không có ngày 31/04/2023. Xin kiểm tra lại.'],
    ['30/13/2023', 'Ngày 30/13/2023: Tháng phải từ 1 đến 12.'],
    ['30/6/23', 'Năm chỉ ghi 2 chữ số; xin ghi đủ 4 chữ số, ví dụ 2023.'],
    ['30 tháng Chạp năm 2023', 'Tháng Giêng, tháng Chạp là tên tháng âm lịch; xin ghi ngày dương lịch bằng số (ví dụ 10/01/2023).'],
  ])('refuses the end date %j with a reason, never guessing', (end, reason) => {
    const phase = onlyPhase(`Đợt 1, từ 01/01/2023 đến ${end}.`);
    expect(valueOf(phase.startsOn)).toEqual(date(1, 1, 2023));
    expect(reasonOf(phase.endsOn)).toBe(reason);
  });

  it('accepts 29 February in a leap year', () => {
    expect(valueOf(onlyPhase('Đợt 1, từ 01/01/2024 đến 29/02/2024.').endsOn)).toEqual(date(29, 2, 2024));
  });
});

describe('parsePlanText: how phases may be named', () => {
  it.each([
    ['Đợt 1', 1],
    ['Đợt 01', 1],
    ['Giai đoạn 2', 2],
    ['Đợt thứ nhất', 1],
    ['Đợt thứ hai', 2],
    ['Đợt thứ ba', 3],
    ['Đợt thứ tư', 4],
    ['Đợt thứ năm', 5],
    ['Đợt I', 1],
    ['Đợt IV', 4],
    ['Giai đoạn III', 3],
    ['Đợt một', 1],
    ['Đợt thi đua thứ hai', 2],
    ['GIAI ĐOẠN 2', 2],
    ['Dot thu hai', 2],
  ])('reads %j as phase %d', (label, ordinal) => {
    const phase = onlyPhase(`- ${label}: từ 01/01/2023 đến 30/06/2023.`);
    expect([phase.ordinal, phase.label]).toEqual([ordinal, label]);
  });

  it.each([
    ['Giai đoạn 2021-2025, Hiệp hội phát triển mạnh.'],
    ['Tổ chức thi đua theo từng đợt tùy theo tình hình của đơn vị.'],
    ['Chương trình được tổ chức thành 02 đợt chính.'],
    ['Báo cáo đột xuất khi có yêu cầu.'],
    ['Trong giai đoạn từ 01/01/2023 đến 30/06/2023 các đơn vị tập trung sản xuất.'],
    ['Sau khi kết thúc đợt 1 các đơn vị gửi báo cáo.'],
  ])('finds no phase in %j', (body) => {
    expect(reasonOf(plan(body).phases)).toBe('Không thấy đợt thi đua nào (dạng “Đợt 1, từ ngày … đến ngày …”).');
  });

  it('reads any number of phases, each with its own dates and theme', () => {
    const body = [1, 2, 3, 4].map((n) => `- Đợt ${n}, từ 01/${n * 3 - 2}/2023 đến 28/${n * 3}/2023 với chủ đề: Chủ đề ${n}.`).join('\n');
    expect(valuesOf(plan(body).phases).map((p) => [p.ordinal, valueOf(p.startsOn).month, valueOf(p.endsOn).month, valueOf(p.theme)])).toEqual([
      [1, 1, 3, 'Chủ đề 1.'],
      [2, 4, 6, 'Chủ đề 2.'],
      [3, 7, 9, 'Chủ đề 3.'],
      [4, 10, 12, 'Chủ đề 4.'],
    ]);
  });

  it('keeps the mention with dates when a phase is named twice', () => {
    const phases = valuesOf(
      plan('Đợt 1: sơ kết vào tháng 7.\n\nChi tiết:\n- Đợt 1, từ 01/01/2023 đến 30/06/2023 với chủ đề: Tăng tốc.').phases,
    );
    expect(phases).toHaveLength(1);
    expect([valueOf(nth(phases, 0).startsOn), valueOf(nth(phases, 0).theme)]).toEqual([date(1, 1, 2023), 'Tăng tốc.']);
  });

  it('reads a theme in quotes, or after a colon that follows the dates', () => {
    expect(valueOf(onlyPhase('Đợt 1 từ 01/01/2023 đến 30/06/2023 với chủ đề “Tăng tốc, bứt phá”; các đơn vị thực hiện.').theme)).toBe(
      'Tăng tốc, bứt phá',
    );
    expect(valueOf(onlyPhase('Đợt 1 (từ 01/01/2023 đến 30/06/2023): thi đua lao động giỏi.').theme)).toBe('Thi đua lao động giỏi.');
    expect(valueOf(onlyPhase('Đợt 1 từ 01/01/2023 đến 30/06/2023 với khẩu hiệu: Về đích sớm.').theme)).toBe('Về đích sớm.');
  });
});

describe('parsePlanText: how report deadlines may be written', () => {
  const report = (deadline: string, title?: string) =>
    onlyReport(`- Báo cáo 6 tháng đầu năm gửi về Văn phòng Hiệp hội ${deadline}.`, title);

  it.each([
    ['trước ngày 10/7/2023', 'before', date(10, 7, 2023)],
    ['trước 10/7/2023', 'before', date(10, 7, 2023)],
    ['trước ngày 10-07-2023', 'before', date(10, 7, 2023)],
    ['trước ngày 10.7.2023', 'before', date(10, 7, 2023)],
    ['truoc ngay 10/7/2023', 'before', date(10, 7, 2023)],
    ['trước ngày 10 tháng 7 năm 2023', 'before', date(10, 7, 2023)],
    ['trước ngày mười tháng bảy năm 2023', 'before', date(10, 7, 2023)],
    ['trước ngày mồng mười tháng bảy năm 2023', 'before', date(10, 7, 2023)],
    ['trước ngày hai mươi mốt tháng 7 năm 2023', 'before', date(21, 7, 2023)],
    ['trước ngày hai mốt tháng 7 năm 2023', 'before', date(21, 7, 2023)],
    ['trước ngày mười lăm tháng tư năm 2023', 'before', date(15, 4, 2023)],
    ['trước ngày hai mươi lăm tháng mười một năm 2023', 'before', date(25, 11, 2023)],
    ['trước ngày ba mốt tháng mười hai năm 2023', 'before', date(31, 12, 2023)],
    ['chậm nhất ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['chậm nhất là ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['chậm nhất vào ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['muộn nhất ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['không muộn hơn ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['hạn chót ngày 10/7/2023', 'by', date(10, 7, 2023)],
    ['hạn chót: 10/7/2023', 'by', date(10, 7, 2023)],
    ['hạn chót là ngày 10 tháng 7 năm 2023', 'by', date(10, 7, 2023)],
    ['thời hạn: 10/7/2023', 'by', date(10, 7, 2023)],
    ['chậm nhất trước ngày 10/7/2023', 'before', date(10, 7, 2023)],
    ['hạn nộp: trước ngày 10/7/2023', 'before', date(10, 7, 2023)],
  ])('reads "%s" as due %s the day written', (deadline, kind, stated) => {
    expect(valueOf(report(deadline).deadline)).toMatchObject({ kind, statedDate: stated, text: deadline });
  });

  it.each(DAY_WORDS.map((words, i) => [words, i + 1, MONTH_WORDS[i % 12] ?? '', (i % 12) + 1] as const).filter(([, d, , m]) => d <= daysInMonth(2024, m)))(
    'reads the day "%s" (%d) and the month "%s" (%d) in words',
    (dayWords, day, monthWords, month) => {
      const deadline = valueOf(report(`trước ngày ${dayWords} tháng ${monthWords} năm 2024`).deadline);
      expect([deadline.statedDate.day, deadline.statedDate.month]).toEqual([day, month]);
    },
  );

  it('puts a "before" deadline at the start of the day named and a "by" deadline at the start of the next', () => {
    expect(valueOf(report('trước ngày 10/7/2023').deadline)).toMatchObject({
      dueBefore: date(10, 7, 2023),
      dueAt: new Date('2023-07-09T17:00:00.000Z'),
    });
    expect(valueOf(report('chậm nhất ngày 31/12/2023').deadline)).toMatchObject({
      dueBefore: date(1, 1, 2024),
      dueAt: new Date('2023-12-31T17:00:00.000Z'),
    });
  });

  it('puts deadlines at midnight of another zone when told to', () => {
    const parsed = parsePlanText(`${TITLE}\n- Báo cáo năm gửi về Văn phòng trước ngày 10/12/2023.`, { timeZone: 'UTC' });
    expect(valueOf(nth(valuesOf(parsed.reports), 0).deadline).dueAt).toEqual(new Date('2023-12-10T00:00:00.000Z'));
  });

  it('takes the plan\'s year for a deadline without one, and says so', () => {
    expect(report('trước ngày 10/7').deadline).toMatchObject({
      value: { statedDate: date(10, 7, 2023), text: 'trước ngày 10/7' },
      evidence: { note: 'Ngày ghi không có năm; lấy năm 2023 của kế hoạch.' },
    });
    expect(valueOf(report('chậm nhất mùng 5 tháng 7').deadline).statedDate).toEqual(date(5, 7, 2023));
  });

  it.each([
    ['trước ngày 10/7', 'KẾ HOẠCH PHÁT ĐỘNG THI ĐUA', 'Hạn nộp không dùng được. Ngày 10/07 không ghi năm, và chưa biết năm của kế hoạch nên không tự điền.'],
    ['trước ngày 10/7/23', TITLE, 'Hạn nộp không dùng được. Năm chỉ ghi 2 chữ số; xin ghi đủ 4 chữ số, ví dụ 2023.'],
    ['trước ngày 10 tháng 7 năm 23', TITLE, 'Hạn nộp không dùng được. Năm chỉ ghi 2 chữ số; xin ghi đủ 4 chữ số, ví dụ 2023.'],
    ['trước ngày 10/7/20233', TITLE, 'Hạn nộp không dùng được. Năm “20233” không đúng; xin ghi năm đủ 4 chữ số, ví dụ 2023.'],
    ['trước ngày 10/7/1800', TITLE, 'Hạn nộp không dùng được. Ngày 10/07/1800: Năm phải từ 1900 đến 2100.'],
    ['trước ngày 30/02/2023', TITLE, 'Hạn nộp không dùng được. Ngày 30/02/2023: Tháng 2 chỉ có 28 ngày, không có ngày 30/02/2023. Xin kiểm tra lại.'],
    ['trước ngày 10 tháng Chạp', TITLE, 'Hạn nộp không dùng được. Tháng Giêng, tháng Chạp là tên tháng âm lịch; xin ghi ngày dương lịch bằng số (ví dụ 10/01/2023).'],
    ['trước 17h00 ngày 10/7/2023', TITLE, 'Hạn nộp có giờ cụ thể; hệ thống chỉ ghi hạn theo ngày, xin nhập hạn nộp bằng tay.'],
  ])('refuses "%s" with a reason, keeping the report', (deadline, title, reason) => {
    const found = report(deadline, title);
    expect(reasonOf(found.deadline)).toBe(reason);
    expect(valueOf(found.covers)).toBe('6 tháng đầu năm');
  });

  it('reads a deadline on the line below its report', () => {
    const reports = itemsOf(plan('- Báo cáo kết quả 6 tháng đầu năm 2023\ngửi về Văn phòng Hiệp hội trước ngày 10/7/2023.').reports);
    expect(reports).toHaveLength(1);
    expect(valueOf(nth(reports, 0).value.deadline).dueBefore).toEqual(date(10, 7, 2023));
    expect(valueOf(nth(reports, 0).value.covers)).toBe('Kết quả 6 tháng đầu năm 2023');
    expect([nth(reports, 0).evidence.line, nth(reports, 0).evidence.endLine]).toEqual([3, 4]);
  });

  it('does not take other deadlines (registration, events) for reports', () => {
    expect(reasonOf(plan('Các đơn vị đăng ký thi đua gửi về Văn phòng trước ngày 30/3/2023.').reports)).toBe(
      'Không thấy báo cáo nào có hạn nộp (dạng “Báo cáo … trước ngày …”).',
    );
  });

  it.each([
    ['Báo cáo quý I/2023', 'quy-1', 'Báo cáo quý I năm 2023'],
    ['Báo cáo quý 2 năm 2023', 'quy-2', 'Báo cáo quý II năm 2023'],
    ['Báo cáo quý III', 'quy-3', 'Báo cáo quý III năm 2023'],
    ['Báo cáo quý IV', 'quy-4', 'Báo cáo quý IV năm 2023'],
    ['Báo cáo 3 tháng đầu năm', 'quy-1', 'Báo cáo quý I năm 2023'],
    ['Báo cáo sáu tháng đầu năm', '6-thang', 'Báo cáo 6 tháng đầu năm 2023'],
    ['Báo cáo 6 tháng cuối năm', '6-thang-cuoi', 'Báo cáo 6 tháng cuối năm 2023'],
    ['Báo cáo 9 tháng', '9-thang', 'Báo cáo 9 tháng năm 2023'],
    ['Báo cáo tổng kết', 'ca-nam', 'Báo cáo tổng kết năm 2023'],
    ['Báo cáo kết quả cả năm', 'ca-nam', 'Báo cáo tổng kết năm 2023'],
    ['Báo cáo kết quả năm 2023', 'ca-nam', 'Báo cáo tổng kết năm 2023'],
  ])('names the period of "%s"', (report, code, name) => {
    expect(valueOf(onlyReport(`- ${report} gửi về Văn phòng Hiệp hội trước ngày 10/7/2023.`).period)).toEqual({ code, name });
  });
});

describe('parsePlanText: header, theme, movements and audience in other shapes', () => {
  it('reads a number written without the colon, and one with spaces round the slash', () => {
    expect(valueOf(parsePlanText(`Số 12/KH-HHDN\n${TITLE}`).documentNumber)).toBe('12/KH-HHDN');
    expect(valueOf(parsePlanText(`Số: 12 / KH-HHDN\n${TITLE}`).documentNumber)).toBe('12/KH-HHDN');
  });

  it('does not take a number cited in the body for the document\'s', () => {
    expect(reasonOf(parsePlanText(`Căn cứ hướng dẫn số 1595/HD-BTĐKT ngày 17/7/2018;\n${TITLE}`).documentNumber)).toBe(
      'Không thấy số văn bản (dòng “Số: …/KH-…” ở đầu văn bản).',
    );
  });

  it('reads a place of several words, and a date line without a place', () => {
    expect(valueOf(parsePlanText(`TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2023\n${TITLE}`).issuedAt)).toEqual({
      place: 'TP. Hồ Chí Minh',
      date: date(5, 1, 2023),
    });
    expect(valueOf(parsePlanText(`Ngày 05/01/2023\n${TITLE}`).issuedAt)).toEqual({ place: null, date: date(5, 1, 2023) });
  });

  it('takes the year from "thi đua năm …" in the text when the title has none', () => {
    const parsed = parsePlanText('KẾ HOẠCH\nPhát động thi đua\n\nHiệp hội phát động phong trào thi đua trong toàn Hiệp hội năm 2024 như sau:');
    expect(valueOf(parsed.title)).toBe('Kế hoạch phát động thi đua');
    expect(parsed.year).toMatchObject({ value: 2024, evidence: { line: 4 } });
  });

  it('prefers the year the text launches emulation for over a year it cites', () => {
    const parsed = parsePlanText(
      'KẾ HOẠCH\nPhát động thi đua\n\nCăn cứ kết quả kế hoạch thi đua năm 2022;\nHiệp hội phát động thi đua năm 2023 như sau:',
    );
    expect(parsed.year).toMatchObject({ value: 2023, evidence: { line: 5 } });
  });

  it('does not take the theme of one activity for the plan\'s', () => {
    expect(reasonOf(plan('Tích cực tạo việc làm cho người lao động với chủ đề “Kinh doanh có trách nhiệm”.').overallTheme)).toBe(
      'Không thấy chủ đề chung của kế hoạch (câu “… phát động thi đua năm … với chủ đề “…””).',
    );
  });

  it('reads a theme line right under the title', () => {
    expect(valueOf(plan('Chủ đề: Đoàn kết, đổi mới, phát triển.').overallTheme)).toBe('Đoàn kết, đổi mới, phát triển');
  });

  it('takes only quoted names after "phong trào" as movements', () => {
    expect(
      valuesOf(
        plan(
          'Đẩy mạnh các phong trào thi đua, thực hiện “nhiệm vụ kép”; phong trào thi đua yêu nước; phong trào "Xanh - Sạch - Đẹp", “Văn hóa doanh nghiệp” và «Doanh nhân vì cộng đồng».',
        ).movements,
      ),
    ).toEqual(['Xanh - Sạch - Đẹp', 'Văn hóa doanh nghiệp', 'Doanh nhân vì cộng đồng']);
  });

  it('reads "Nơi nhận" entries beside a signature column, dropping copies for reporting and the archive', () => {
    const parsed = plan('Nơi nhận:\tTM. BAN THƯỜNG VỤ\n- Các doanh nghiệp hội viên (để thực hiện);\tCHỦ TỊCH\n- UBND tỉnh (để báo cáo);\n- Hội DN các huyện;\n- Lưu: VT.');
    expect(valuesOf(parsed.audience)).toEqual(['Các doanh nghiệp hội viên', 'Hội doanh nghiệp các huyện']);
  });
});

describe('parsePlanText: warnings', () => {
  it('warns about phases that overlap, run backwards, fall outside the year or skip a number', () => {
    const parsed = plan(
      ['- Đợt 1, từ 01/01/2023 đến 31/07/2023.', '- Đợt 2, từ 01/07/2023 đến 30/06/2023.', '- Đợt 4, từ 01/01/2024 đến 31/03/2024.'].join('\n'),
    );
    expect(parsed.warnings).toEqual([
      'Số thứ tự các đợt không liền nhau từ 1: 1, 2, 4.',
      'Đợt 2: ngày kết thúc 30/06/2023 trước ngày bắt đầu 01/07/2023.',
      'Đợt 2 bắt đầu (01/07/2023) khi đợt 1 chưa kết thúc (31/07/2023).',
      'Đợt 4 có ngày ngoài năm 2023 của kế hoạch.',
    ]);
  });
});
