import { type Harness, createHarness, july1st2022 } from '../../support/conversation-harness';
import {
  auditOf,
  contactOf,
  draftOf,
  fillReport,
  linkedMember,
  pdf,
  payloadsOf,
  periodByCode,
  referenceCode,
  reportAnswers,
  sayOn,
  stateOf,
  storedReportValues,
  tenKilobytes,
} from '../../support/flow-helpers';
import { defaultReportFields } from '../../../src/core/reports/default-report-fields';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(60_000);

const field = (n: number, label: string) => `Mục ${n}/7: ${label}?`;
const revenueQuestion = field(1, 'Doanh thu');
const summaryChoices = ['submit', 'fix', 'back', 'cmd:cancel'];

describe.each(backends)('report flow on %s', (backend: Backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend);
  });
  afterAll(async () => h.dispose());
  afterEach(() => h.clock.set(july1st2022));

  /** The 6-month submission of a member with its revisions (oldest first) and their files. */
  async function submissionOf(memberId: number) {
    const period = await periodByCode(h, '6-thang');
    return h.prisma.submission.findUnique({
      where: { memberId_periodId: { memberId, periodId: period.id } },
      include: { revisions: { orderBy: { revision: 'asc' }, include: { attachments: true } } },
    });
  }

  it('asks each field, refuses bad answers with the reason and files integers in đồng when answered through', async () => {
    const u = 'rep-main';
    const { memberId, name } = await linkedMember(h, u);

    const intro = await h.say(u, '/baocao');
    expect(intro[0]?.text).toContain(`Báo cáo 6 tháng đầu năm 2022 của ${name}. Hạn nộp: trước ngày 10/7/2022 (còn 9 ngày). Có 7 mục`);
    expect(intro[1]?.text).toContain(`${revenueQuestion} (Chỉ gõ số thì hiểu là triệu đồng.) Ví dụ: 12,5 tỷ hoặc 350 triệu`);
    // The first field is required and has nothing before it: no buttons.
    expect(intro[1]?.choices).toBeUndefined();
    expect(await draftOf(h, memberId)).toMatchObject({ values: {}, answered: 0, total: 7 });

    const badRevenue: Array<[Parameters<Harness['say']>[1], string]> = [
      ['', 'Xin nhập số tiền'],
      ['😀', 'Chưa hiểu số tiền này'],
      [tenKilobytes, 'Chưa hiểu số tiền này'],
      ['<b>12</b>', 'Chưa hiểu số tiền này'],
      ["12; DROP TABLE submissions; --", 'Chưa hiểu số tiền này'],
      ['-5', 'Số tiền không được âm.'],
      ['âm 5 tỷ', 'Số tiền không được âm.'],
      ['350.000.000', 'Số tiền 350.000 tỷ đồng vượt quá mức tối đa 100.000 tỷ đồng'],
      ['1.250 tỷ', 'Chưa rõ “1.250 tỷ” là 1250 tỷ hay 1,25 tỷ'],
      ['2 tỷ 25', 'Chưa rõ “2 tỷ 25”'],
      ['12,5 người', 'Chưa hiểu số tiền này'],
      [{ attachment: pdf() }, 'Mục này cần trả lời bằng chữ'],
      [{ payload: 'skip' }, 'Xin nhập số tiền'],
      [{ payload: 'period:1' }, 'Xin nhập số tiền'],
      ['quay lại', 'Đây đã là mục đầu tiên.'],
    ];
    for (const [message, reason] of badRevenue) {
      const text = h.text(await h.say(u, message));
      expect(text).toContain(reason);
      expect(text).toContain(revenueQuestion);
      expect(text.length).toBeLessThan(600);
    }
    expect((await draftOf(h, memberId))?.values).toEqual({});

    const revenue = await h.say(u, '12,5 tỷ');
    expect(revenue[0]?.text).toBe('Đã ghi doanh thu: 12,5 tỷ đồng (12.500.000.000 đồng).');
    expect(revenue[1]?.text).toContain(field(2, 'Nộp ngân sách nhà nước'));
    expect(payloadsOf(revenue[1])).toEqual(['back']);
    expect(await draftOf(h, memberId)).toMatchObject({ values: { revenue: 12_500_000_000 }, answered: 1, total: 7 });

    // A bare number is in the field's unit, millions.
    expect(h.text(await h.say(u, '800'))).toContain('Đã ghi nộp ngân sách nhà nước: 800 triệu đồng (800.000.000 đồng).');

    for (const [answer, reason] of [
      ['12,5', 'Số lượng phải là số nguyên'],
      ['-3', 'Số lượng không được âm.'],
      ['5 tỷ', 'Chưa hiểu số này'],
      ['600000', 'vượt quá mức tối đa 500.000'],
    ]) {
      const text = h.text(await h.say(u, answer ?? ''));
      expect(text).toContain(reason);
      expect(text).toContain(field(3, 'Số lao động'));
    }
    // Counts are not repeated back: only money is.
    expect((await h.say(u, '120 người'))[0]?.text).toContain(field(4, 'Thu nhập bình quân một người lao động mỗi tháng'));

    // Đồng typed where millions are meant is caught by the field's ceiling, not stored.
    expect(h.text(await h.say(u, '8500000'))).toContain('vượt quá mức tối đa 200 triệu đồng');
    expect(h.text(await h.say(u, '8,5 triệu'))).toContain('8,5 triệu đồng (8.500.000 đồng)');
    expect(h.text(await h.say(u, '0'))).toContain('Đã ghi đóng góp an sinh xã hội, từ thiện: 0 đồng.');

    const difficultiesQuestion = field(6, 'Khó khăn, vướng mắc và kiến nghị');
    expect(h.text(await h.say(u, tenKilobytes))).toContain('quá giới hạn 2000');
    expect(h.text(await h.say(u, ''))).toContain('Anh/Chị vui lòng nhập vài dòng nội dung.');
    const fileAtText = h.text(await h.say(u, { attachment: pdf() }));
    expect(fileAtText).toContain('Mục này cần trả lời bằng chữ; tệp đính kèm được nhận ở mục cuối.');
    expect(fileAtText).toContain(difficultiesQuestion);
    // Text is stored as typed: it is data, never markup or SQL.
    const difficulties = "Thiếu vốn <b>lưu động</b>'); DROP TABLE submissions; --";
    const fileQuestion = await h.say(u, difficulties);
    expect(fileQuestion[0]?.text).toContain(field(7, 'Tệp báo cáo đính kèm (nếu có)'));
    expect(payloadsOf(fileQuestion[0])).toEqual(['skip', 'back']);

    for (const textAtFile of ['đây là tệp', '', '12 tỷ']) {
      expect(h.text(await h.say(u, textAtFile))).toContain('Anh/Chị gửi tệp đính kèm (PDF, Word, Excel hoặc ảnh)');
    }
    const summary = await h.say(u, { attachment: pdf('bc-6-thang.pdf') });
    const summaryText = summary[0]?.text ?? '';
    expect(summaryText).toContain(`Báo cáo 6 tháng đầu năm 2022 — ${name}`);
    expect(summaryText).toContain('1. Doanh thu: 12,5 tỷ đồng (12.500.000.000 đồng)');
    expect(summaryText).toContain('2. Nộp ngân sách nhà nước: 800 triệu đồng (800.000.000 đồng)');
    expect(summaryText).toContain('3. Số lao động: 120');
    expect(summaryText).toContain('5. Đóng góp an sinh xã hội, từ thiện: 0 đồng');
    expect(summaryText).toContain(`6. Khó khăn, vướng mắc và kiến nghị: ${difficulties}`);
    expect(summaryText).toContain('7. Tệp báo cáo đính kèm (nếu có): tệp “bc-6-thang.pdf”');
    expect(payloadsOf(summary[0])).toEqual(summaryChoices);

    for (const bad of ['9', '😀', tenKilobytes, { payload: 'field:1' }, { attachment: pdf() }]) {
      expect(h.text(await h.say(u, bad))).toContain('Anh/Chị chọn một trong các lựa chọn dưới đây (gõ số 1 đến 4).');
    }
    expect(await submissionOf(memberId)).toBeNull();

    const receipt = await h.say(u, '1');
    const code = referenceCode(memberId, 1);
    expect(receipt[0]?.text).toBe(
      `Văn phòng Hiệp hội đã nhận Báo cáo 6 tháng đầu năm 2022 của ${name} lúc 09:00 ngày 01/07/2022 (đúng hạn). ` +
        `Mã tiếp nhận: ${code}. Cảm ơn Quý doanh nghiệp!`,
    );
    expect(payloadsOf(receipt[0])).toEqual(['cmd:report', 'cmd:plan', 'cmd:status']);

    const contact = await contactOf(h, u);
    const submission = await submissionOf(memberId);
    expect(submission).toMatchObject({ currentRevision: 1, onTime: true, firstSubmittedAt: july1st2022, lastSubmittedAt: july1st2022 });
    expect(submission?.revisions).toHaveLength(1);
    const revision = submission?.revisions[0];
    const attachment = revision?.attachments[0];
    expect(revision).toMatchObject({ revision: 1, onTime: true, contactId: contact.id, referenceCode: code, text: difficulties, submittedAt: july1st2022 });
    expect(revision?.values).toEqual({
      revenue: 12_500_000_000,
      budget_contribution: 800_000_000,
      employees: 120,
      average_income: 8_500_000,
      social_contribution: 0,
      difficulties,
      attachment: { attachmentId: attachment?.id, fileName: 'bc-6-thang.pdf' },
    });
    for (const key of ['revenue', 'budget_contribution', 'employees', 'average_income', 'social_contribution']) {
      expect(Number.isInteger((revision?.values as Record<string, unknown>)[key])).toBe(true);
    }
    expect(revision?.attachments).toHaveLength(1);
    expect(attachment).toMatchObject({ memberId, channel: 'webchat', fileName: 'bc-6-thang.pdf', storagePath: 'uploads/2022/07/bc-6-thang.pdf' });
    // Files sent at the steps that take text were refused, not stored.
    expect(await h.prisma.attachment.count({ where: { memberId } })).toBe(1);

    expect(await draftOf(h, memberId)).toBeNull();
    expect(await stateOf(h, u)).toBeNull();
    const audit = await auditOf(h, 'report.submitted', String(memberId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'contact', actorId: String(contact.id), entityType: 'member', details: { revision: 1, referenceCode: code, onTime: true } });
    // The SQL in the text did nothing.
    expect(await h.prisma.submission.count()).toBeGreaterThan(0);
  });

  it('goes back one field at a time when "quay lại" is typed or its button pressed', async () => {
    const u = 'rep-back';
    const { memberId } = await linkedMember(h, u);
    await h.say(u, '/baocao');
    await h.say(u, '12 tỷ');
    await h.say(u, '1 tỷ');
    expect((await h.say(u, { payload: 'back' }))[0]?.text).toContain(field(2, 'Nộp ngân sách nhà nước'));
    expect((await h.say(u, 'Quay lại.'))[0]?.text).toContain(revenueQuestion);
    // The answer replaces the old one, and the form goes on to the first field not answered.
    const next = await h.say(u, '13 tỷ');
    expect(next[1]?.text).toContain(field(3, 'Số lao động'));
    expect((await draftOf(h, memberId))?.values).toEqual({ revenue: 13_000_000_000, budget_contribution: 1_000_000_000 });
    expect((await stateOf(h, u))?.state).toMatchObject({ step: 'field', index: 2, single: false });
  });

  it('changes only the chosen field when "Sửa một mục" is used from the summary', async () => {
    const u = 'rep-fix';
    const { memberId } = await linkedMember(h, u);
    expect(payloadsOf((await fillReport(h, u))[0])).toEqual(summaryChoices);

    const pick = await h.say(u, 'sửa');
    expect(pick[0]?.text).toBe('Anh/Chị muốn sửa mục nào?');
    expect(payloadsOf(pick[0])).toEqual(['field:0', 'field:1', 'field:2', 'field:3', 'field:4', 'field:5', 'field:6']);
    for (const bad of [{ payload: 'field:99' }, { payload: 'field:-1' }, '8', '0', '😀', tenKilobytes]) {
      expect(h.text(await h.say(u, bad))).toContain('Anh/Chị gõ số thứ tự của mục cần sửa.');
    }
    expect(h.text(await h.say(u, '3'))).toContain(field(3, 'Số lao động'));
    expect(h.text(await h.say(u, 'nhiều lắm'))).toContain('Chưa hiểu số này');
    const summary = await h.say(u, '150');
    expect(summary[0]?.text).toContain('3. Số lao động: 150');
    expect((await draftOf(h, memberId))?.values).toEqual({ ...storedReportValues, employees: 150 });

    // Back from a single field returns to the summary without changing it.
    await h.say(u, 'Sửa một mục');
    await h.say(u, { payload: 'field:0' });
    expect((await h.say(u, 'quay lại'))[0]?.text).toContain('1. Doanh thu: 12,5 tỷ đồng');
    expect((await stateOf(h, u))?.state).toMatchObject({ step: 'summary' });
  });

  it('returns to the last field when "Quay lại" is chosen at the summary', async () => {
    const u = 'rep-sum-back';
    await linkedMember(h, u);
    await fillReport(h, u);
    expect(h.text(await h.say(u, 'quay lại'))).toContain(field(7, 'Tệp báo cáo đính kèm (nếu có)'));
    const summary = await h.say(u, { payload: 'skip' });
    expect(summary[0]?.text).toContain('7. Tệp báo cáo đính kèm (nếu có): (không có)');
  });

  it('pauses and keeps the draft when the summary is answered with its fourth choice', async () => {
    const u = 'rep-sum-cancel';
    const { memberId } = await linkedMember(h, u);
    await fillReport(h, u);
    const replies = await h.say(u, '4');
    expect(replies[0]?.text).toBe('Đã dừng nhập báo cáo. Những gì đã nhập được giữ làm bản nháp; gõ /baocao để tiếp tục.');
    expect(await stateOf(h, u)).toBeNull();
    expect(await draftOf(h, memberId)).toMatchObject({ values: storedReportValues, answered: 7 });
    expect(await submissionOf(memberId)).toBeNull();
  });

  it('picks the draft up where it stopped when /baocao follows /huy', async () => {
    const u = 'rep-resume';
    const { memberId } = await linkedMember(h, u);
    await h.say(u, '/baocao');
    await h.say(u, '12 tỷ');
    await h.say(u, '1 tỷ');
    expect(h.text(await h.say(u, '/huy'))).toContain('Những gì đã nhập được giữ làm bản nháp');
    expect(await draftOf(h, memberId)).toMatchObject({ answered: 2 });

    const resume = await h.say(u, '/baocao');
    expect(resume[0]?.text).toBe('Báo cáo 6 tháng đầu năm 2022 đang được nhập dở (còn 5/7 mục). Anh/Chị muốn làm gì?');
    expect(payloadsOf(resume[0])).toEqual(['continue', 'restart']);
    for (const bad of ['😀', '3', { payload: 'submit' }]) {
      expect(h.text(await h.say(u, bad))).toContain('đang được nhập dở');
    }
    expect(h.text(await h.say(u, 'Tiếp tục'))).toContain(field(3, 'Số lao động'));

    await h.say(u, 'hủy');
    await h.say(u, 'bao cao');
    expect(h.text(await h.say(u, 'nhập lại từ đầu'))).toContain(revenueQuestion);
    expect(await draftOf(h, memberId)).toMatchObject({ values: {}, answered: 0 });
  });

  it('marks the report late and says so when it is filed after 00:00 on 10/7/2022', async () => {
    const u = 'rep-late';
    const { memberId, name } = await linkedMember(h, u);
    h.clock.set(new Date('2022-07-10T00:00:00+07:00'));
    const intro = await h.say(u, '/baocao');
    expect(intro[0]?.text).toContain('Hạn đã qua (trước ngày 10/7/2022); báo cáo vẫn được nhận và ghi là nộp muộn.');
    for (const answer of reportAnswers) await h.say(u, answer);
    const receipt = h.text(await h.say(u, 'Gửi báo cáo'));
    expect(receipt).toContain(`của ${name} lúc 00:00 ngày 10/07/2022 (nộp muộn so với hạn trước ngày 10/7/2022)`);
    expect(receipt).toContain(`Mã tiếp nhận: ${referenceCode(memberId, 1)}`);
    const submission = await submissionOf(memberId);
    expect(submission).toMatchObject({ onTime: false, currentRevision: 1 });
    expect(submission?.revisions[0]).toMatchObject({ onTime: false });
    expect((await auditOf(h, 'report.submitted', String(memberId)))[0]?.details).toMatchObject({ onTime: false });
    expect(h.text(await h.say(u, '/trangthai'))).toContain('(trễ hạn)');
  });

  it('counts a report on time when it is filed in the last minute before the deadline', async () => {
    const u = 'rep-last-minute';
    const { memberId } = await linkedMember(h, u);
    h.clock.set(new Date('2022-07-09T23:55:00+07:00'));
    expect(h.text(await h.say(u, '/baocao'))).toContain('(hôm nay là ngày cuối)');
    for (const answer of reportAnswers) await h.say(u, answer);
    // The words of the /baocao command answer the summary from inside the report.
    expect(h.text(await h.say(u, 'Nộp báo cáo'))).toContain('(đúng hạn)');
    expect(await submissionOf(memberId)).toMatchObject({ onTime: true });
  });

  it('says when the next period opens when no period is open', async () => {
    const u = 'rep-closed';
    const { memberId } = await linkedMember(h, u);
    h.clock.set(new Date('2022-04-15T09:00:00+07:00'));
    expect(h.text(await h.say(u, '/baocao'))).toBe(
      'Hiện không có kỳ báo cáo nào đang mở. Kỳ tiếp theo: Báo cáo 6 tháng đầu năm 2022, nhận báo cáo từ ngày 01/06/2022.',
    );
    // Sixty days after the deadline the late window closes too.
    h.clock.set(new Date('2022-09-15T09:00:00+07:00'));
    expect(h.text(await h.say(u, '/baocao'))).toContain('Kỳ tiếp theo: Báo cáo tổng kết năm 2022, nhận báo cáo từ ngày 01/11/2022.');
    // After the last period of the last campaign there is nothing next to name.
    h.clock.set(new Date('2023-03-01T09:00:00+07:00'));
    expect(h.text(await h.say(u, '/baocao'))).toBe('Hiện không có kỳ báo cáo nào đang mở.');
    expect(await h.prisma.submissionDraft.count({ where: { memberId } })).toBe(0);
    expect(await stateOf(h, u)).toBeNull();
  });

  it('refuses to submit when the period closed while the summary was open', async () => {
    const u = 'rep-closing';
    const { memberId } = await linkedMember(h, u);
    const period = await periodByCode(h, '6-thang');
    await fillReport(h, u);
    // The office closes the period (moves it) while the person reads the summary.
    await h.prisma.reportPeriod.update({ where: { id: period.id }, data: { deadlineAt: new Date('2022-01-01T00:00:00+07:00') } });
    try {
      expect(h.text(await h.say(u, '1'))).toContain('Báo cáo 6 tháng đầu năm 2022 đã đóng, không còn nhận báo cáo.');
      expect(await submissionOf(memberId)).toBeNull();
      expect(await draftOf(h, memberId)).not.toBeNull();
    } finally {
      await h.prisma.reportPeriod.update({ where: { id: period.id }, data: { deadlineAt: period.deadlineAt } });
    }
  });

  it('tells the second contact who filed and keeps both revisions when it files a correction', async () => {
    const first = 'rep-two-a';
    const second = 'rep-two-b';
    const { memberId, inviteCode, name } = await linkedMember(h, first);
    await h.say(second, `/start ${inviteCode}`);
    await fillReport(h, first, [...reportAnswers.slice(0, 6)]);
    await h.say(first, { attachment: pdf('ban-dau.pdf') });
    await h.say(first, '1');

    h.clock.advance(2 * 3_600_000);
    const told = await h.say(second, '/baocao');
    expect(told[0]?.text).toBe(
      `Báo cáo 6 tháng đầu năm 2022 của ${name} đã được nộp bởi Người dùng ${first} lúc 09:00 ngày 01/07/2022 ` +
        `(mã ${referenceCode(memberId, 1)}). Anh/Chị có muốn nộp bản sửa không? Bản đã nộp vẫn được lưu lại.`,
    );
    expect(payloadsOf(told[0])).toEqual(['correct', 'stop']);
    expect(h.text(await h.say(second, '😀'))).toContain('đã được nộp');
    expect(h.text(await h.say(second, 'Thôi'))).toContain('Vâng, báo cáo đã nộp được giữ nguyên.');
    expect(await draftOf(h, memberId)).toBeNull();

    await h.say(second, '/baocao');
    const startsFromFiled = h.text(await h.say(second, 'Nộp bản sửa'));
    expect(startsFromFiled).toContain('Đây là báo cáo đã nộp.');
    expect(startsFromFiled).toContain('1. Doanh thu: 12,5 tỷ đồng');
    expect(startsFromFiled).toContain('tệp “ban-dau.pdf”');
    await h.say(second, 'sửa');
    await h.say(second, '1');
    expect(h.text(await h.say(second, '13 tỷ'))).toContain('1. Doanh thu: 13 tỷ đồng');
    const receipt = h.text(await h.say(second, 'gửi'));
    expect(receipt).toContain('Báo cáo 6 tháng đầu năm 2022 (bản sửa lần 1)');
    expect(receipt).toContain('lúc 11:00 ngày 01/07/2022 (đúng hạn)');
    expect(receipt).toContain(`Mã tiếp nhận: ${referenceCode(memberId, 2)}.`);

    const submission = await submissionOf(memberId);
    expect(submission).toMatchObject({ currentRevision: 2, onTime: true, firstSubmittedAt: july1st2022 });
    expect(submission?.lastSubmittedAt).toEqual(new Date('2022-07-01T11:00:00+07:00'));
    const [one, two] = submission?.revisions ?? [];
    const firstContact = await contactOf(h, first);
    const secondContact = await contactOf(h, second);
    expect(one).toMatchObject({ revision: 1, contactId: firstContact.id, referenceCode: referenceCode(memberId, 1) });
    expect(two).toMatchObject({ revision: 2, contactId: secondContact.id, referenceCode: referenceCode(memberId, 2) });
    expect(one?.values).toMatchObject({ ...storedReportValues, attachment: { fileName: 'ban-dau.pdf' } });
    expect(two?.values).toMatchObject({ ...storedReportValues, revenue: 13_000_000_000, attachment: { fileName: 'ban-dau.pdf' } });
    // Each revision lists the file it was filed with; the first keeps its own row.
    expect(one?.attachments).toHaveLength(1);
    expect(two?.attachments).toHaveLength(1);
    expect(two?.attachments[0]?.id).not.toBe(one?.attachments[0]?.id);
    expect(two?.attachments[0]?.storagePath).toBe(one?.attachments[0]?.storagePath);

    const status = h.text(await h.say(first, '/trangthai'));
    expect(status).toContain(`Đã nộp lúc 09:00 ngày 01/07/2022 (đúng hạn); bản sửa lần 1 lúc 11:00 ngày 01/07/2022 bởi Người dùng ${second}.`);
    expect(status).toContain(`Mã tiếp nhận: ${referenceCode(memberId, 2)}.`);
    expect(await auditOf(h, 'report.submitted', String(memberId))).toHaveLength(2);
  });

  it("continues the member's draft when another contact of the same member sends /baocao", async () => {
    const first = 'rep-draft-a';
    const second = 'rep-draft-b';
    const { memberId, inviteCode } = await linkedMember(h, first);
    await sayOn(h, 'telegram', second, { text: `/start ${inviteCode}` });
    await h.say(first, '/baocao');
    await h.say(first, '12 tỷ');
    await h.say(first, '1 tỷ');
    // The first contact just stops answering.

    h.clock.advance(3 * 86_400_000);
    const resume = await sayOn(h, 'telegram', second, { text: '/baocao' });
    expect(resume[0]?.text).toContain('đang được nhập dở (còn 5/7 mục)');
    expect(h.text(await sayOn(h, 'telegram', second, { payload: 'continue' }))).toContain(field(3, 'Số lao động'));
    await sayOn(h, 'telegram', second, { text: '95' });

    const secondContact = await contactOf(h, second, 'telegram');
    expect(await draftOf(h, memberId)).toMatchObject({
      values: { revenue: 12_000_000_000, budget_contribution: 1_000_000_000, employees: 95 },
      answered: 3,
      contactId: secondContact.id,
    });
    expect(await h.prisma.submissionDraft.count({ where: { memberId } })).toBe(1);
  });

  it('asks which period when several are open and accepts only the listed ones', async () => {
    const u = 'rep-periods';
    const { memberId } = await linkedMember(h, u);
    const sixMonths = await periodByCode(h, '6-thang');
    const yearEnd = await periodByCode(h, 'ca-nam');
    const other = await h.prisma.campaign.create({
      data: {
        year: 2021,
        docNumber: '15/KHTĐ-HHDN',
        docDate: new Date('2021-04-01T00:00:00Z'),
        title: 'Kế hoạch phát động thi đua năm 2021',
        overallTheme: 'Thi đua 2021',
        movements: [],
        addressees: [],
        fullText: '…',
        status: 'published',
        reportPeriods: {
          create: [
            {
              code: 'ca-nam',
              ordinal: 2,
              name: 'Báo cáo tổng kết năm 2021',
              covers: 'Năm 2021',
              opensAt: new Date('2021-11-01T00:00:00+07:00'),
              deadlineAt: new Date('2030-01-01T00:00:00+07:00'),
              deadlineText: 'trước ngày 1/1/2030',
              fields: JSON.parse(JSON.stringify(defaultReportFields)),
            },
          ],
        },
      },
      include: { reportPeriods: true },
    });
    await h.prisma.reportPeriod.update({ where: { id: yearEnd.id }, data: { opensAt: new Date('2022-06-01T00:00:00+07:00') } });
    try {
      const ask = await h.say(u, '/baocao');
      expect(ask[0]?.text).toBe('Đang có nhiều kỳ báo cáo mở. Anh/Chị muốn gửi báo cáo nào?');
      expect(payloadsOf(ask[0])).toEqual([`period:${sixMonths.id}`, `period:${yearEnd.id}`]);
      for (const bad of [{ payload: `period:${other.reportPeriods[0]?.id}` }, { payload: 'period:999999' }, '3', '0', '😀', 'Báo cáo tổng kết năm 2021']) {
        expect(h.text(await h.say(u, bad))).toContain('Anh/Chị chọn một kỳ trong danh sách (gõ số thứ tự).');
      }
      expect(h.text(await h.say(u, 'bao cao tong ket nam 2022'))).toContain('Báo cáo tổng kết năm 2022 của');
      expect((await stateOf(h, u))?.state).toMatchObject({ step: 'field', periodId: yearEnd.id, index: 0 });
      expect(await draftOf(h, memberId, 'ca-nam')).not.toBeNull();
      expect(await h.prisma.submissionDraft.count({ where: { periodId: other.reportPeriods[0]?.id } })).toBe(0);
    } finally {
      await h.prisma.reportPeriod.update({ where: { id: yearEnd.id }, data: { opensAt: yearEnd.opensAt } });
      await h.prisma.campaign.delete({ where: { id: other.id } });
    }
  });

  it("never shows or touches another member's report when a contact of member A reports", async () => {
    const a = await linkedMember(h, 'rep-iso-a');
    const b = await linkedMember(h, 'rep-iso-b', { name: 'Công ty Hàng Xóm' });
    await fillReport(h, 'rep-iso-b');
    await h.say('rep-iso-b', '1');

    const status = h.text(await h.say('rep-iso-a', '/trangthai'));
    expect(status).toContain(a.name);
    expect(status).not.toContain('Công ty Hàng Xóm');
    expect(status).toContain('Chưa nộp — còn 9 ngày.');

    const intro = h.text(await h.say('rep-iso-a', '/baocao'));
    expect(intro).toContain(`của ${a.name}`);
    expect(intro).not.toContain('đã được nộp');
    // B's tax code in a money field is an amount far too large, nothing else.
    expect(h.text(await h.say('rep-iso-a', b.taxCode))).toContain('vượt quá mức tối đa');
    for (const payload of [`m:${b.memberId}`, 'field:99', `period:${b.memberId}`, 'correct']) {
      expect(h.text(await h.say('rep-iso-a', { payload }))).toContain(revenueQuestion);
    }
    await fillReport(h, 'rep-iso-a');
    const receipt = h.text(await h.say('rep-iso-a', '1'));
    expect(receipt).toContain(referenceCode(a.memberId, 1));
    expect(receipt).not.toContain('bản sửa');

    expect((await submissionOf(b.memberId))?.revisions).toHaveLength(1);
    expect((await submissionOf(b.memberId))?.revisions[0]?.contactId).toBe((await contactOf(h, 'rep-iso-b')).id);
    expect((await submissionOf(a.memberId))?.revisions[0]?.contactId).toBe((await contactOf(h, 'rep-iso-a')).id);
  });

  it('refuses to report when the contact belongs to a pending member', async () => {
    await h.say('rep-pending', '/start');
    const pendingId = await h.addMember({ name: 'Công ty Đang Chờ', status: 'pending' });
    await h.prisma.contact.update({ where: { id: (await contactOf(h, 'rep-pending')).id }, data: { memberId: pendingId } });
    await h.prisma.conversationState.deleteMany({ where: { contactId: (await contactOf(h, 'rep-pending')).id } });
    const text = h.text(await h.say('rep-pending', '/baocao'));
    expect(text).toBe('Hồ sơ của Công ty Đang Chờ đang chờ Văn phòng Hiệp hội duyệt; sau khi được duyệt Anh/Chị mới gửi được báo cáo.');
    expect(await h.prisma.submissionDraft.count({ where: { memberId: pendingId } })).toBe(0);
    expect(await stateOf(h, 'rep-pending')).toBeNull();
  });

  it('stops the form and keeps the draft when the member is suspended mid-report', async () => {
    const u = 'rep-suspended';
    const { memberId, name } = await linkedMember(h, u);
    await h.say(u, '/baocao');
    await h.say(u, '12 tỷ');
    await h.prisma.member.update({ where: { id: memberId }, data: { status: 'suspended' } });
    expect(h.text(await h.say(u, '1 tỷ'))).toBe(`${name} hiện không thể gửi báo cáo. Anh/Chị vui lòng liên hệ Văn phòng Hiệp hội.`);
    expect(await stateOf(h, u)).toBeNull();
    expect((await draftOf(h, memberId))?.values).toEqual({ revenue: 12_000_000_000 });
  });

  it('skips the file question when the channel cannot carry files', async () => {
    const u = 'rep-zalo-bot';
    const memberId = await h.addMember({ name: 'Công ty Zalo Bot', inviteCode: 'ZB2345AB' });
    await sayOn(h, 'zalo_bot', u, { text: '/start ZB2345AB' });
    await sayOn(h, 'zalo_bot', u, { text: '/baocao' });
    let replies = await sayOn(h, 'zalo_bot', u, { text: reportAnswers[0] });
    for (const answer of reportAnswers.slice(1, 6)) replies = await sayOn(h, 'zalo_bot', u, { text: answer });
    expect(h.text(replies)).toContain('7. Tệp báo cáo đính kèm (nếu có): (không có)');
    expect(h.text(replies)).not.toContain('Mục 7/7');
    expect((await draftOf(h, memberId))?.values).toEqual(storedReportValues);
  });
});
