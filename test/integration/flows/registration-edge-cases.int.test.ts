import { createHarness, type Harness } from '../../support/conversation-harness';
import { contactOf, stateOf, validTaxCode } from '../../support/flow-helpers';

jest.setTimeout(60_000);

describe('registration edge cases', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite');
    await h.addMember({ name: 'Công ty TNHH Cơ khí Việt Yên', taxCode: validTaxCode(901), phone: '+84912000111' });
  });
  afterAll(async () => h.dispose());

  it('says a typed mobile number is not a tax code instead of a check-digit error', async () => {
    await h.say('p1', '/start');
    const text = h.text(await h.say('p1', '0912 000 111'));
    expect(text).toContain('Có vẻ đây là số điện thoại');
    expect(text).not.toContain('chữ số kiểm tra');
  });

  it('takes a tax code carried by /start as the answer to "who are you"', async () => {
    const text = h.text(await h.say('p2', `/start ${validTaxCode(901)}`));
    expect(text).toContain('Có phải Anh/Chị thuộc Công ty TNHH Cơ khí Việt Yên');
  });

  it('keeps "Huy" as a contact person\'s name instead of cancelling the registration', async () => {
    await h.say('p3', '/start');
    await h.say('p3', 'Đăng ký mới');
    await h.say('p3', 'Công ty TNHH Huy Hoàng');
    await h.say('p3', validTaxCode(902));
    await h.say('p3', 'Tân Yên');
    await h.say('p3', '1');
    const next = h.text(await h.say('p3', 'Huy'));
    expect(next).toContain('Bước 6: số điện thoại');
    expect(await stateOf(h, 'p3')).toMatchObject({ flowId: 'registration' });
    // A slash command still works at a free-text question.
    await h.say('p3', '/start');
    await h.say('p3', 'Đăng ký mới');
    expect(h.text(await h.say('p3', '/huy'))).toContain('Đã dừng đăng ký');
  });

  it('drops the member link of a contact who becomes office staff', async () => {
    const memberId = await h.addMember({ name: 'Công ty Thư ký', taxCode: validTaxCode(903), inviteCode: 'THUKY001' });
    await h.say('p4', '/start THUKY001');
    expect((await contactOf(h, 'p4')).memberId).toBe(memberId);
    await h.prisma.roleInvite.create({ data: { code: 'VANPHONG9', role: 'office' } });
    await h.say('p4', '/start VANPHONG9');
    expect(await contactOf(h, 'p4')).toMatchObject({ role: 'office', memberId: null });
  });
});

describe('the menu after a reply', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite');
  });
  afterAll(async () => h.dispose());

  it('takes the number of a menu choice outside any flow, as channels without buttons number them', async () => {
    await h.addMember({ name: 'Công ty Số Một', taxCode: validTaxCode(904), inviteCode: 'SOMOT001' });
    const linked = await h.say('m1', '/start SOMOT001');
    expect(linked[0]?.choices?.[0]?.label).toBe('Gửi báo cáo');
    expect(h.text(await h.say('m1', '1'))).toContain('Mục 1/7: Doanh thu');
    await h.say('m1', '/huy');
    expect(h.text(await h.say('m1', '3'))).toContain('Tình hình báo cáo năm 2022 của Công ty Số Một');
  });
});
