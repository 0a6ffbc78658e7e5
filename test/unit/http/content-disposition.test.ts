import { attachmentDisposition } from '../../../src/http/content-disposition';

describe('attachmentDisposition', () => {
  it('keeps a Vietnamese name in filename* and gives old clients an ASCII stand-in', () => {
    expect(attachmentDisposition('Báo cáo 6 tháng Đông Sơn.pdf')).toBe(
      `attachment; filename="Bao_cao_6_thang_Dong_Son.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%206%20th%C3%A1ng%20%C4%90%C3%B4ng%20S%C6%A1n.pdf`,
    );
  });

  it('encodes what RFC 5987 does not allow bare, which encodeURIComponent leaves alone', () => {
    expect(attachmentDisposition("bao-cao (ban 2)*'.pdf")).toBe(`attachment; filename="bao-cao_ban_2_.pdf"; filename*=UTF-8''bao-cao%20%28ban%202%29%2A%27.pdf`);
  });

  it('lets no quote, backslash, slash or line break into the header', () => {
    const header = attachmentDisposition('a"b\\c/d\r\nSet-Cookie: x.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="a_bcdSet-Cookie_x.pdf"; filename*=UTF-8''a%22bcdSet-Cookie%3A%20x.pdf`);
  });

  it('names a file with no usable name', () => {
    expect(attachmentDisposition('')).toBe(`attachment; filename="tep-dinh-kem"; filename*=UTF-8''tep-dinh-kem`);
    expect(attachmentDisposition('Ảnh.jpg')).toBe(`attachment; filename="Anh.jpg"; filename*=UTF-8''%E1%BA%A2nh.jpg`);
    expect(attachmentDisposition('Ư')).toBe(`attachment; filename="U"; filename*=UTF-8''%C6%AF`);
    expect(attachmentDisposition('Hợp đồng')).toContain('filename="Hop_dong"');
    expect(attachmentDisposition('..')).toContain('filename="tep-dinh-kem"');
  });
});
