import { type Harness, createHarness, july1st2022 } from '../../support/conversation-harness';
import {
  contactOf,
  draftOf,
  fillReport,
  linkedMember,
  pdf,
  payloadsOf,
  stateOf,
  tenKilobytes,
  validTaxCode,
} from '../../support/flow-helpers';
import { Prisma } from '../../../src/db/generated/client';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(60_000);

const IDLE_MINUTES = 30;
const menu = ['cmd:report', 'cmd:plan', 'cmd:status'];
const planTitle = 'KẾ HOẠCH PHÁT ĐỘNG THI ĐUA NĂM 2022';
const statusTitle = 'Tình hình báo cáo năm 2022 của';
const helpTitle = 'Tôi là trợ lý của Hiệp hội doanh nghiệp.';
const field3 = 'Mục 3/7: Số lao động?';
const restarted = 'Hệ thống vừa được cập nhật nên cuộc trò chuyện trước đã kết thúc. Xin Anh/Chị bắt đầu lại.';

describe.each(backends)('commands and interruptions on %s', (backend: Backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend, { idleMinutes: IDLE_MINUTES });
  });
  afterAll(async () => h.dispose());
  afterEach(() => h.clock.set(july1st2022));

  /** A linked contact two answers into the report, at the third field. */
  async function midReport(user: string) {
    const member = await linkedMember(h, user);
    await h.say(user, '/baocao');
    await h.say(user, '12 tỷ');
    await h.say(user, '1 tỷ');
    return member;
  }

  describe('/kehoach', () => {
    it('shows the campaign, its phases with the current one marked, movements and report deadlines when /kehoach is sent', async () => {
      const replies = await h.say('cmd-plan-1', '/kehoach');
      expect(replies).toHaveLength(1);
      const text = replies[0]?.text ?? '';
      expect(text).toContain(planTitle);
      expect(text).toContain('Số 20/KHTĐ-HHDN, Bắc Giang, ngày 21/04/2022');
      expect(text).toContain('Chủ đề chung: “Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ chính trị năm 2022”');
      expect(text).toContain('• Đợt thứ nhất (01/01/2022 – 30/06/2022): Thi đua lập thành tích');
      expect(text).toContain('• Đợt thứ hai (01/07/2022 – 31/12/2022) — đang diễn ra: Thi đua thực hiện thắng lợi');
      expect(text.match(/đang diễn ra/g)).toHaveLength(1);
      expect(text).toContain('• Doanh nghiệp Bắc Giang hội nhập và phát triển');
      expect(text).toContain('• Xây dựng môi trường Xanh – Sạch – Đẹp');
      expect(text).toContain('• Báo cáo 6 tháng đầu năm 2022: trước ngày 10/7/2022. Nội dung: Kết quả hoạt động sản xuất kinh doanh 6 tháng đầu năm 2022');
      expect(text).toContain('• Báo cáo tổng kết năm 2022: trước ngày 10/12/2022.');
      expect(replies[0]?.link).toEqual({ url: 'http://localhost:3000/ke-hoach/2022', label: 'Xem toàn văn kế hoạch' });
      // Looking at the plan starts nothing.
      expect(await stateOf(h, 'cmd-plan-1')).toBeNull();
    });

    it('marks the first phase when the date falls in it', async () => {
      h.clock.set(new Date('2022-03-02T09:00:00+07:00'));
      const text = h.text(await h.say('cmd-plan-2', 'kế hoạch'));
      expect(text).toContain('• Đợt thứ nhất (01/01/2022 – 30/06/2022) — đang diễn ra:');
      expect(text).not.toContain('31/12/2022) — đang diễn ra');
    });
  });

  describe('/trangthai', () => {
    it('lists each period with the days left and what opens later when nothing was filed', async () => {
      const { name } = await linkedMember(h, 'cmd-status-1');
      const replies = await h.say('cmd-status-1', '/trangthai');
      expect(replies[0]?.text).toBe(
        [
          `${statusTitle} ${name}:`,
          '',
          'Báo cáo 6 tháng đầu năm 2022 (trước ngày 10/7/2022)',
          '  Chưa nộp — còn 9 ngày.',
          '',
          'Báo cáo tổng kết năm 2022 (trước ngày 10/12/2022)',
          '  Chưa mở — nhận báo cáo từ ngày 01/11/2022.',
        ].join('\n'),
      );
      expect(payloadsOf(replies[0])).toEqual(menu);
    });

    it('shows a draft in progress or complete but not sent when the report was left unfinished', async () => {
      await midReport('cmd-status-2');
      expect(h.text(await h.say('cmd-status-2', '/huy'))).toContain('bản nháp');
      expect(h.text(await h.say('cmd-status-2', 'trạng thái'))).toContain('Chưa nộp — còn 9 ngày. Đang nhập dở: còn 5/7 mục.');

      await linkedMember(h, 'cmd-status-3');
      await fillReport(h, 'cmd-status-3');
      await h.say('cmd-status-3', '/huy');
      expect(h.text(await h.say('cmd-status-3', '/trangthai'))).toContain('Đã nhập đủ các mục nhưng chưa gửi: gõ /baocao rồi chọn “Gửi báo cáo”.');
    });

    it('counts the last day, the days overdue and the closing when the calendar moves past the deadline', async () => {
      await linkedMember(h, 'cmd-status-4');
      h.clock.set(new Date('2022-07-09T20:00:00+07:00'));
      expect(h.text(await h.say('cmd-status-4', '/trangthai'))).toContain('Chưa nộp — hôm nay là ngày cuối.');
      // Due "before 10/7": on 10/7 the report is one day late, on 12/7 three.
      h.clock.set(new Date('2022-07-10T09:00:00+07:00'));
      expect(h.text(await h.say('cmd-status-4', '/trangthai'))).toContain('Chưa nộp — đã quá hạn 1 ngày, vẫn nhận báo cáo muộn.');
      h.clock.set(new Date('2022-07-12T09:00:00+07:00'));
      expect(h.text(await h.say('cmd-status-4', '/trangthai'))).toContain('Chưa nộp — đã quá hạn 3 ngày, vẫn nhận báo cáo muộn.');
      h.clock.set(new Date('2022-09-15T09:00:00+07:00'));
      expect(h.text(await h.say('cmd-status-4', '/trangthai'))).toContain('Chưa nộp — kỳ báo cáo đã đóng.');
    });

    it('shows what was filed, when and by whom when the report was submitted', async () => {
      const { memberId } = await linkedMember(h, 'cmd-status-5');
      await fillReport(h, 'cmd-status-5');
      await h.say('cmd-status-5', '1');
      expect(h.text(await h.say('cmd-status-5', '/trangthai'))).toContain(
        `Đã nộp lúc 09:00 ngày 01/07/2022 (đúng hạn) bởi Người dùng cmd-status-5. Mã tiếp nhận: BC-2022-1-${String(memberId).padStart(5, '0')}-1.`,
      );
    });

    it('asks to register first when the contact is not linked', async () => {
      expect(h.text(await h.say('cmd-status-6', '/trangthai'))).toBe('Anh/Chị chưa liên kết với doanh nghiệp nào. Gõ /start để đăng ký.');
    });
  });

  describe('/trogiup and unknown messages', () => {
    it('lists the commands with the menu when the contact is linked', async () => {
      await linkedMember(h, 'cmd-help-1');
      const replies = await h.say('cmd-help-1', '/trogiup');
      const text = replies[0]?.text ?? '';
      expect(text).toContain(helpTitle);
      for (const command of ['/baocao', '/trangthai', '/kehoach', '/huy', '/start']) expect(text).toContain(command);
      expect(text).not.toContain('Anh/Chị chưa đăng ký');
      expect(payloadsOf(replies[0])).toEqual(menu);
    });

    it('adds how to register and no menu when the contact is not linked', async () => {
      const replies = await h.say('cmd-help-2', 'trợ giúp');
      expect(replies[0]?.text).toContain('Anh/Chị chưa đăng ký: gõ /start rồi nhập mã số thuế của doanh nghiệp.');
      expect(replies[0]?.choices).toBeUndefined();
    });

    it('answers briefly with the menu and never stays silent when a linked contact sends anything else', async () => {
      await linkedMember(h, 'cmd-unknown');
      const cases: Array<[Parameters<Harness['say']>[1], string]> = [
        ['xin chào', 'Xin lỗi, tôi chưa hiểu “xin chào”.'],
        ['', 'Xin lỗi, tôi chưa hiểu tin nhắn này.'],
        ['😀', 'Xin lỗi, tôi chưa hiểu “😀”.'],
        [tenKilobytes, `Xin lỗi, tôi chưa hiểu “${tenKilobytes.slice(0, 60)}”.`],
        ['<script>alert(1)</script>', 'Xin lỗi, tôi chưa hiểu “<script>alert(1)</script>”.'],
        ["'; DROP TABLE contacts; --", 'Xin lỗi, tôi chưa hiểu'],
        ['/lenhla', 'Xin lỗi, tôi chưa hiểu “/lenhla”.'],
        ['12 tỷ', 'Xin lỗi, tôi chưa hiểu “12 tỷ”.'],
        [{ payload: 'yes' }, 'Xin lỗi, tôi chưa hiểu tin nhắn này.'],
        [{ payload: 'field:99' }, 'Xin lỗi, tôi chưa hiểu tin nhắn này.'],
        [{ sharedPhone: { phone: '0912345678', verified: true } }, 'Xin lỗi, tôi chưa hiểu tin nhắn này.'],
        [{ attachment: pdf() }, 'tệp chỉ được lưu khi kèm báo cáo'],
      ];
      for (const [message, expected] of cases) {
        const replies = await h.say('cmd-unknown', message);
        expect(replies).toHaveLength(1);
        expect(replies[0]?.text).toContain(expected);
        expect(replies[0]?.text.length).toBeLessThan(300);
        expect(payloadsOf(replies[0])).toEqual(menu);
      }
      expect(await h.prisma.contact.count()).toBeGreaterThan(0);
      expect(await stateOf(h, 'cmd-unknown')).toBeNull();
    });

    it('says there is nothing to stop when /huy comes outside any form', async () => {
      await linkedMember(h, 'cmd-huy');
      const replies = await h.say('cmd-huy', '/huy');
      expect(replies[0]?.text).toBe('Hiện không có việc gì đang làm dở.');
      expect(payloadsOf(replies[0])).toEqual(menu);
    });

    it('understands the commands when typed with or without diacritics, in any case, or pressed as menu buttons', async () => {
      await linkedMember(h, 'cmd-words');
      const cases: Array<[Parameters<Harness['say']>[1], string]> = [
        ['/kehoach', planTitle],
        ['/KeHoach@HiepHoiBot', planTitle],
        ['ke hoach', planTitle],
        ['XEM KẾ HOẠCH', planTitle],
        [{ payload: 'cmd:plan' }, planTitle],
        ['/trangthai', statusTitle],
        ['trang thai', statusTitle],
        ['Trạng thái?', statusTitle],
        ['Xem trạng thái', statusTitle],
        [{ payload: 'cmd:status' }, statusTitle],
        ['/trogiup', helpTitle],
        ['tro giup', helpTitle],
        ['Hướng dẫn', helpTitle],
        ['help', helpTitle],
        [{ payload: 'cmd:help' }, helpTitle],
        ['Huỷ', 'Hiện không có việc gì đang làm dở.'],
        ['dừng lại', 'Hiện không có việc gì đang làm dở.'],
        [{ payload: 'cmd:cancel' }, 'Hiện không có việc gì đang làm dở.'],
      ];
      for (const [message, expected] of cases) {
        expect(h.text(await h.say('cmd-words', message))).toContain(expected);
      }
      // The first starts the report; the others find its draft and offer to go on.
      for (const report of ['Báo Cáo', 'bao cao', 'gửi báo cáo!', 'NOP BAO CAO', { payload: 'cmd:report' }]) {
        expect(h.text(await h.say('cmd-words', report))).toContain('Báo cáo 6 tháng đầu năm 2022');
        expect((await stateOf(h, 'cmd-words'))?.flowId).toBe('report');
        await h.say('cmd-words', 'hủy');
      }
      // A sentence that merely mentions a report is not the command.
      expect(h.text(await h.say('cmd-words', 'tôi muốn hỏi về báo cáo'))).toContain('Xin lỗi, tôi chưa hiểu');
    });
  });

  describe('interruptions', () => {
    it('answers and asks the current question again when /kehoach, /trangthai or /trogiup comes mid-report', async () => {
      const { memberId } = await midReport('cmd-int-1');
      const before = await stateOf(h, 'cmd-int-1');
      for (const [command, expected] of [
        ['/kehoach', planTitle],
        ['/trangthai', 'Đang nhập dở: còn 5/7 mục.'],
        ['/trogiup', helpTitle],
        [{ payload: 'cmd:plan' }, planTitle],
      ] as const) {
        const replies = await h.say('cmd-int-1', command);
        expect(replies).toHaveLength(2);
        expect(replies[0]?.text).toContain(expected);
        expect(replies[1]?.text).toContain(field3);
      }
      expect((await stateOf(h, 'cmd-int-1'))?.state).toEqual(before?.state);
      // /baocao inside the report asks the question again instead of starting over.
      const again = await h.say('cmd-int-1', '/baocao');
      expect(again).toHaveLength(1);
      expect(again[0]?.text).toContain(field3);
      expect(h.text(await h.say('cmd-int-1', '150'))).toContain('Mục 4/7');
      expect((await draftOf(h, memberId))?.values).toEqual({ revenue: 12_000_000_000, budget_contribution: 1_000_000_000, employees: 150 });
    });

    it('leaves the report and keeps the draft when /start comes mid-report', async () => {
      const { memberId, name } = await midReport('cmd-int-2');
      expect(h.text(await h.say('cmd-int-2', '/start'))).toContain(`Tài khoản này đang liên kết với ${name}`);
      expect(await stateOf(h, 'cmd-int-2')).toBeNull();
      expect(await draftOf(h, memberId)).toMatchObject({ answered: 2 });
    });

    it('asks the question again in the middle of a registration when /kehoach comes', async () => {
      const taxCode = validTaxCode(40);
      await h.addMember({ name: 'Công ty Xem Kế Hoạch', taxCode });
      await h.say('cmd-int-3', '/start');
      await h.say('cmd-int-3', taxCode);
      const replies = await h.say('cmd-int-3', '/kehoach');
      expect(replies[0]?.text).toContain(planTitle);
      expect(replies[1]?.text).toContain('Có phải Anh/Chị thuộc Công ty Xem Kế Hoạch');
      expect(h.text(await h.say('cmd-int-3', 'có'))).toContain('đã được liên kết');
    });
  });

  describe('promptAfterInterruption', () => {
    it('returns the current question and changes nothing when a report is under way', async () => {
      await midReport('cmd-pai-1');
      const before = await stateOf(h, 'cmd-pai-1');
      const contactBefore = await contactOf(h, 'cmd-pai-1');
      h.clock.advance(5 * 60_000);
      const replies = await h.engine.promptAfterInterruption('webchat', 'cmd-pai-1');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toContain(field3);
      expect(payloadsOf(replies[0])).toEqual(['back']);
      const after = await stateOf(h, 'cmd-pai-1');
      expect(after?.activeAt).toEqual(before?.activeAt);
      expect(after?.state).toEqual(before?.state);
      // A notice is not the person writing: no interaction is recorded.
      expect((await contactOf(h, 'cmd-pai-1')).lastInteractionAt).toEqual(contactBefore.lastInteractionAt);
    });

    it('returns the summary again when the report waits at its summary', async () => {
      await linkedMember(h, 'cmd-pai-2');
      await fillReport(h, 'cmd-pai-2');
      const replies = await h.engine.promptAfterInterruption('webchat', 'cmd-pai-2');
      expect(replies[0]?.text).toContain('Anh/Chị kiểm tra lại rồi chọn:');
      expect(payloadsOf(replies[0])).toEqual(['submit', 'fix', 'back', 'cmd:cancel']);
    });

    it('returns the registration question when a registration is under way', async () => {
      await h.say('cmd-pai-3', '/start');
      const replies = await h.engine.promptAfterInterruption('webchat', 'cmd-pai-3');
      expect(replies[0]?.text).toContain('Anh/Chị vui lòng nhập mã số thuế của doanh nghiệp');
    });

    it('returns nothing when the contact is idle, unknown or gone quiet too long', async () => {
      await linkedMember(h, 'cmd-pai-4');
      expect(await h.engine.promptAfterInterruption('webchat', 'cmd-pai-4')).toEqual([]);

      expect(await h.engine.promptAfterInterruption('telegram', 'cmd-pai-nobody')).toEqual([]);
      expect(await h.prisma.contact.count({ where: { platformUserId: 'cmd-pai-nobody' } })).toBe(0);

      await midReport('cmd-pai-5');
      h.clock.advance((IDLE_MINUTES + 1) * 60_000);
      expect(await h.engine.promptAfterInterruption('webchat', 'cmd-pai-5')).toEqual([]);
    });

    it('leaves a contact who blocked the bot blocked when the prompt follows a notice', async () => {
      await midReport('cmd-pai-6');
      const contact = await contactOf(h, 'cmd-pai-6');
      await h.prisma.contact.update({ where: { id: contact.id }, data: { status: 'blocked', statusReason: 'blocked the bot' } });
      expect(h.text(await h.engine.promptAfterInterruption('webchat', 'cmd-pai-6'))).toContain(field3);
      expect(await contactOf(h, 'cmd-pai-6')).toMatchObject({ status: 'blocked', statusReason: 'blocked the bot' });
    });
  });

  describe('idle forms', () => {
    it('ends the report politely and keeps the draft when the next answer comes after idleMinutes', async () => {
      const { memberId } = await midReport('cmd-idle-1');
      h.clock.advance((IDLE_MINUTES + 1) * 60_000);
      const replies = await h.say('cmd-idle-1', '120');
      expect(replies[0]?.text).toBe(
        'Phiên nhập báo cáo trước đã tạm dừng vì lâu không có trả lời; những gì đã nhập vẫn được lưu. Gõ /baocao để tiếp tục.',
      );
      expect(replies[1]?.text).toContain('Xin lỗi, tôi chưa hiểu “120”');
      expect(await stateOf(h, 'cmd-idle-1')).toBeNull();
      expect(await draftOf(h, memberId)).toMatchObject({ values: { revenue: 12_000_000_000, budget_contribution: 1_000_000_000 }, answered: 2 });
      expect(h.text(await h.say('cmd-idle-1', '/baocao'))).toContain('đang được nhập dở (còn 5/7 mục)');
    });

    it('goes on with the report when the answer comes just before idleMinutes', async () => {
      const { memberId } = await midReport('cmd-idle-2');
      h.clock.advance((IDLE_MINUTES - 1) * 60_000);
      expect(h.text(await h.say('cmd-idle-2', '120'))).toContain('Mục 4/7');
      // Each answer restarts the wait.
      h.clock.advance((IDLE_MINUTES - 1) * 60_000);
      expect(h.text(await h.say('cmd-idle-2', '8 triệu'))).toContain('Mục 5/7');
      expect((await draftOf(h, memberId))?.answered).toBe(4);
    });

    it('ends a registration politely and handles the message afresh when it comes after idleMinutes', async () => {
      const taxCode = validTaxCode(41);
      await h.addMember({ name: 'Công ty Quay Lại Sau', taxCode });
      await h.say('cmd-idle-3', '/start');
      h.clock.advance((IDLE_MINUTES + 1) * 60_000);
      const replies = await h.say('cmd-idle-3', taxCode);
      expect(replies[0]?.text).toBe('Phiên đăng ký trước đã tạm dừng vì lâu không có trả lời.');
      expect(replies[1]?.text).toContain('Có phải Anh/Chị thuộc Công ty Quay Lại Sau');
      expect((await stateOf(h, 'cmd-idle-3'))?.state).toMatchObject({ step: 'confirm-member' });
    });
  });

  describe('redelivered updates', () => {
    it('has its effect once when the same update id comes twice mid-report', async () => {
      const { memberId } = await midReport('cmd-dup-1');
      const first = await h.say('cmd-dup-1', '120', 'tg-1001');
      expect(h.text(first)).toContain('Mục 4/7');
      const stateAfterFirst = await stateOf(h, 'cmd-dup-1');
      expect(await h.say('cmd-dup-1', '150', 'tg-1001')).toEqual([]);
      expect((await draftOf(h, memberId))?.values).toMatchObject({ employees: 120 });
      expect(await stateOf(h, 'cmd-dup-1')).toEqual(stateAfterFirst);
      expect(await h.prisma.processedUpdate.count({ where: { channel: 'webchat', updateId: 'tg-1001' } })).toBe(1);
    });

    it('files one revision when the submit update is delivered twice', async () => {
      const { memberId } = await linkedMember(h, 'cmd-dup-2');
      await fillReport(h, 'cmd-dup-2');
      expect(h.text(await h.say('cmd-dup-2', '1', 'submit-77'))).toContain('Mã tiếp nhận');
      expect(await h.say('cmd-dup-2', '1', 'submit-77')).toEqual([]);
      expect(await h.prisma.submissionRevision.count({ where: { submission: { memberId } } })).toBe(1);
    });

    it('links once and creates one contact when the first message is delivered twice', async () => {
      const memberId = await h.addMember({ name: 'Công ty Gửi Hai Lần', inviteCode: 'D2U3P4L5' });
      expect(h.text(await h.say('cmd-dup-3', '/start D2U3P4L5', 'first-1'))).toContain('đã được liên kết');
      expect(await h.say('cmd-dup-3', '/start D2U3P4L5', 'first-1')).toEqual([]);
      expect(await h.prisma.contact.count({ where: { platformUserId: 'cmd-dup-3' } })).toBe(1);
      expect(await h.prisma.auditLog.count({ where: { action: 'contact.linked', entityId: String(memberId) } })).toBe(1);
    });

    it('handles the same update id again when it comes from another channel', async () => {
      await h.say('cmd-dup-4', '/trogiup', 'shared-id-5');
      const other = await h.engine.handle({ channel: 'telegram', platformUserId: 'cmd-dup-4', updateId: 'shared-id-5', text: '/trogiup' });
      expect(h.text(other)).toContain(helpTitle);
    });
  });

  describe('stored state of another version or shape', () => {
    async function writeState(user: string, row: { flowId: string; version: number; state: unknown }) {
      const contact = await contactOf(h, user);
      // A JSON null has to be spelled out to Prisma.
      const state = row.state === null ? Prisma.JsonNull : (row.state as Prisma.InputJsonValue);
      const data = { flowId: row.flowId, version: row.version, state, activeAt: h.clock.now() };
      await h.prisma.conversationState.upsert({ where: { contactId: contact.id }, create: { contactId: contact.id, ...data }, update: data });
    }

    it('restarts politely, without crashing, when the stored state is junk', async () => {
      await linkedMember(h, 'cmd-junk-1');
      const junk = [
        { flowId: 'report', version: 1, state: { step: 'field', periodId: 'x', index: -4 } },
        { flowId: 'report', version: 99, state: { step: 'summary', periodId: 1 } },
        { flowId: 'report', version: 1, state: { step: 'no-such-step' } },
        { flowId: 'registration', version: 1, state: [1, 2, 3] },
        { flowId: 'registration', version: 1, state: 'identify' },
        { flowId: 'survey', version: 1, state: {} },
      ];
      for (const row of junk) {
        await writeState('cmd-junk-1', row);
        expect(await h.engine.promptAfterInterruption('webchat', 'cmd-junk-1')).toEqual([]);
        const replies = await h.say('cmd-junk-1', 'xin chào');
        expect(replies[0]?.text).toBe(restarted);
        expect(replies[1]?.text).toContain('Xin lỗi, tôi chưa hiểu “xin chào”');
        expect(await stateOf(h, 'cmd-junk-1')).toBeNull();
      }
    });

    it('drops the junk and starts the command when a command follows junk state', async () => {
      await linkedMember(h, 'cmd-junk-2');
      await writeState('cmd-junk-2', { flowId: 'report', version: 1, state: null });
      const replies = await h.say('cmd-junk-2', '/baocao');
      expect(replies[0]?.text).toBe(restarted);
      expect(h.text(replies)).toContain('Mục 1/7: Doanh thu?');
      expect(await stateOf(h, 'cmd-junk-2')).toMatchObject({ flowId: 'report', version: 1, state: { step: 'field', index: 0 } });
    });

    it('restarts and greets again when a contact not yet linked has junk state', async () => {
      await h.say('cmd-junk-3', '/start');
      await writeState('cmd-junk-3', { flowId: 'registration', version: 0, state: { step: 'identify' } });
      const text = h.text(await h.say('cmd-junk-3', 'alo'));
      expect(text).toContain(restarted);
      expect(text).toContain('Anh/Chị vui lòng nhập mã số thuế của doanh nghiệp');
      expect(await stateOf(h, 'cmd-junk-3')).toMatchObject({ flowId: 'registration', state: { step: 'identify' } });
    });

    it('ends the report politely when the stored state names a period that no longer exists', async () => {
      await linkedMember(h, 'cmd-junk-4');
      await writeState('cmd-junk-4', { flowId: 'report', version: 1, state: { step: 'summary', periodId: 999_999 } });
      expect(h.text(await h.engine.promptAfterInterruption('webchat', 'cmd-junk-4'))).toContain('Kỳ báo cáo này không còn nữa');
      expect(h.text(await h.say('cmd-junk-4', '1'))).toBe('Kỳ báo cáo này không còn nữa. Anh/Chị gõ /baocao để bắt đầu lại.');
      expect(await stateOf(h, 'cmd-junk-4')).toBeNull();
    });
  });
});
