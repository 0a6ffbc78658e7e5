import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePlanText } from '../../../src/core/plan-parsing/parse-plan-text';
import { isPlanDocumentName, normalizePlanText, readPlanDocument, readStoredPlanDocument } from '../../../src/lib/read-plan-document';

const fixtures = path.join(__dirname, '../../fixtures/plans');
const plan2024 = () => readFile(path.join(fixtures, 'ke-hoach-2024-ba-dot.txt'));
const docx2027 = () => readFile(path.join(fixtures, 'ke-hoach-2027.docx'));

describe('readPlanDocument', () => {
  describe('.txt', () => {
    it('reads UTF-8 without a byte order mark as it is', async () => {
      const bytes = await plan2024();
      expect(await readPlanDocument(bytes, 'ke-hoach.txt')).toBe(bytes.toString('utf8').replace(/\s+$/, ''));
    });

    it('reads UTF-8 with a byte order mark and Windows line ends, dropping the mark and the CRs', async () => {
      const text = 'KẾ HOẠCH\r\nThi đua năm 2024\r\n';
      expect(await readPlanDocument(Buffer.from(`\ufeff${text}`, 'utf8'), 'KE-HOACH.TXT')).toBe('KẾ HOẠCH\nThi đua năm 2024');
    });

    it('reads UTF-16 in either byte order when it starts with its byte order mark', async () => {
      const text = 'Số: 08/KH-HHDN\nBắc Giang, ngày 15 tháng 01 năm 2024';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      be[0] = 0xfe;
      be[1] = 0xff;
      expect(await readPlanDocument(le, 'unicode.txt')).toBe(text);
      expect(await readPlanDocument(be, 'unicode-be.txt')).toBe(text);
    });

    it('turns Vietnamese typed as combining marks into the usual precomposed letters', async () => {
      const decomposed = 'Kế hoạch thi đua năm 2024'.normalize('NFD');
      expect(await readPlanDocument(Buffer.from(decomposed, 'utf8'), 'to-hop.txt')).toBe('Kế hoạch thi đua năm 2024');
    });

    it('refuses a file in a Windows code page with how to save it as UTF-8', async () => {
      // "Kế hoạch" in Windows-1258: a lone 0xEA (ê) is not valid UTF-8.
      const cp1258 = Buffer.from([0x4b, 0xea, 0xcc, 0x20, 0x68, 0x6f, 0x61, 0xa3, 0x63, 0x68]);
      await expect(readPlanDocument(cp1258, 'ke-hoach-cu.txt')).rejects.toThrow(
        'Tệp “ke-hoach-cu.txt” không phải mã UTF-8 (có thể lưu theo bảng mã Windows hay TCVN3, nên dấu tiếng Việt sẽ sai). Xin mở bằng Notepad, chọn File › Save As, ở ô Encoding chọn UTF-8',
      );
    });

    it('refuses binary content given a .txt name', async () => {
      await expect(readPlanDocument(Buffer.from('%PDF-1.7\n\u0000\u0001', 'latin1'), 'ke-hoach.txt')).rejects.toThrow('Tệp “ke-hoach.txt” không phải văn bản .txt');
    });

    it('refuses a file with no text, and one too long to be a plan', async () => {
      await expect(readPlanDocument(Buffer.from(' \r\n\t\n'), 'trong.txt')).rejects.toThrow('Tệp “trong.txt” không có chữ nào.');
      await expect(readPlanDocument(Buffer.from('a'.repeat(100_001)), 'dai.txt')).rejects.toThrow(
        'Tệp “dai.txt” dài 100.001 ký tự, quá 100.000 ký tự: một kế hoạch thi đua chỉ dài vài trang.',
      );
    });
  });

  describe('.docx', () => {
    it('reads each paragraph as a line, table cells in order, soft line breaks as lines and tabs kept', async () => {
      const text = await readPlanDocument(await docx2027(), 'ke-hoach-2027.docx');
      const lines = text.split('\n');
      expect(lines.slice(0, 10)).toEqual([
        'HIỆP HỘI DOANH NGHIỆP',
        'TỈNH BẮC GIANG',
        'Số: 11/KH-HHDN',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Bắc Giang, ngày 18 tháng 01 năm 2027',
        '',
        'KẾ HOẠCH',
        'Phát động phong trào thi đua năm 2027',
        '',
      ]);
      // A theme split over two runs is one line; "Nơi nhận" written with Shift+Enter is one line each.
      expect(lines).toContain('Đợt 1: từ ngày 01/01/2027 đến ngày 30/6/2027, với chủ đề: Thi đua tăng tốc sản xuất kinh doanh ngay từ đầu năm.');
      expect(lines.slice(-4)).toEqual(['Nơi nhận:', '- Hội doanh nghiệp các huyện, thành phố;', '- Các doanh nghiệp hội viên;', '- Lưu: VT.\tTM. BAN THƯỜNG VỤ']);
    });

    it('gives text the plan parser reads in full', async () => {
      const plan = parsePlanText(await readPlanDocument(await docx2027(), 'ke-hoach-2027.docx'));
      expect(plan.documentNumber).toMatchObject({ found: true, value: '11/KH-HHDN', evidence: { line: 3 } });
      expect(plan.year).toMatchObject({ found: true, value: 2027 });
      expect(plan.phases.found && plan.phases.items.length).toBe(2);
      expect(plan.reports.found && plan.reports.items.map((r) => r.value.period.found && r.value.period.value.code)).toEqual(['6-thang', 'ca-nam']);
      expect(plan.audience.found && plan.audience.items.map((a) => a.value)).toEqual(['Hội doanh nghiệp các huyện, thành phố', 'Các doanh nghiệp hội viên']);
    });

    it('reads a Word document saved under a .txt name as the document it is', async () => {
      expect(await readPlanDocument(await docx2027(), 'ke-hoach.txt')).toBe(await readPlanDocument(await docx2027(), 'ke-hoach.docx'));
    });

    it('refuses a damaged .docx with a message saying so', async () => {
      const bytes = await docx2027();
      await expect(readPlanDocument(bytes.subarray(0, bytes.length / 2), 'hong.docx')).rejects.toThrow(
        'Không đọc được tệp Word “hong.docx”: tệp hỏng hoặc không phải dạng .docx. Xin mở bằng Word, lưu lại dạng .docx rồi gửi lại.',
      );
      await expect(readPlanDocument(Buffer.from('không phải tệp Word'), 'gia.docx')).rejects.toThrow('Không đọc được tệp Word “gia.docx”');
    });

    it('refuses an old Word .doc, by its content or by its name', async () => {
      const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      await expect(readPlanDocument(ole, 'ke-hoach.docx')).rejects.toThrow('Tệp “ke-hoach.docx” là tệp Word đời cũ (.doc). Xin mở bằng Word, chọn Lưu thành (Save As) dạng .docx rồi gửi lại.');
      await expect(readPlanDocument(Buffer.from('abc'), 'ke-hoach.doc')).rejects.toThrow(
        'Chỉ đọc được tệp Word .docx hoặc văn bản .txt (tệp đã gửi: “ke-hoach.doc”). Tệp Word đời cũ (.doc): xin mở bằng Word rồi lưu lại dạng .docx.',
      );
    });
  });

  it('refuses other types, saying what to do with a PDF', async () => {
    await expect(readPlanDocument(Buffer.from('%PDF-1.7'), 'ke-hoach.pdf')).rejects.toThrow(
      'Chỉ đọc được tệp Word .docx hoặc văn bản .txt (tệp đã gửi: “ke-hoach.pdf”). Tệp PDF: xin mở bằng Word rồi lưu lại dạng .docx, hoặc chép nội dung văn bản và dán vào ô văn bản.',
    );
    expect(['a.docx', 'B.TXT', 'c.doc', 'd.pdf', 'txt'].map(isPlanDocumentName)).toEqual([true, true, false, false, false]);
  });
});

