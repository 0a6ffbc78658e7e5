import { broadcastText } from '../../../../src/core/broadcasts/broadcast-text';
import { describeAudience } from '../../../../src/core/broadcasts/describe-audience';

describe('broadcastText', () => {
  it('trims, composes to NFC, keeps line breaks and drops control characters', () => {
    expect(broadcastText('  Kính mời\r\nQuý hội viên\u0007 dự họp.  '.normalize('NFD'))).toEqual({ ok: true, value: 'Kính mời\nQuý hội viên dự họp.' });
  });

  it('accepts exactly 2,000 characters and refuses 2,001', () => {
    expect(broadcastText('ệ'.repeat(2000))).toMatchObject({ ok: true });
    // Decomposed, 2,000 letters are 6,000 code units: the count is of what is seen.
    expect(broadcastText('ệ'.normalize('NFD').repeat(2000))).toMatchObject({ ok: true });
    expect(broadcastText('a'.repeat(2001))).toEqual({ ok: false, code: 'TOO_LONG', message: 'Nội dung dài 2.001 ký tự, quá giới hạn 2.000 ký tự. Xin rút gọn.' });
  });

  it('refuses empty and too short text', () => {
    expect(broadcastText(' \n ')).toEqual({ ok: false, code: 'EMPTY', message: 'Xin nhập nội dung thông báo.' });
    expect(broadcastText('Họp')).toEqual({ ok: false, code: 'OUT_OF_RANGE', message: 'Nội dung cần ít nhất 5 ký tự (hiện có 3).' });
  });
});

describe('describeAudience', () => {
  const names = { areas: new Map([[1, 'Hiệp Hòa'], [2, 'Tân Yên']]), periods: new Map([[7, 'Báo cáo 6 tháng đầu năm 2022']]) };

  it.each([
    [{ kind: 'all' } as const, 'Tất cả hội viên'],
    [{ kind: 'areas', areaIds: [1, 2] } as const, 'Hội viên khu vực Hiệp Hòa, Tân Yên'],
    [{ kind: 'areas', areaIds: [1, 9] } as const, 'Hội viên khu vực Hiệp Hòa, số 9'],
    [{ kind: 'member_types', types: ['enterprise', 'collective'] } as const, 'Loại hội viên: Doanh nghiệp hội viên, Hội viên tập thể'],
    [{ kind: 'not_submitted', periodId: 7 } as const, 'Hội viên chưa nộp Báo cáo 6 tháng đầu năm 2022'],
    [{ kind: 'members', memberIds: [3, 4, 5] } as const, '3 hội viên được chọn'],
  ])('names %j in Vietnamese', (audience, text) => {
    expect(describeAudience({ ...audience } as Parameters<typeof describeAudience>[0], names)).toBe(text);
  });
});
