import { renderZaloText, splitZaloText } from '../../../../src/channels/zalo/render-zalo-reply';

describe('renderZaloText', () => {
  it('appends the choices as a numbered list with how to answer', () => {
    const texts = renderZaloText({
      text: 'Có phải Anh/Chị thuộc Công ty TNHH An Phát?',
      choices: [
        { label: 'Đúng', payload: 'yes' },
        { label: 'Không phải', payload: 'no' },
      ],
    });
    expect(texts).toEqual(['Có phải Anh/Chị thuộc Công ty TNHH An Phát?\n\n1. Đúng\n2. Không phải\nTrả lời 1 hoặc 2.']);
  });

  it.each([
    [1, 'Trả lời 1.'],
    [3, 'Trả lời 1, 2 hoặc 3.'],
    [4, 'Trả lời một số từ 1 đến 4.'],
    [10, 'Trả lời một số từ 1 đến 10.'],
  ])('says how to answer %i choices', (count, hint) => {
    const choices = Array.from({ length: count }, (_, i) => ({ label: `Mục ${i + 1}`, payload: `p${i}` }));
    const [text] = renderZaloText({ text: 'Chọn:', choices });
    expect(text?.endsWith(`\n${count}. Mục ${count}\n${hint}`)).toBe(true);
  });

  it('lists as words, not numbers, the choices of a reply that says so', () => {
    // The main menu is answered by number too: it is numbered.
    expect(
      renderZaloText({
        text: 'Anh/Chị cần gì ạ?',
        choices: [
          { label: 'Gửi báo cáo', payload: 'cmd:report' },
          { label: 'Xem kế hoạch', payload: 'cmd:plan' },
          { label: 'Xem trạng thái', payload: 'cmd:status' },
        ],
      }),
    ).toEqual(['Anh/Chị cần gì ạ?\n\n1. Gửi báo cáo\n2. Xem kế hoạch\n3. Xem trạng thái\nTrả lời 1, 2 hoặc 3.']);
    // A report field: "1" is the answer there, not "Quay lại".
    expect(
      renderZaloText({ text: 'Mục 2/7: Nộp ngân sách nhà nước?', choices: [{ label: 'Quay lại', payload: 'back' }], choicesByWord: true }),
    ).toEqual([
      'Mục 2/7: Nộp ngân sách nhà nước?\n\nGõ “Quay lại”.',
    ]);
    expect(
      renderZaloText({
        text: 'Mục 7/7: Tệp báo cáo?',
        choices: [
          { label: 'Bỏ qua', payload: 'skip' },
          { label: 'Quay lại', payload: 'back' },
        ],
        choicesByWord: true,
      })[0],
    ).toMatch(/\n\nGõ “Bỏ qua” hoặc “Quay lại”\.$/);
  });

  it('numbers a list that mixes word-only choices with others (the summary takes "4" for Hủy)', () => {
    const [text] = renderZaloText({
      text: 'Anh/Chị kiểm tra lại rồi chọn:',
      choices: [
        { label: 'Gửi báo cáo', payload: 'submit' },
        { label: 'Sửa một mục', payload: 'fix' },
        { label: 'Quay lại', payload: 'back' },
        { label: 'Hủy', payload: 'cmd:cancel' },
      ],
    });
    expect(text).toMatch(/\n1\. Gửi báo cáo\n2\. Sửa một mục\n3\. Quay lại\n4\. Hủy\nTrả lời một số từ 1 đến 4\.$/);
  });

  it('puts a link on its own line after the text', () => {
    expect(renderZaloText({ text: 'Kế hoạch thi đua năm 2022:', link: { url: 'https://bot.hiephoi.vn/ke-hoach/2022', label: 'Xem' } })).toEqual([
      'Kế hoạch thi đua năm 2022:\nhttps://bot.hiephoi.vn/ke-hoach/2022',
    ]);
  });

  it('leaves a short reply without choices as it is', () => {
    expect(renderZaloText({ text: 'Cảm ơn Anh/Chị.' })).toEqual(['Cảm ơn Anh/Chị.']);
  });

  it('splits a long reply at line breaks, in order, each at most 2,000 characters', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${String(i + 1).padStart(2, '0')}. ${'Doanh nghiệp hội viên '.repeat(4).trimEnd()}`);
    const texts = renderZaloText({ text: lines.join('\n'), choices: [{ label: 'Gửi báo cáo', payload: 'x' }] });
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2_000);
    // Nothing lost, nothing reordered: only the line breaks at the cuts go.
    expect(texts.join('\n')).toBe(`${lines.join('\n')}\n\n1. Gửi báo cáo\nTrả lời 1.`);
    expect(texts[0]?.startsWith('01.')).toBe(true);
    expect(texts.at(-1)?.endsWith('Trả lời 1.')).toBe(true);
  });
});

describe('splitZaloText', () => {
  it('cuts at the last line break that fits', () => {
    expect(splitZaloText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('cuts a line longer than the limit at a space, else anywhere', () => {
    expect(splitZaloText('một hai ba bốn năm', 8)).toEqual(['một hai', 'ba bốn', 'năm']);
    expect(splitZaloText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('keeps exactly 2,000 characters in one message and splits 2,001', () => {
    expect(splitZaloText('a'.repeat(2_000))).toHaveLength(1);
    expect(splitZaloText('a'.repeat(2_001)).map((t) => t.length)).toEqual([2_000, 1]);
  });

  it('never cuts inside a character outside the basic plane', () => {
    const pieces = splitZaloText('😀'.repeat(5), 2);
    expect(pieces).toEqual(['😀😀', '😀😀', '😀']);
  });
});
