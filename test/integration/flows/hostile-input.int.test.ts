import { createHarness, type Harness } from '../../support/conversation-harness';
import { contactOf, draftOf, fillReport, linkedMember, pdf, reportAnswers, stateOf, validTaxCode } from '../../support/flow-helpers';
import { type Backend, backends } from '../../support/test-database';

jest.setTimeout(60_000);

/** What the conversation fuzzer found (test/support/fuzz-conversations.ts), one case each. */
describe.each(backends)('hostile input on %s', (backend: Backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(backend);
  });
  afterAll(async () => h.dispose());

  const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it('answers a person whose platform name has a NUL in it, and stores the name without it', async () => {
    const replies = await h.engine.handle({ channel: 'telegram', platformUserId: '9001', displayName: 'Nguyễn\u0000 Văn An', text: 'xin chào', updateId: 'tg-9001' });
    expect(h.text(replies)).toContain('mã số thuế');
    expect((await contactOf(h, '9001', 'telegram')).displayName).toBe('Nguyễn Văn An');
  });

  it('keeps a self-registration going when the name has a NUL, an ESC or half an emoji in it', async () => {
    await h.say('hi-name', '/start');
    await h.say('hi-name', 'Đăng ký mới');
    expect(h.text(await h.say('hi-name', 'Công ty\u0000 TNHH\u001b Hoa\ud83d Sen'))).toContain('Bước 2');
    expect((await stateOf(h, 'hi-name'))?.state).toMatchObject({ step: 'self', data: { name: 'Công ty TNHH Hoa Sen' } });
  });

  it('saves a report answer with a lone surrogate in it, without the surrogate', async () => {
    const { memberId } = await linkedMember(h, 'hi-text');
    await fillReport(h, 'hi-text', reportAnswers.slice(0, 5));
    expect(h.text(await h.say('hi-text', 'Khó khăn \udc00về vốn'))).toContain('Mục 7/7');
    expect((await draftOf(h, memberId))?.values).toMatchObject({ difficulties: 'Khó khăn về vốn' });
  });

  it('refuses a report answer of zero-width spaces instead of storing it', async () => {
    const { memberId } = await linkedMember(h, 'hi-blank');
    await fillReport(h, 'hi-blank', reportAnswers.slice(0, 5));
    expect(h.text(await h.say('hi-blank', '\u00a0\u205f\u180e\u200b\u2003'))).toContain('Anh/Chị vui lòng nhập vài dòng nội dung.');
    expect((await draftOf(h, memberId))?.values).not.toHaveProperty('difficulties');
  });

  it('answers /start with a code of lone surrogates as an unknown invite code', async () => {
    const text = h.text(await h.say('hi-start', '/start \ud974\u2068\uda96\udc17'));
    expect(text).toContain('Mã mời không đúng');
  });

  it('repeats what it did not understand without control characters, bidi overrides or half an emoji', async () => {
    await h.say('hi-echo', '/start');
    const identify = h.text(await h.say('hi-echo', `${'😀'.repeat(19)}x😀\u202eabc`));
    expect(identify).toContain(`Tôi chưa nhận ra “${'😀'.repeat(19)}x😀abc” là mã số thuế hay mã mời.`);
    const cut = h.text(await h.say('hi-echo', '📈'.repeat(45)));
    expect(cut).toContain(`“${'📈'.repeat(40)}”`);
    expect(cut).not.toMatch(loneSurrogate);
    expect(h.text(await h.say('hi-echo', '\u200b\ufeff\u2060'))).toContain('Tôi chưa nhận ra tin nhắn này là mã số thuế hay mã mời.');

    await linkedMember(h, 'hi-idle');
    const idle = h.text(await h.say('hi-idle', '\u001b/trangthai\u2066 ạ'));
    expect(idle).toContain('Xin lỗi, tôi chưa hiểu “/trangthai ạ”.');
  });

  it('refuses an announcement of invisible characters only', async () => {
    await h.prisma.roleInvite.create({ data: { code: `VPHI${backend.toUpperCase()}`, role: 'office' } });
    await h.say('hi-office', `/start VPHI${backend.toUpperCase()}`);
    await h.say('hi-office', '/thongbao');
    const text = h.text(await h.say('hi-office', '\u200b\ufeff\u180e\u200b\u2060\u200b\ufeff'));
    expect(text).toContain('Nội dung cần từ 5 đến 2000 ký tự (hiện có 0).');
    expect((await stateOf(h, 'hi-office'))?.state).toEqual({ step: 'text' });
    expect(h.text(await h.say('hi-office', 'Họp\ud800 hội viên ngày 15/7.'))).toContain('Gửi tới ai?');
    expect((await stateOf(h, 'hi-office'))?.state).toEqual({ step: 'audience', body: 'Họp hội viên ngày 15/7.' });
  });

  it('shows a file name with a right-to-left override as it is, not disguised', async () => {
    await linkedMember(h, 'hi-file');
    await fillReport(h, 'hi-file', reportAnswers.slice(0, 6));
    const file = { ...pdf('hoa-don\u202egnp.exe'), mimeType: 'image/jpeg', kind: 'image' as const };
    const text = h.text(await h.say('hi-file', { attachment: file }));
    expect(text).toContain('7. Tệp báo cáo đính kèm (nếu có): tệp “hoa-dongnp.exe”');
  });

  it('does not mistake a tax code with a NUL inside for someone else\'s', async () => {
    await h.say('hi-tax', '/start');
    const text = h.text(await h.say('hi-tax', `${validTaxCode(777)}\u0000`));
    expect(text).toContain('chưa có trong danh sách hội viên');
  });
});
