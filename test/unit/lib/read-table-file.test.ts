import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { parseCsv, readTableFile } from '../../../src/lib/read-table-file';

describe('parseCsv', () => {
  it.each([
    ['commas', 'a,b,c\n1,2,3\n'],
    ['semicolons', 'a;b;c\n1;2;3\n'],
    ['tabs', 'a\tb\tc\n1\t2\t3\n'],
    ['CRLF line ends', 'a;b;c\r\n1;2;3\r\n'],
    ['old Mac line ends', 'a;b;c\r1;2;3\r'],
    ['no final line break', 'a;b;c\n1;2;3'],
    ['a BOM', '\ufeffa;b;c\n1;2;3\n'],
    ['an Excel sep= line', 'sep=;\na;b;c\n1;2;3\n'],
  ])('splits rows and fields when the file uses %s', (_case, text) => {
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('takes the semicolon when the header has more semicolons than commas', () => {
    expect(parseCsv('Tên DN;Địa chỉ, ghi chú;MST\nCông ty A, chi nhánh;Hiệp Hòa, Bắc Giang;2400123458\n')).toEqual([
      ['Tên DN', 'Địa chỉ, ghi chú', 'MST'],
      ['Công ty A, chi nhánh', 'Hiệp Hòa, Bắc Giang', '2400123458'],
    ]);
  });

  it('ignores delimiters inside quotes when it detects the delimiter', () => {
    expect(parseCsv('"a;b;c;d",e,f\n1,2,3\n')).toEqual([
      ['a;b;c;d', 'e', 'f'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks when they are inside quotes', () => {
    const text = 'Tên,Địa chỉ,Ghi chú\r\n"Công ty ""Hòa Bình""","Số 1, đường A\r\nHiệp Hòa","x"\r\n';
    expect(parseCsv(text)).toEqual([
      ['Tên', 'Địa chỉ', 'Ghi chú'],
      ['Công ty "Hòa Bình"', 'Số 1, đường A\nHiệp Hòa', 'x'],
    ]);
  });

  it('counts a record spanning several lines as one row', () => {
    const rows = parseCsv('a,b\n"1\n2\n3",x\nlast,y\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(['last', 'y']);
  });

  it('trims fields and keeps empty ones, including around quoted values', () => {
    expect(parseCsv(' a , "b" ,,  \n')).toEqual([['a', 'b', '', '']]);
  });

  it('keeps empty lines as rows so that line numbers stay those of the file', () => {
    expect(parseCsv('a,b\n\n1,2\n')).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('keeps a quote inside an unquoted field as a character, as Excel does', () => {
    expect(parseCsv('a,12" màn hình\n')).toEqual([['a', '12" màn hình']]);
  });

  it('gives no rows when the text is empty', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });

  it('throws a Vietnamese message naming the row when a quote is never closed', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow('Tệp CSV có dấu ngoặc kép (") mở ở dòng 2 mà không đóng');
  });
});

describe('readTableFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'read-table-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('CSV', () => {
    it('reads a UTF-8 file with BOM and semicolons as Vietnamese Excel saves it', async () => {
      const file = path.join(dir, 'excel-vn.csv');
      const text = '\ufeffTên doanh nghiệp;Mã số thuế;Khu vực\r\n"Công ty TNHH Hòa Bình; chi nhánh";100109106;Hiệp Hòa\r\n';
      await writeFile(file, text, 'utf8');
      expect(await readTableFile(file)).toEqual([
        ['Tên doanh nghiệp', 'Mã số thuế', 'Khu vực'],
        ['Công ty TNHH Hòa Bình; chi nhánh', '100109106', 'Hiệp Hòa'],
      ]);
    });

    it('reads a UTF-8 file without BOM, with commas', async () => {
      const file = path.join(dir, 'plain.csv');
      await writeFile(file, 'Tên,Khu vực\n"Công ty A, B",Lục Ngạn\n', 'utf8');
      expect(await readTableFile(file)).toEqual([
        ['Tên', 'Khu vực'],
        ['Công ty A, B', 'Lục Ngạn'],
      ]);
    });

    it('reads a UTF-16 file when it starts with its byte order mark', async () => {
      const file = path.join(dir, 'unicode.csv');
      await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tên\tKhu vực\nSơn Động\tYên Thế\n', 'utf16le')]));
      expect(await readTableFile(file)).toEqual([
        ['Tên', 'Khu vực'],
        ['Sơn Động', 'Yên Thế'],
      ]);
    });

    it('reads the extension in any case', async () => {
      const file = path.join(dir, 'UPPER.CSV');
      await writeFile(file, 'a;b\n', 'utf8');
      expect(await readTableFile(file)).toEqual([['a', 'b']]);
    });

    it('refuses a file in the Windows code page with a Vietnamese explanation', async () => {
      const file = path.join(dir, 'cp1258.csv');
      // "Hi\xea\xf2p" is not valid UTF-8: a single-byte code page wrote these diacritics.
      await writeFile(file, Buffer.from([0x48, 0x69, 0xea, 0xf2, 0x70, 0x0a]));
      await expect(readTableFile(file)).rejects.toThrow('Tệp “cp1258.csv” không phải mã UTF-8');
    });
  });

  describe('XLSX', () => {
    let file: string;
    beforeAll(async () => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(['Tên doanh nghiệp', 'Mã số thuế', 'Ngày gia nhập', 'Ghi chú', 'Trang web', 'Số lượng', 'Khu vực']);
      sheet.addRow([
        { richText: [{ text: 'Công ty ', font: { bold: true } }, { text: 'Hòa Bình' }] },
        100109106,
        new Date(Date.UTC(2022, 3, 21)),
        '  có khoảng trắng  ',
        { text: 'hoabinh.vn', hyperlink: 'https://hoabinh.vn' },
        { formula: 'F3*2', result: 84 },
        'Hiệp Hòa',
      ]);
      sheet.addRow(['Công ty lớn', 2400123458, null, 1234567.5, null, 42, null]);
      sheet.addRow(['Số rất lớn', 1e21, null, 0.0000001, null, true]);
      const padded = sheet.getCell('B6');
      padded.value = 100109106;
      padded.numFmt = '0000000000';
      sheet.getCell('A6').value = 'Có định dạng số 0';
      const grouped = sheet.getCell('F6');
      grouped.value = 1234567;
      grouped.numFmt = '#,##0';
      sheet.getCell('A7').value = { formula: 'DATE(2022,12,9)', result: new Date(Date.UTC(2022, 11, 9)) };
      sheet.getCell('A8').value = 'Lục Nam';
      sheet.getCell('A9').value = 'dòng gộp';
      sheet.mergeCells('G8:G9');
      sheet.getCell('G8').value = 'Lục Nam (gộp)';
      sheet.getCell('A12').border = { top: { style: 'thin' } };
      workbook.addWorksheet('Trang khác').addRow(['không đọc']);
      file = path.join(dir, 'danh-sach.XLSX');
      await workbook.xlsx.writeFile(file);
    });

    it('reads the header row of the first worksheet as it is', async () => {
      const [header] = await readTableFile(file);
      expect(header).toEqual(['Tên doanh nghiệp', 'Mã số thuế', 'Ngày gia nhập', 'Ghi chú', 'Trang web', 'Số lượng', 'Khu vực']);
    });

    it('renders rich text, a numeric tax code, a date, a hyperlink and a formula as the office sees them', async () => {
      const rows = await readTableFile(file);
      expect(rows[1]).toEqual(['Công ty Hòa Bình', '100109106', '21/04/2022', 'có khoảng trắng', 'hoabinh.vn', '84', 'Hiệp Hòa']);
    });

    it('renders numbers as plain digits without exponent or thousands separators', async () => {
      const rows = await readTableFile(file);
      expect(rows[2]).toEqual(['Công ty lớn', '2400123458', '', '1234567.5', '', '42']);
      expect(rows[3]).toEqual(['Số rất lớn', '1000000000000000000000', '', '0.0000001', '', 'TRUE']);
      expect(rows[5]?.[5]).toBe('1234567');
    });

    it('pads a number with its leading zeros when the cell format is all zeros', async () => {
      const rows = await readTableFile(file);
      expect(rows[5]?.slice(0, 2)).toEqual(['Có định dạng số 0', '0100109106']);
    });

    it('renders a formula that gives a date as dd/mm/yyyy', async () => {
      const rows = await readTableFile(file);
      expect(rows[6]?.[0]).toBe('09/12/2022');
    });

    it('repeats a merged cell in every row it covers', async () => {
      const rows = await readTableFile(file);
      expect(rows[7]?.[6]).toBe('Lục Nam (gộp)');
      expect(rows[8]?.[6]).toBe('Lục Nam (gộp)');
    });

    it('keeps empty rows inside the table but drops trailing formatted-only rows', async () => {
      const rows = await readTableFile(file);
      expect(rows[4]?.every((cell) => cell === '')).toBe(true);
      expect(rows).toHaveLength(9);
    });

    it('reads an empty workbook as no rows', async () => {
      const workbook = new Workbook();
      workbook.addWorksheet('Trống');
      const empty = path.join(dir, 'trong.xlsx');
      await workbook.xlsx.writeFile(empty);
      expect(await readTableFile(empty)).toEqual([]);
    });

    it('says the file is damaged or an old .xls when it is not a real .xlsx', async () => {
      const fake = path.join(dir, 'cu.xlsx');
      await writeFile(fake, 'không phải tệp zip');
      await expect(readTableFile(fake)).rejects.toThrow('Không đọc được tệp Excel “cu.xlsx”');
    });
  });

  it.each(['danh-sach.xls', 'danh-sach.txt', 'danh-sach.ods', 'danh-sach'])('refuses %s with "Chỉ nhận tệp .csv hoặc .xlsx"', async (name) => {
    const file = path.join(dir, name);
    await writeFile(file, 'a,b\n');
    await expect(readTableFile(file)).rejects.toThrow('Chỉ nhận tệp .csv hoặc .xlsx');
  });

  it('says the file was not found when the path does not exist', async () => {
    const missing = path.join(dir, 'khong-co.csv');
    await expect(readTableFile(missing)).rejects.toThrow(`Không tìm thấy tệp “${missing}”`);
  });

  it('says a folder is not a file when the path is a folder', async () => {
    const folder = path.join(dir, 'thu-muc.csv');
    await mkdir(folder);
    await expect(readTableFile(folder)).rejects.toThrow('là một thư mục, không phải tệp');
  });
});
