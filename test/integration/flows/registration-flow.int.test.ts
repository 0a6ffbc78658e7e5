import { type Harness, createHarness } from '../../support/conversation-harness';
import {
  auditOf,
  contactOf,
  linkedMember,
  pdf,
  payloadsOf,
  sayOn,
  stateOf,
  tenKilobytes,
  validTaxCode,
  withWrongCheckDigit,
} from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(60_000);

const greeting = 'Kính chào Quý doanh nghiệp!';
const askTaxCode = 'Anh/Chị vui lòng nhập mã số thuế của doanh nghiệp (10 chữ số)';
const askRosterPhone = 'vui lòng nhập số điện thoại liên hệ mà doanh nghiệp đã đăng ký với Hiệp hội';
const pickYesNo = 'Anh/Chị vui lòng chọn “Đúng” hoặc “Không phải”.';

describe.each(backends)('registration flow on %s', (backend: Backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend);
  });
  afterAll(async () => h.dispose());

  describe('greeting', () => {
    it('greets and asks for the tax code or invite code when /start is the first message', async () => {
      const replies = await h.say('reg-greet-1', '/start');
      expect(replies).toHaveLength(2);
      expect(replies[0]?.text).toContain(greeting);
      expect(replies[1]?.text).toContain(askTaxCode);
      expect(replies[1]?.text).toContain('mã mời');
      expect(payloadsOf(replies[1])).toEqual(['register']);
      // The web chat cannot vouch for a phone, so it is not offered.
      expect(replies[1]?.requestPhone).toBeUndefined();
      const contact = await contactOf(h, 'reg-greet-1');
      expect(contact).toMatchObject({ displayName: 'Người dùng reg-greet-1', memberId: null, role: 'member' });
      expect(await stateOf(h, 'reg-greet-1')).toMatchObject({ flowId: 'registration', version: 1, state: { step: 'identify' } });
    });

    it('greets and asks who they are when the first message is any other text', async () => {
      const replies = await h.say('reg-greet-2', 'Xin chào, cho hỏi thủ tục');
      expect(h.text(replies)).toContain(greeting);
      expect(h.text(replies)).toContain(askTaxCode);
      expect((await stateOf(h, 'reg-greet-2'))?.state).toEqual({ step: 'identify' });
    });

    it('offers the platform phone button when the channel can vouch for a phone', async () => {
      const replies = await sayOn(h, 'telegram', 'reg-greet-tg', { text: '/start' });
      expect(replies[1]?.text).toContain('Chia sẻ số điện thoại');
      expect(replies[1]?.requestPhone).toBe(true);
    });

    it('greets and shows the member it knows when a linked contact sends /start', async () => {
      const { name, memberId } = await linkedMember(h, 'reg-greet-3');
      const replies = await h.say('reg-greet-3', '/start');
      expect(h.text(replies)).toContain(`Tài khoản này đang liên kết với ${name}`);
      expect(payloadsOf(replies[0])).toEqual(['cmd:report', 'cmd:plan', 'cmd:status']);
      expect((await contactOf(h, 'reg-greet-3')).memberId).toBe(memberId);
      expect(await stateOf(h, 'reg-greet-3')).toBeNull();
    });
  });

  describe('tax code', () => {
    it('links after the confirmation and the roster phone when the roster has a phone', async () => {
      const taxCode = validTaxCode(1);
      const memberId = await h.addMember({ name: 'Công ty TNHH An Phát', taxCode, phone: '+84912345678' });
      await h.say('reg-tax-1', '/start');

      const confirm = await h.say('reg-tax-1', taxCode);
      expect(confirm[0]?.text).toBe(`Có phải Anh/Chị thuộc Công ty TNHH An Phát (MST ${taxCode}, Hiệp Hòa)?`);
      expect(payloadsOf(confirm[0])).toEqual(['yes', 'no']);

      expect(h.text(await h.say('reg-tax-1', 'Đúng'))).toContain(askRosterPhone);
      expect((await stateOf(h, 'reg-tax-1'))?.state).toEqual({ step: 'verify-phone', memberId, attempts: 0 });

      // Something that is not a phone does not use up an attempt.
      const notAPhone = h.text(await h.say('reg-tax-1', 'abc'));
      expect(notAPhone).toContain('Số di động gồm 10 chữ số');
      expect(notAPhone).toContain(askRosterPhone);
      expect(h.text(await h.say('reg-tax-1', tenKilobytes))).toContain('Số di động gồm 10 chữ số');
      expect((await stateOf(h, 'reg-tax-1'))?.state).toEqual({ step: 'verify-phone', memberId, attempts: 0 });

      expect(h.text(await h.say('reg-tax-1', '0987 654 321'))).toContain('Số điện thoại chưa khớp với hồ sơ. Anh/Chị thử lại (còn 2 lần).');
      expect((await contactOf(h, 'reg-tax-1')).memberId).toBeNull();

      const linked = await h.say('reg-tax-1', '+84 912 345 678');
      expect(linked[0]?.text).toContain('Tài khoản này đã được liên kết với Công ty TNHH An Phát');
      expect(payloadsOf(linked[0])).toEqual(['cmd:report', 'cmd:plan', 'cmd:status']);

      const contact = await contactOf(h, 'reg-tax-1');
      expect(contact.memberId).toBe(memberId);
      expect(await stateOf(h, 'reg-tax-1')).toBeNull();
      const audit = await auditOf(h, 'contact.linked', String(memberId));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'contact', actorId: String(contact.id), entityType: 'member', details: { how: 'roster phone' } });
    });

    it('links without asking a phone when the roster has none', async () => {
      const taxCode = validTaxCode(2);
      const memberId = await h.addMember({ name: 'HTX Nông sản Lục Ngạn', taxCode });
      await h.say('reg-tax-2', '/start');
      await h.say('reg-tax-2', taxCode);
      // Answered by the button's number.
      expect(h.text(await h.say('reg-tax-2', '1'))).toContain('đã được liên kết với HTX Nông sản Lục Ngạn');
      expect((await contactOf(h, 'reg-tax-2')).memberId).toBe(memberId);
      expect((await auditOf(h, 'contact.linked', String(memberId)))[0]?.details).toEqual({ how: 'tax code' });
    });

    it('accepts "vâng", "đúng rồi" and the payload as yes when confirming the member', async () => {
      for (const [i, yes] of ['vâng', 'Đúng rồi!', 'dung', { payload: 'yes' }].entries()) {
        const user = `reg-yes-${i}`;
        const memberId = await h.addMember({ name: `Công ty Đồng Ý ${i}`, taxCode: validTaxCode(10 + i) });
        await h.say(user, '/start');
        await h.say(user, validTaxCode(10 + i));
        expect(h.text(await h.say(user, yes))).toContain('đã được liên kết');
        expect((await contactOf(h, user)).memberId).toBe(memberId);
      }
    });

    it('answers with the greeting and the confirmation when a tax code is the very first message', async () => {
      const taxCode = validTaxCode(3);
      await h.addMember({ name: 'Công ty CP Bắc Hà', taxCode });
      const replies = await h.say('reg-tax-3', ` ${taxCode.slice(0, 4)}.${taxCode.slice(4)} `);
      expect(replies[0]?.text).toContain(greeting);
      expect(replies[1]?.text).toContain('Có phải Anh/Chị thuộc Công ty CP Bắc Hà');
    });

    it('refuses with a reason and asks again when the identify answer is malformed', async () => {
      await h.say('reg-bad-1', '/start');
      const cases: Array<[Parameters<Harness['say']>[1], string]> = [
        ['', askTaxCode],
        ['   ', askTaxCode],
        ['😀', 'Tôi chưa nhận ra “😀” là mã số thuế hay mã mời.'],
        ['12345', 'Mã số thuế phải gồm 10 chữ số'],
        ['0000000000', 'không hợp lệ'],
        [withWrongCheckDigit(validTaxCode(4)), 'chữ số kiểm tra cuối không khớp'],
        ['<script>alert(1)</script>', 'Tôi chưa nhận ra “<script>alert(1)</script>”'],
        ["'; DROP TABLE members; --", 'Tôi chưa nhận ra'],
        [tenKilobytes, 'Tôi chưa nhận ra “Lorem ipsum'],
        ['ZZZZ9999', 'Tôi chưa nhận ra “ZZZZ9999”'],
        [{ attachment: pdf() }, askTaxCode],
        [{ payload: 'yes' }, askTaxCode],
        [{ payload: 'm:1' }, askTaxCode],
      ];
      for (const [message, expected] of cases) {
        const replies = await h.say('reg-bad-1', message);
        const text = h.text(replies);
        expect(text).toContain(expected);
        expect(text).toContain(askTaxCode);
        // A pasted essay is never echoed back whole.
        expect(text.length).toBeLessThan(600);
      }
      expect(await contactOf(h, 'reg-bad-1')).toMatchObject({ memberId: null });
      expect((await stateOf(h, 'reg-bad-1'))?.state).toEqual({ step: 'identify' });
      expect(await h.prisma.member.count()).toBeGreaterThan(0);
    });

    it('asks again when the confirmation answer is neither yes nor no', async () => {
      const taxCode = validTaxCode(5);
      const memberId = await h.addMember({ name: 'Công ty Hỏi Lại', taxCode });
      await h.say('reg-confirm-1', '/start');
      await h.say('reg-confirm-1', taxCode);
      for (const answer of ['', '😀', '3', 'có lẽ', tenKilobytes, { payload: `m:${memberId}` }, { payload: 'register' }, { attachment: pdf() }]) {
        const text = h.text(await h.say('reg-confirm-1', answer));
        expect(text).toContain(pickYesNo);
        expect(text).toContain('Có phải Anh/Chị thuộc Công ty Hỏi Lại');
      }
      expect((await stateOf(h, 'reg-confirm-1'))?.state).toEqual({ step: 'confirm-member', memberId, phoneMatched: false });
      expect((await contactOf(h, 'reg-confirm-1')).memberId).toBeNull();
    });

    it('goes back to the tax code question when the person says it is not their member', async () => {
      const taxCode = validTaxCode(6);
      await h.addMember({ name: 'Công ty Nhầm Lẫn', taxCode });
      await h.say('reg-confirm-2', '/start');
      await h.say('reg-confirm-2', taxCode);
      const text = h.text(await h.say('reg-confirm-2', 'Không phải'));
      expect(text).toContain('Vâng. Anh/Chị nhập lại mã số thuế giúp.');
      expect(text).toContain(askTaxCode);
      expect((await stateOf(h, 'reg-confirm-2'))?.state).toEqual({ step: 'identify' });
      expect((await contactOf(h, 'reg-confirm-2')).memberId).toBeNull();
    });

    it('stops and logs the attempt when the roster phone is wrong three times', async () => {
      const taxCode = validTaxCode(7);
      const memberId = await h.addMember({ name: 'Công ty Bảo Mật', taxCode, phone: '+84912000777' });
      await h.say('reg-phone-3', '/start');
      await h.say('reg-phone-3', taxCode);
      await h.say('reg-phone-3', 'có');
      expect(h.text(await h.say('reg-phone-3', '0912000001'))).toContain('(còn 2 lần)');
      expect(h.text(await h.say('reg-phone-3', '0912000002'))).toContain('(còn 1 lần)');
      const last = h.text(await h.say('reg-phone-3', '0912000003'));
      expect(last).toContain('Số điện thoại không khớp với hồ sơ của doanh nghiệp');
      expect(last).toContain('mã mời');
      const contact = await contactOf(h, 'reg-phone-3');
      expect(contact.memberId).toBeNull();
      expect(await stateOf(h, 'reg-phone-3')).toBeNull();
      const audit = await auditOf(h, 'registration.phone_mismatch', String(memberId));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: String(contact.id), entityType: 'member' });
      expect(await auditOf(h, 'contact.linked', String(memberId))).toHaveLength(0);
    });

    it('refuses to link when the member is suspended', async () => {
      const taxCode = validTaxCode(8);
      const memberId = await h.addMember({ name: 'Công ty Tạm Ngừng', taxCode });
      await h.prisma.member.update({ where: { id: memberId }, data: { status: 'suspended' } });
      await h.say('reg-susp', '/start');
      expect(h.text(await h.say('reg-susp', taxCode))).toContain('Tư cách hội viên của Công ty Tạm Ngừng đang tạm ngừng');
      expect((await contactOf(h, 'reg-susp')).memberId).toBeNull();
      expect((await stateOf(h, 'reg-susp'))?.state).toEqual({ step: 'identify' });
    });
  });

  describe('invite codes', () => {
    it('links at once when /start carries the member invite code in any case and with dashes', async () => {
      const memberId = await h.addMember({ name: 'Công ty Mã Mời', inviteCode: 'K7M2QX9P' });
      const replies = await h.say('reg-inv-1', '/start k7m2-qx9p');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toContain('đã được liên kết với Công ty Mã Mời');
      expect((await contactOf(h, 'reg-inv-1')).memberId).toBe(memberId);
      expect((await auditOf(h, 'contact.linked', String(memberId)))[0]?.details).toEqual({ how: 'invite code' });
    });

    it('links when the invite code is typed at the identify question', async () => {
      const memberId = await h.addMember({ name: 'Công ty Gõ Mã', inviteCode: 'P3N4R5T6' });
      await h.say('reg-inv-2', '/start');
      expect(h.text(await h.say('reg-inv-2', 'p3n4r5t6'))).toContain('đã được liên kết với Công ty Gõ Mã');
      expect((await contactOf(h, 'reg-inv-2')).memberId).toBe(memberId);
    });

    it('links when the invite code is the very first message', async () => {
      const memberId = await h.addMember({ name: 'Công ty Mã Đầu Tiên', inviteCode: 'W8X9Y2Z3' });
      expect(h.text(await h.say('reg-inv-3', 'W8X9Y2Z3'))).toContain('đã được liên kết với Công ty Mã Đầu Tiên');
      expect((await contactOf(h, 'reg-inv-3')).memberId).toBe(memberId);
    });

    it('says the code is wrong and asks who they are when the invite code is unknown', async () => {
      const replies = await h.say('reg-inv-4', '/start ZZZZ2222');
      expect(replies[0]?.text).toBe('Mã mời không đúng hoặc đã được dùng. Anh/Chị kiểm tra lại giúp.');
      expect(h.text(replies)).toContain(askTaxCode);
      expect((await stateOf(h, 'reg-inv-4'))?.state).toEqual({ step: 'identify' });
      expect((await contactOf(h, 'reg-inv-4')).memberId).toBeNull();
    });

    it('does not link when the invite code belongs to a member still pending', async () => {
      await h.addMember({ name: 'Công ty Chờ Duyệt Mã', inviteCode: 'Q2W3E4R5', status: 'pending' });
      expect(h.text(await h.say('reg-inv-5', '/start Q2W3E4R5'))).toContain('đang chờ Văn phòng Hiệp hội duyệt');
      expect((await contactOf(h, 'reg-inv-5')).memberId).toBeNull();
    });

    it('gives the office role once when a staff invite code is used', async () => {
      const invite = await h.prisma.roleInvite.create({ data: { code: 'VPHH2022', role: 'office' } });
      expect(h.text(await h.say('reg-staff-1', '/start vphh2022'))).toContain('cán bộ Văn phòng Hiệp hội');
      const contact = await contactOf(h, 'reg-staff-1');
      expect(contact).toMatchObject({ role: 'office', memberId: null });
      expect(await h.prisma.roleInvite.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({
        usedAt: h.clock.now(),
        usedByContactId: contact.id,
      });
      expect((await auditOf(h, 'contact.role_granted')).at(-1)).toMatchObject({ actorId: String(contact.id), details: { role: 'office' } });

      // Office staff do not file member reports, and are not asked to register.
      expect(h.text(await h.say('reg-staff-1', '/baocao'))).toContain('Tài khoản của Văn phòng Hiệp hội không nộp báo cáo hội viên.');
      expect(h.text(await h.say('reg-staff-1', '/start'))).toContain('(Văn phòng Hiệp hội)');

      // Used once: a second person gets nothing from it.
      expect(h.text(await h.say('reg-staff-2', '/start VPHH2022'))).toContain('Mã mời không đúng hoặc đã được dùng');
      expect(await contactOf(h, 'reg-staff-2')).toMatchObject({ role: 'member' });
    });

    it('refuses a staff invite code when it has expired', async () => {
      await h.prisma.roleInvite.create({ data: { code: 'VPHETHAN', role: 'office', expiresAt: new Date('2022-06-30T00:00:00+07:00') } });
      expect(h.text(await h.say('reg-staff-3', '/start VPHETHAN'))).toContain('Mã mời không đúng');
      expect(await contactOf(h, 'reg-staff-3')).toMatchObject({ role: 'member' });
    });
  });

  describe('verified phone', () => {
    it('links after one confirmation when the platform shares a verified roster phone', async () => {
      const memberId = await h.addMember({ name: 'Công ty Điện Thoại Xác Thực', phone: '+84987650001' });
      await sayOn(h, 'telegram', 'reg-vp-1', { text: '/start' });
      const confirm = await sayOn(h, 'telegram', 'reg-vp-1', { sharedPhone: { phone: '0987650001', verified: true } });
      expect(confirm[0]?.text).toContain('Có phải Anh/Chị thuộc Công ty Điện Thoại Xác Thực');
      // The verified phone already proves it: no roster phone question.
      expect(h.text(await sayOn(h, 'telegram', 'reg-vp-1', { text: 'đúng' }))).toContain('đã được liên kết');
      expect(await contactOf(h, 'reg-vp-1', 'telegram')).toMatchObject({ memberId, phone: '+84987650001', phoneVerified: true });
      expect((await auditOf(h, 'contact.linked', String(memberId)))[0]?.details).toEqual({ how: 'verified phone' });
    });

    it('does not match the roster when the shared phone is not verified', async () => {
      await h.addMember({ name: 'Công ty Số Chưa Xác Thực', phone: '+84987650002' });
      await sayOn(h, 'telegram', 'reg-vp-2', { text: '/start' });
      const text = h.text(await sayOn(h, 'telegram', 'reg-vp-2', { sharedPhone: { phone: '0987650002', verified: false } }));
      expect(text).toContain('Số điện thoại này chưa có trong danh sách hội viên');
      expect(text).not.toContain('Công ty Số Chưa Xác Thực');
      expect(await contactOf(h, 'reg-vp-2', 'telegram')).toMatchObject({ memberId: null, phoneVerified: false });
    });

    it('explains and asks again when the shared phone is a landline', async () => {
      await sayOn(h, 'telegram', 'reg-vp-3', { text: '/start' });
      const text = h.text(await sayOn(h, 'telegram', 'reg-vp-3', { sharedPhone: { phone: '0204 3855 555', verified: true } }));
      expect(text).toContain('Đây là số cố định');
      expect(text).toContain(askTaxCode);
    });

    it('lets the person pick among the listed members only when the phone is on several', async () => {
      const first = await h.addMember({ name: 'Công ty Chung Số A', phone: '+84987650003' });
      const second = await h.addMember({ name: 'Công ty Chung Số B', phone: '+84987650003' });
      const other = await h.addMember({ name: 'Công ty Người Ngoài', phone: '+84987650099' });
      await sayOn(h, 'telegram', 'reg-vp-4', { text: '/start' });
      const choose = await sayOn(h, 'telegram', 'reg-vp-4', { sharedPhone: { phone: '+84987650003', verified: true } });
      expect(choose[0]?.text).toContain('Số điện thoại này gắn với nhiều hội viên');
      expect(payloadsOf(choose[0])).toEqual([`m:${first}`, `m:${second}`]);

      for (const wrong of [{ payload: `m:${other}` }, { text: '3' }, { text: 'Công ty Người Ngoài' }, { text: '' }]) {
        const again = await sayOn(h, 'telegram', 'reg-vp-4', wrong);
        expect(again[0]?.text).toContain('Anh/Chị thuộc đơn vị nào?');
      }
      expect((await contactOf(h, 'reg-vp-4', 'telegram')).memberId).toBeNull();

      expect(h.text(await sayOn(h, 'telegram', 'reg-vp-4', { text: '2' }))).toContain('đã được liên kết với Công ty Chung Số B');
      expect((await contactOf(h, 'reg-vp-4', 'telegram')).memberId).toBe(second);
    });

    it('links two contacts on two channels to the same member when one uses the invite code and the other a verified phone', async () => {
      const { memberId } = await linkedMember(h, 'reg-two-web', { phone: '+84987650005' });
      await sayOn(h, 'telegram', 'reg-two-tg', { text: '/start' });
      await sayOn(h, 'telegram', 'reg-two-tg', { sharedPhone: { phone: '0987650005', verified: true } });
      await sayOn(h, 'telegram', 'reg-two-tg', { payload: 'yes' });
      expect((await contactOf(h, 'reg-two-web')).memberId).toBe(memberId);
      expect((await contactOf(h, 'reg-two-tg', 'telegram')).memberId).toBe(memberId);
      expect(await h.prisma.contact.count({ where: { memberId } })).toBe(2);
    });
  });

  describe('self-registration', () => {
    it('registers a pending member through the six steps, refusing bad answers at each, when the tax code is not on the roster', async () => {
      const taxCode = validTaxCode(20);
      const hiepHoa = await h.prisma.area.findFirstOrThrow({ where: { code: 'hiep-hoa' } });
      const u = 'reg-self-1';
      await h.say(u, '/start');
      const notFound = await h.say(u, taxCode);
      expect(notFound[0]?.text).toContain(`Mã số thuế ${taxCode} chưa có trong danh sách hội viên`);
      expect(payloadsOf(notFound[0])).toEqual(['register', 'retry']);
      for (const bad of ['😀', '7', { payload: 'yes' }]) {
        expect(h.text(await h.say(u, bad))).toContain('Anh/Chị có muốn đăng ký mới không?');
      }
      expect(h.text(await h.say(u, 'đăng ký'))).toContain('Bước 1: tên đầy đủ của doanh nghiệp');

      expect(h.text(await h.say(u, ''))).toContain('Tên doanh nghiệp cần ít nhất 3 ký tự.');
      expect(h.text(await h.say(u, '😀😀😀'))).toContain('Tên doanh nghiệp cần ít nhất 3 ký tự.');
      expect(h.text(await h.say(u, { attachment: pdf() }))).toContain('Tên doanh nghiệp cần ít nhất 3 ký tự.');
      expect(h.text(await h.say(u, tenKilobytes))).toContain('Tên doanh nghiệp dài quá 200 ký tự');
      const name = "Công ty <b>Hoà Bình</b>'); DROP TABLE members; --";
      // The tax code was typed already: step 2 is skipped.
      expect(h.text(await h.say(u, name))).toContain('Bước 3: doanh nghiệp thuộc huyện, thành phố nào?');

      for (const bad of ['99', 'Hà Nội', { payload: 'area:99999' }, '']) {
        expect(h.text(await h.say(u, bad))).toContain('Tôi chưa nhận ra khu vực này');
      }
      expect(h.text(await h.say(u, 'huyện Hiệp Hoà'))).toContain('Bước 4: loại hội viên?');

      expect(h.text(await h.say(u, '7'))).toContain('gõ 1, 2 hoặc 3');
      expect(h.text(await h.say(u, { payload: 'member:enterprise' }))).toContain('gõ 1, 2 hoặc 3');
      expect(h.text(await h.say(u, 'doanh nghiệp'))).toContain('Bước 5: họ tên người liên hệ?');

      expect(h.text(await h.say(u, ''))).toContain('(2–100 ký tự)');
      expect(h.text(await h.say(u, '12345'))).toContain('(2–100 ký tự)');
      expect(h.text(await h.say(u, tenKilobytes))).toContain('(2–100 ký tự)');
      expect(h.text(await h.say(u, '  Nguyễn   Văn An '))).toContain('Bước 6: số điện thoại di động');

      expect(h.text(await h.say(u, 'abc'))).toContain('Số di động gồm 10 chữ số');
      expect(h.text(await h.say(u, '0204 3855 555'))).toContain('số cố định');
      expect(h.text(await h.say(u, '01662 345 678'))).toContain('Số mới tương ứng là 0362345678');
      const summary = await h.say(u, '0912 000 111');
      const lines = summary[0]?.text ?? '';
      expect(lines).toContain(`• Tên: ${name.normalize('NFC').replace('Hoà', 'Hòa')}`);
      expect(lines).toContain(`• Mã số thuế: ${taxCode}`);
      expect(lines).toContain('• Khu vực: Hiệp Hòa');
      expect(lines).toContain('• Loại hội viên: Doanh nghiệp hội viên');
      expect(lines).toContain('• Người liên hệ: Nguyễn Văn An');
      expect(lines).toContain('• Điện thoại: +84912000111');
      expect(payloadsOf(summary[0])).toEqual(['submit', 'restart']);

      expect(h.text(await h.say(u, 'để tôi xem'))).toContain('Anh/Chị chọn “Gửi đăng ký” hoặc “Nhập lại từ đầu”.');
      expect(await h.prisma.member.count({ where: { taxCode } })).toBe(0);

      expect(h.text(await h.say(u, 'Gửi đăng ký'))).toContain('Đã gửi đăng ký của Công ty <b>Hòa Bình</b>');

      const member = await h.prisma.member.findUniqueOrThrow({ where: { taxCode } });
      expect(member).toMatchObject({
        name: "Công ty <b>Hòa Bình</b>'); DROP TABLE members; --",
        status: 'pending',
        source: 'self_registered',
        areaId: hiepHoa.id,
        type: 'enterprise',
        contactPerson: 'Nguyễn Văn An',
        phone: '+84912000111',
      });
      expect(member.inviteCode).toMatch(/^[2-9A-Z]{8}$/);
      expect((await contactOf(h, u)).memberId).toBe(member.id);
      expect(await stateOf(h, u)).toBeNull();
      expect(await auditOf(h, 'member.self_registered', String(member.id))).toHaveLength(1);
    });

    it('keeps a pending member from submitting when its contact asks to report', async () => {
      const u = 'reg-self-2';
      await h.say(u, '/start');
      await h.say(u, { payload: 'register' });
      await h.say(u, 'Hộ kinh doanh Minh Tâm');
      await h.say(u, validTaxCode(21));
      await h.say(u, '5');
      await h.say(u, '3');
      await h.say(u, 'Trần Thị Tâm');
      await h.say(u, '0912 000 222');
      expect(h.text(await h.say(u, '1'))).toContain('Đã gửi đăng ký của Hộ kinh doanh Minh Tâm');
      const member = await h.prisma.member.findUniqueOrThrow({ where: { taxCode: validTaxCode(21) } });
      expect(member).toMatchObject({ status: 'pending', type: 'collective' });

      expect(h.text(await h.say(u, '/baocao'))).toContain('đang chờ Văn phòng Hiệp hội duyệt; sau khi được duyệt Anh/Chị mới gửi được báo cáo');
      expect(h.text(await h.say(u, 'báo cáo'))).toContain('đang chờ Văn phòng Hiệp hội duyệt');
      expect(h.text(await h.say(u, 'xin chào'))).toContain('đang chờ Văn phòng Hiệp hội duyệt');
      expect(await h.prisma.submissionDraft.count({ where: { memberId: member.id } })).toBe(0);
      expect(await h.prisma.submission.count({ where: { memberId: member.id } })).toBe(0);

      // Somebody else typing the same tax code is told it waits, and is not linked.
      await h.say('reg-self-2b', '/start');
      expect(h.text(await h.say('reg-self-2b', validTaxCode(21)))).toContain('đang chờ Văn phòng Hiệp hội duyệt');
      expect((await contactOf(h, 'reg-self-2b')).memberId).toBeNull();
    });

    it('turns to the confirmation when the tax code typed at step 2 is on the roster', async () => {
      const taxCode = validTaxCode(22);
      const memberId = await h.addMember({ name: 'Công ty Đã Có', taxCode });
      const u = 'reg-self-3';
      await h.say(u, '/start');
      expect(h.text(await h.say(u, 'Đăng ký mới'))).toContain('Bước 1');
      expect(h.text(await h.say(u, 'Công ty Đã Có'))).toContain('Bước 2: mã số thuế');
      expect(h.text(await h.say(u, '12345'))).toContain('Mã số thuế phải gồm 10 chữ số');
      expect(h.text(await h.say(u, withWrongCheckDigit(taxCode)))).toContain('chữ số kiểm tra cuối không khớp');
      const text = h.text(await h.say(u, taxCode));
      expect(text).toContain(`Mã số thuế ${taxCode} đã có trong danh sách hội viên.`);
      expect(text).toContain('Có phải Anh/Chị thuộc Công ty Đã Có');
      expect((await stateOf(h, u))?.state).toEqual({ step: 'confirm-member', memberId, phoneMatched: false });
      expect(await h.prisma.member.count({ where: { taxCode } })).toBe(1);
    });

    it('starts over with nothing kept when "Nhập lại từ đầu" is chosen at the summary', async () => {
      const u = 'reg-self-4';
      await h.say(u, '/start');
      await h.say(u, validTaxCode(23));
      await h.say(u, '1');
      await h.say(u, 'Công ty Làm Lại');
      await h.say(u, '1');
      await h.say(u, '1');
      await h.say(u, 'Lê Văn Lại');
      await h.say(u, '0912000333');
      expect(h.text(await h.say(u, 'nhập lại'))).toContain('Bước 1: tên đầy đủ');
      expect((await stateOf(h, u))?.state).toEqual({ step: 'self', field: 'name', data: {} });
      expect(await h.prisma.member.count({ where: { taxCode: validTaxCode(23) } })).toBe(0);
    });
  });

  describe('leaving and isolation', () => {
    it('ends the registration when /huy is sent in the middle of it', async () => {
      await h.say('reg-huy', '/start');
      await h.say('reg-huy', validTaxCode(30));
      expect(h.text(await h.say('reg-huy', '/huy'))).toContain('Đã dừng đăng ký. Gõ /start khi Anh/Chị muốn làm lại.');
      expect(await stateOf(h, 'reg-huy')).toBeNull();
    });

    it('keeps the registration under way when /baocao is sent before linking', async () => {
      const taxCode = validTaxCode(31);
      const memberId = await h.addMember({ name: 'Công ty Vội Báo Cáo', taxCode });
      await h.say('reg-early', '/start');
      await h.say('reg-early', taxCode);
      const text = h.text(await h.say('reg-early', '/baocao'));
      expect(text).toContain('Anh/Chị cần đăng ký doanh nghiệp trước khi gửi báo cáo.');
      expect(text).toContain('Có phải Anh/Chị thuộc Công ty Vội Báo Cáo');
      expect((await stateOf(h, 'reg-early'))?.state).toEqual({ step: 'confirm-member', memberId, phoneMatched: false });
      expect(h.text(await h.say('reg-early', 'có'))).toContain('đã được liên kết');
    });

    it("never reaches another member when a linked contact types that member's tax code or id", async () => {
      const a = await linkedMember(h, 'reg-iso-a');
      const bTaxCode = validTaxCode(32);
      const b = await h.addMember({ name: 'Công ty Bên Kia', taxCode: bTaxCode });
      for (const message of [bTaxCode, { payload: `m:${b}` }, { payload: 'yes' }, `/start ${bTaxCode}`, { sharedPhone: { phone: '0912000444', verified: false } }]) {
        const text = h.text(await h.say('reg-iso-a', message));
        expect(text).not.toContain('Công ty Bên Kia');
        expect(text.length).toBeGreaterThan(0);
      }
      expect((await contactOf(h, 'reg-iso-a')).memberId).toBe(a.memberId);
      expect(h.text(await h.say('reg-iso-a', '/trangthai'))).toContain(a.name);
      expect(await auditOf(h, 'contact.linked', String(b))).toHaveLength(0);
    });
  });
});