describe('normalizePlanText', () => {
  it('keeps tabs and blank lines, drops control characters and trailing blank lines', () => {
    expect(normalizePlanText('\ufeffA\tB\r\n\r\nC\u0007\rD\n\n  \n')).toBe('A\tB\n\nC\nD');
  });
});

describe('readStoredPlanDocument', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'plan-document-'));
    await mkdir(path.join(dataDir, 'attachments', '2022', '07'), { recursive: true });
    await writeFile(path.join(dataDir, 'attachments', '2022', '07', 'abc.docx'), await docx2027());
    await writeFile(path.join(dataDir, '..', `${path.basename(dataDir)}-outside.txt`), 'Kế hoạch');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(path.join(dataDir, '..', `${path.basename(dataDir)}-outside.txt`), { force: true });
  });

  it('reads a file a channel stored under DATA_DIR', async () => {
    const read = await readStoredPlanDocument(dataDir, { storagePath: 'attachments/2022/07/abc.docx', fileName: 'ke-hoach-2027.docx' });
    expect(read.ok && read.text.split('\n')[2]).toBe('Số: 11/KH-HHDN');
  });

  it('says why when the file is gone, outside DATA_DIR or unreadable', async () => {
    const gone = await readStoredPlanDocument(dataDir, { storagePath: 'attachments/2022/07/none.txt', fileName: 'a.txt' });
    expect(gone).toEqual({ ok: false, message: 'Không đọc được tệp “a.txt” trên máy chủ. Xin gửi lại tệp.' });
    const outside = await readStoredPlanDocument(dataDir, { storagePath: `../${path.basename(dataDir)}-outside.txt`, fileName: 'b.txt' });
    expect(outside).toEqual({ ok: false, message: 'Không đọc được tệp “b.txt” trên máy chủ. Xin gửi lại tệp.' });
    const pdf = await readStoredPlanDocument(dataDir, { storagePath: 'attachments/2022/07/abc.docx', fileName: 'ke-hoach.pdf' });
    // The content decides: a Word document is read whatever its name says.
    expect(pdf.ok).toBe(true);
  });
});
