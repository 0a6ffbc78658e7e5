import { escapeHtml, renderReply, splitText, TELEGRAM_TEXT_LIMIT } from '../../../../src/channels/telegram/render-reply';

const privateChat = { chat: 'private' } as const;
const menu = [
  { label: 'Gửi báo cáo', payload: 'cmd:report' },
  { label: 'Xem kế hoạch', payload: 'cmd:plan' },
  { label: 'Xem trạng thái', payload: 'cmd:status' },
];

/** A numbered line per row, so order and loss are both visible. */
function longText(bytes: number): string {
  const lines: string[] = [];
  for (let i = 1; lines.join('\n').length < bytes; i += 1) {
    lines.push(`${String(i).padStart(4, '0')}. Doanh nghiệp đã nộp báo cáo <đúng hạn> & đầy đủ các mục.`);
  }
  return lines.join('\n');
}

describe('renderReply', () => {
  it('escapes <, > and & for parse mode HTML', () => {
    const [part] = renderReply({ text: 'Công ty <b>A & B</b> &amp;' }, privateChat);
    expect(part).toEqual({ text: 'Công ty &lt;b&gt;A &amp; B&lt;/b&gt; &amp;amp;', parse_mode: 'HTML', reply_markup: { remove_keyboard: true } });
  });

  it('splits a 10,000-character text at line breaks, every part within 4,096, in order', () => {
    const text = longText(10_000);
    const parts = renderReply({ text, choices: menu }, privateChat);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    // Cut only at line breaks: every part starts a numbered line, and nothing is lost or reordered.
    for (const part of parts) expect(part.text).toMatch(/^\d{4}\. /);
    const unescaped = parts.map((p) => p.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    expect(unescaped.join('\n')).toBe(text);
  });

  it('puts the keyboard on the last part only', () => {
    const parts = renderReply({ text: longText(10_000), choices: menu }, privateChat);
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Gửi báo cáo', callback_data: 'cmd:report' },
          { text: 'Xem kế hoạch', callback_data: 'cmd:plan' },
        ],
        [{ text: 'Xem trạng thái', callback_data: 'cmd:status' }],
      ],
    });
  });

  it('hard-splits a single line longer than the limit, never inside a character', () => {
    const line = 'Đ😀'.repeat(3_000);
    const parts = renderReply({ text: line }, privateChat);
    expect(parts.length).toBe(3);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(part.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(parts.map((p) => p.text).join('')).toBe(line);
  });

  it('breaks an overlong line at a space where one is near', () => {
    const words = 'báo cáo '.repeat(1_000).trim();
    const parts = splitText(words, 100);
    expect(parts.every((p) => p.length <= 100 && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(parts.join(' ')).toBe(words);
  });

  it('counts escaped characters against the limit', () => {
    const parts = renderReply({ text: '&'.repeat(5_000) }, privateChat);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.map((p) => p.text).join('')).toBe('&amp;'.repeat(5_000));
  });

  it('lays long choice labels one per row, with callback_data the payload', () => {
    const [part] = renderReply(
      { text: 'Anh/Chị thuộc đơn vị nào?', choices: [{ label: 'Công ty TNHH Thương mại Dịch vụ An Phát', payload: 'm:12' }, { label: 'HTX Nông sản Lục Ngạn', payload: 'm:13' }] },
      privateChat,
    );
    expect(part?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Công ty TNHH Thương mại Dịch vụ An Phát', callback_data: 'm:12' }], [{ text: 'HTX Nông sản Lục Ngạn', callback_data: 'm:13' }]],
    });
  });

  it('offers the contact button with the choices as text buttons when a phone is requested', () => {
    const [part] = renderReply(
      { text: 'Nhập mã số thuế hoặc bấm “Chia sẻ số điện thoại”.', requestPhone: true, choices: [{ label: 'Đăng ký mới', payload: 'register' }] },
      privateChat,
    );
    expect(part?.reply_markup).toEqual({
      keyboard: [[{ text: 'Chia sẻ số điện thoại', request_contact: true }], [{ text: 'Đăng ký mới' }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
  });

  it('makes a link an inline URL button, after the choices', () => {
    const [part] = renderReply(
      { text: 'Kế hoạch', choices: [{ label: 'Gửi báo cáo', payload: 'cmd:report' }], link: { url: 'https://bot.hiephoi.vn/ke-hoach/2022', label: 'Xem toàn văn kế hoạch' } },
      privateChat,
    );
    expect(part?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Gửi báo cáo', callback_data: 'cmd:report' }], [{ text: 'Xem toàn văn kế hoạch', url: 'https://bot.hiephoi.vn/ke-hoach/2022' }]],
    });
  });

  it('writes a localhost link into the text, since Telegram refuses such URL buttons', () => {
    const [part] = renderReply({ text: 'Kế hoạch', link: { url: 'http://localhost:3000/ke-hoach/2022', label: 'Xem toàn văn kế hoạch' } }, privateChat);
    expect(part?.text).toBe('Kế hoạch\n\nXem toàn văn kế hoạch: http://localhost:3000/ke-hoach/2022');
    expect(part?.reply_markup).toEqual({ remove_keyboard: true });
  });

  it('falls back to text buttons when a payload is longer than callback_data allows', () => {
    const [part] = renderReply({ text: 'Chọn', choices: [{ label: 'Một', payload: 'x'.repeat(65) }] }, privateChat);
    expect(part?.reply_markup).toEqual({ keyboard: [[{ text: 'Một' }]], resize_keyboard: true, one_time_keyboard: true });
  });

  it('shows no choice or contact button in a group, only a link', () => {
    const group = { chat: 'group' } as const;
    expect(renderReply({ text: 'Trợ giúp', choices: menu, requestPhone: true }, group)).toEqual([{ text: 'Trợ giúp', parse_mode: 'HTML' }]);
    const [withLink] = renderReply({ text: 'Kế hoạch', choices: menu, link: { url: 'https://bot.hiephoi.vn/ke-hoach/2022', label: 'Xem' } }, group);
    expect(withLink?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Xem', url: 'https://bot.hiephoi.vn/ke-hoach/2022' }]] });
  });

  it('never sends an empty message', () => {
    expect(renderReply({ text: '' }, privateChat).map((p) => p.text)).toEqual(['…']);
  });
});

describe('escapeHtml', () => {
  it('escapes & first, so nothing is escaped twice', () => {
    expect(escapeHtml('<b>&')).toBe('&lt;b&gt;&amp;');
  });
});
