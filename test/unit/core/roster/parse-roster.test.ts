import { parseRoster, type RosterArea, type RosterParseResult } from '../../../../src/core/roster/parse-roster';
import { areasBacGiang2022 } from '../../../../src/db/seed/areas-bac-giang-2022';

// The seeded areas, with ids as a fresh database gives them (1 = the city, 2 = Hiệp Hòa, …).
const AREAS: readonly RosterArea[] = areasBacGiang2022.map((area, index) => ({
  id: index + 1,
  name: area.name,
  kind: area.kind,
}));
const CITY = 1;
const HIEP_HOA = 2;
const VIET_YEN = 8;

// Valid tax codes (check digit computed): Bắc Giang's start with 24; Viettel's starts with 0.
const TAX_A = '2400123458';
const TAX_B = '2400567894';
const TAX_C = '2400777122';
const VIETTEL = '0100109106';

const HEADER = ['Tên doanh nghiệp', 'Mã số thuế', 'Khu vực', 'Loại hội viên', 'Người liên hệ', 'Điện thoại', 'Địa chỉ'];

function parse(rows: readonly (readonly string[])[], header: readonly string[] = HEADER, areas = AREAS) {
  return parseRoster([[...header], ...rows.map((row) => [...row])], areas);
}

function okResult(result: RosterParseResult) {
  if (!result.ok) throw new Error(`expected rows, got the file error: ${result.fileError}`);
  return result;
}

/** The reasons of the only bad row, failing if there is not exactly one. */
function onlyReasons(result: RosterParseResult): readonly string[] {
  const { rows, errors } = okResult(result);
  expect(rows).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]?.reasons ?? [];
}

function onlyRow(result: RosterParseResult) {
  const { rows, errors } = okResult(result);
  expect(errors).toEqual([]);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (row === undefined) throw new Error('no row');
  return row;
}

describe('parseRoster', () => {
  describe('headers', () => {
    it('reads a complete row into the stored form when the headers are written as the office does', () => {
      const result = parse([
        ['Công ty TNHH Hoà Bình', TAX_A, 'Hiệp Hòa', 'Doanh nghiệp', 'Nguyễn Văn An', '0912 345 678', 'Thị trấn Thắng, Hiệp Hoà'],
      ]);
      expect(okResult(result)).toEqual({
        ok: true,
        rows: [
          {
            line: 2,
            name: 'Công ty TNHH Hòa Bình',
            taxCode: TAX_A,
            areaId: HIEP_HOA,
            type: 'enterprise',
            contactPerson: 'Nguyễn Văn An',
            phone: '+84912345678',
            address: 'Thị trấn Thắng, Hiệp Hòa',
          },
        ],
        errors: [],
      });
    });

    it.each([
      [['ten doanh nghiep', 'ma so thue', 'khu vuc']],
      [['TÊN DOANH NGHIỆP', 'MÃ SỐ THUẾ', 'KHU VỰC']],
      [['Tên hội viên', 'MST', 'Địa bàn']],
      [['Tên đơn vị', 'Mã số DN', 'Huyện/TP']],
      [['Tên DN', 'mst', 'Huyện, thành phố']],
      [['  Tên   doanh nghiệp ', ' Mã  số thuế', 'Khu  vực  ']],
      [['Tên doanh nghiệp (*)', 'Mã số thuế (*)', 'Huyện / TP']],
      [['Tên doanh nghiệp'.normalize('NFD'), 'Mã số thuế'.normalize('NFD'), 'Khu vực'.normalize('NFD')]],
    ])('finds the required columns when the headers are %j', (header) => {
      const row = onlyRow(parse([['Công ty A', TAX_A, 'Việt Yên']], header));
      expect(row).toMatchObject({ name: 'Công ty A', taxCode: TAX_A, areaId: VIET_YEN, type: 'enterprise' });
    });

    it.each([
      ['Loại hội viên', 'Người liên hệ', 'Điện thoại', 'Địa chỉ'],
      ['Loại', 'Người đại diện', 'Số điện thoại', 'dia chi'],
      ['LOẠI', 'Liên hệ', 'SĐT', 'Địa chỉ'],
      ['loai hoi vien', 'nguoi lien he', 'ĐT', 'ĐỊA CHỈ'],
      ['Loại', 'Người liên hệ', 'sdt', 'Địa chỉ'],
    ])('reads the optional columns when they are headed %j, %j, %j, %j', (type, contact, phone, address) => {
      const row = onlyRow(
        parse(
          [['Hội Doanh nghiệp huyện Việt Yên', '', 'Việt Yên', 'Hội doanh nghiệp huyện', 'Trần Thị Bình', '0987654321', 'Bích Động']],
          ['Tên doanh nghiệp', 'Mã số thuế', 'Khu vực', type, contact, phone, address],
        ),
      );
      expect(row).toEqual({
        line: 2,
        name: 'Hội Doanh nghiệp huyện Việt Yên',
        taxCode: null,
        areaId: VIET_YEN,
        type: 'district_association',
        contactPerson: 'Trần Thị Bình',
        phone: '+84987654321',
        address: 'Bích Động',
      });
    });

    it('ignores unknown columns and reads the known ones in any order', () => {
      const row = onlyRow(
        parse([['7', 'Hiệp Hòa', 'ghi chú gì đó', TAX_B, 'Công ty B', 'xx']], ['STT', 'Khu vực', 'Ghi chú', 'MST', 'Tên DN', 'Loại hình DN']),
      );
      expect(row).toEqual({
        line: 2,
        name: 'Công ty B',
        taxCode: TAX_B,
        areaId: HIEP_HOA,
        type: 'enterprise',
        contactPerson: null,
        phone: null,
        address: null,
      });
    });

    it('uses the leftmost column when two headers mean the same thing', () => {
      const row = onlyRow(parse([['Công ty A', TAX_A, 'Hiệp Hòa', '0912345678', '0987654321']], ['Tên DN', 'MST', 'Khu vực', 'SĐT', 'Điện thoại']));
      expect(row.phone).toBe('+84912345678');
    });

    it('names the missing column and lists the headers found when the tax code column is missing', () => {
      expect(parse([['Công ty A', 'Hiệp Hòa']], ['Tên doanh nghiệp', 'Khu vực', ''])).toEqual({
        ok: false,
        fileError:
          'Không tìm thấy cột “Mã số thuế” ở dòng tiêu đề (dòng 1). Các cột hiện có: “Tên doanh nghiệp”, “Khu vực”.',
      });
    });

    it('names every missing column when the first row is a title rather than the headers', () => {
      expect(parse([['STT', 'Tên DN']], ['DANH SÁCH HỘI VIÊN NĂM 2022'])).toEqual({
        ok: false,
        fileError:
          'Không tìm thấy cột “Tên doanh nghiệp”, “Mã số thuế”, “Khu vực” ở dòng tiêu đề (dòng 1). ' +
          'Các cột hiện có: “DANH SÁCH HỘI VIÊN NĂM 2022”.',
      });
    });

    it.each([[[]], [[[]]], [[['', '  ']]]])('gives a file error when the table %j has no header row', (table) => {
      const result = parseRoster(table, AREAS);
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ fileError: expect.stringContaining('Tệp không có dữ liệu') });
    });

    it('gives no rows and no errors when the file has headers only', () => {
      expect(parse([])).toEqual({ ok: true, rows: [], errors: [] });
    });
  });

  describe('rows', () => {
    it('skips empty rows silently and keeps the line numbers of the file', () => {
      const result = okResult(
        parse([
          ['Công ty A', TAX_A, 'Hiệp Hòa'],
          [],
          ['', '  ', '', '', '', '', ''],
          ['Công ty B', TAX_B, 'Hiệp Hòa'],
          ['', 'sai', ''],
        ]),
      );
      expect(result.rows.map((row) => [row.line, row.name])).toEqual([
        [2, 'Công ty A'],
        [5, 'Công ty B'],
      ]);
      expect(result.errors.map((error) => error.line)).toEqual([6]);
    });

    it('skips a row when only unknown columns such as a pre-numbered STT are filled', () => {
      const result = parse(
        [
          ['1', 'Công ty A', TAX_A, 'Hiệp Hòa'],
          ['2', '', '', ''],
          ['3', '', '', ''],
        ],
        ['STT', 'Tên DN', 'MST', 'Khu vực'],
      );
      expect(okResult(result).rows).toHaveLength(1);
      expect(okResult(result).errors).toEqual([]);
    });

    it('reads a row with fewer cells than there are headers', () => {
      expect(onlyRow(parse([['Công ty A', TAX_A, 'Hiệp Hòa']])).contactPerson).toBeNull();
    });

    it('normalizes the name, contact and address and leaves empty optional cells null', () => {
      const row = onlyRow(parse([['  Công ty   TNHH\tThuỷ  Sản ', TAX_A, 'Hiệp Hòa', '', '  Lê Văn   Hoà ', '', '  ']]));
      expect(row.name).toBe('Công ty TNHH Thủy Sản');
      expect(row.contactPerson).toBe('Lê Văn Hòa');
      expect(row.address).toBeNull();
      expect(row.phone).toBeNull();
    });

    it('lists every problem of a row in the order of the columns when a row has several', () => {
      const reasons = onlyReasons(parse([['', '0100109107', 'Hiep Hoaa', 'Khách hàng', '', '0204 3854 123']]));
      expect(reasons).toEqual([
        'Thiếu tên doanh nghiệp',
        'Mã số thuế 0100109107 không đúng (chữ số kiểm tra cuối không khớp). Xin kiểm tra lại từng chữ số',
        'Không rõ khu vực “Hiep Hoaa” (có phải “Hiệp Hòa”?)',
        'Không rõ loại hội viên “Khách hàng” (ghi Doanh nghiệp, Hội doanh nghiệp huyện/thành phố hoặc Hội viên tập thể)',
        'Số điện thoại “0204 3854 123” không hợp lệ: Đây là số cố định (số bàn), xin nhập số di động',
      ]);
    });

    it('keeps the good rows and reports the bad ones apart when both are in the file', () => {
      const result = okResult(
        parse([
          ['Công ty A', TAX_A, 'Hiệp Hòa'],
          ['Công ty B', '', 'Hiệp Hòa'],
          ['Công ty C', TAX_C, 'Lục Nam'],
        ]),
      );
      expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
      expect(result.errors).toEqual([{ line: 3, reasons: [expect.stringMatching(/^Thiếu mã số thuế \(bắt buộc với doanh nghiệp/)] }]);
    });
  });

  describe('name', () => {
    it.each([[''], ['   ']])('reports "Thiếu tên doanh nghiệp" when the name is %j', (name) => {
      expect(onlyReasons(parse([[name, TAX_A, 'Hiệp Hòa']]))).toEqual(['Thiếu tên doanh nghiệp']);
    });
  });

  describe('tax code', () => {
    it.each([
      [TAX_A, TAX_A],
      ['2400.123.458', TAX_A],
      ['2400 123 458', TAX_A],
      [`${VIETTEL}-001`, `${VIETTEL}-001`],
      [`${VIETTEL} - 001`, `${VIETTEL}-001`],
    ])('accepts %j as %j', (input, expected) => {
      expect(onlyRow(parse([['Công ty A', input, 'Hiệp Hòa']])).taxCode).toBe(expected);
    });

    it.each([
      ['100109106', VIETTEL],
      ['100109106001', `${VIETTEL}-001`],
      ['900189284', '0900189284'],
    ])('puts back the leading 0 Excel dropped when the tax code is the number %j', (input, expected) => {
      expect(onlyRow(parse([['Công ty A', input, 'Hiệp Hòa']])).taxCode).toBe(expected);
    });

    it('reports the wrong check digit when the last digit does not match', () => {
      expect(onlyReasons(parse([['Công ty A', '2400123459', 'Hiệp Hòa']]))).toEqual([
        'Mã số thuế 2400123459 không đúng (chữ số kiểm tra cuối không khớp). Xin kiểm tra lại từng chữ số',
      ]);
    });

    it('names the wrong check digit of the restored code when a 9-digit number is wrong', () => {
      expect(onlyReasons(parse([['Công ty A', '100109107', 'Hiệp Hòa']]))[0]).toContain('Mã số thuế 0100109107 không đúng');
    });

    it.each(['12345', '24001234580000', 'MST-2400', '0100109106/001'])('echoes %j and says what a tax code looks like when it is malformed', (input) => {
      expect(onlyReasons(parse([['Công ty A', input, 'Hiệp Hòa']]))).toEqual([
        `Mã số thuế “${input}” không hợp lệ: Mã số thuế phải gồm 10 chữ số (hoặc 13 chữ số với mã chi nhánh, ví dụ 0100109106-001)`,
      ]);
    });

    it('reports branch 000 with the parser\'s message when the suffix is zero', () => {
      expect(onlyReasons(parse([['Công ty A', `${VIETTEL}-000`, 'Hiệp Hòa']]))).toEqual([
        `Mã số thuế “${VIETTEL}-000” không hợp lệ: Mã chi nhánh (3 số cuối) phải từ 001 đến 999, không thể là 000`,
      ]);
    });

    it.each(['1,00109E+11', '1.00109E+11', '2.40012E+9'])('explains the lost digits when Excel wrote %j in exponent form', (input) => {
      const [reason] = onlyReasons(parse([['Công ty A', input, 'Hiệp Hòa']]));
      expect(reason).toContain(`Mã số thuế “${input}” đã bị Excel đổi sang dạng số mũ`);
      expect(reason).toContain('Văn bản (Text)');
    });

    it('requires the tax code when the member is an enterprise, stated or by default', () => {
      const result = okResult(
        parse([
          ['Công ty A', '', 'Hiệp Hòa', ''],
          ['Công ty B', '', 'Hiệp Hòa', 'Doanh nghiệp'],
        ]),
      );
      expect(result.errors).toEqual([
        {
          line: 2,
          reasons: [
            'Thiếu mã số thuế (bắt buộc với doanh nghiệp; nếu là hội doanh nghiệp hay hội viên tập thể, xin ghi ở cột Loại hội viên)',
          ],
        },
        { line: 3, reasons: ['Thiếu mã số thuế (bắt buộc với doanh nghiệp)'] },
      ]);
    });

    it.each([
      ['Hội doanh nghiệp huyện Hiệp Hòa', 'Hội doanh nghiệp huyện', 'district_association'],
      ['Hội Nữ doanh nhân tỉnh', 'Hội viên tập thể', 'collective'],
    ] as const)('accepts %j without a tax code when its type is %j', (name, type, expected) => {
      expect(onlyRow(parse([[name, '', 'Hiệp Hòa', type]]))).toMatchObject({ taxCode: null, type: expected });
    });

    it('still checks a tax code given for a district association', () => {
      expect(onlyReasons(parse([['Hội DN Hiệp Hòa', '2400123459', 'Hiệp Hòa', 'Hội DN huyện']]))[0]).toContain('chữ số kiểm tra');
    });

    it('reports the duplicate on the later row, naming the earlier line, however the code is written', () => {
      const result = okResult(
        parse([
          ['Công ty A', VIETTEL, 'Hiệp Hòa'],
          ['Công ty B', TAX_B, 'Hiệp Hòa'],
          ['Công ty A (chi nhánh ghi nhầm)', '100109106', 'Lục Nam'],
          ['Công ty A lần nữa', '0100.109.106', 'Lục Nam'],
        ]),
      );
      expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
      expect(result.errors).toEqual([
        { line: 4, reasons: ['Trùng mã số thuế với dòng 2'] },
        { line: 5, reasons: ['Trùng mã số thuế với dòng 2'] },
      ]);
    });

    it('still reports the duplicate when the earlier row with that tax code is bad for another reason', () => {
      const result = okResult(
        parse([
          ['Công ty A', TAX_A, 'Hà Nội'],
          ['Công ty A', TAX_A, 'Hiệp Hòa'],
        ]),
      );
      expect(result.rows).toEqual([]);
      expect(result.errors.map((error) => [error.line, error.reasons.length])).toEqual([
        [2, 1],
        [3, 1],
      ]);
      expect(result.errors[1]?.reasons).toEqual(['Trùng mã số thuế với dòng 2']);
    });

    it('treats a branch as a member of its own when its code has a suffix', () => {
      const result = okResult(
        parse([
          ['Công ty A', VIETTEL, 'Hiệp Hòa'],
          ['Công ty A - Chi nhánh Bắc Giang', `${VIETTEL}-001`, 'Hiệp Hòa'],
        ]),
      );
      expect(result.rows).toHaveLength(2);
    });

    it('reports two rows without tax code of the same name and type as duplicates', () => {
      const result = okResult(
        parse([
          ['Hội DN huyện Lục Nam', '', 'Lục Nam', 'Hội doanh nghiệp huyện'],
          ['Hội doanh nghiệp huyện Lục Nam', '', 'Lục Nam', 'Hội DN'],
          ['HỘI DN HUYỆN LỤC NAM', '', 'Lục Nam', 'Hội DN'],
        ]),
      );
      expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
      expect(result.errors).toEqual([
        { line: 4, reasons: ['Trùng tên và loại hội viên với dòng 2 (cả hai không có mã số thuế)'] },
      ]);
    });
  });

  describe('area', () => {
    it.each([
      ['Thành phố Bắc Giang', CITY],
      ['TP Bắc Giang', CITY],
      ['TP. Bắc Giang', CITY],
      ['Tp.Bắc Giang', CITY],
      ['thanh pho bac giang', CITY],
      ['Bắc Giang', CITY],
      ['Hiệp Hòa', HIEP_HOA],
      ['Hiệp Hoà', HIEP_HOA],
      ['Huyện Hiệp Hoà', HIEP_HOA],
      ['H. Hiệp Hòa', HIEP_HOA],
      ['H.Hiệp Hòa', HIEP_HOA],
      ['hiep hoa', HIEP_HOA],
      ['  HIỆP   HÒA ', HIEP_HOA],
      ['Thị xã Việt Yên', VIET_YEN],
      ['TX Việt Yên', VIET_YEN],
      ['tx. viet yen', VIET_YEN],
    ])('matches %j to area %i', (input, areaId) => {
      expect(onlyRow(parse([['Công ty A', TAX_A, input]])).areaId).toBe(areaId);
    });

    it('suggests the nearest area when the name has a typo', () => {
      expect(onlyReasons(parse([['Công ty A', TAX_A, 'Hiep Hoaa']]))).toEqual(['Không rõ khu vực “Hiep Hoaa” (có phải “Hiệp Hòa”?)']);
    });

    it('lists the areas when nothing is close', () => {
      expect(onlyReasons(parse([['Công ty A', TAX_A, 'Hà Nội']]))).toEqual([
        'Không rõ khu vực “Hà Nội” (các khu vực: Thành phố Bắc Giang, Hiệp Hòa, Lạng Giang, Lục Nam, Lục Ngạn, ' +
          'Sơn Động, Tân Yên, Việt Yên, Yên Dũng, Yên Thế)',
      ]);
    });

    it('reports a missing area when the cell is empty', () => {
      expect(onlyReasons(parse([['Công ty A', TAX_A, '']]))).toEqual(['Thiếu khu vực']);
    });

    it('does not take a bare prefix for an area', () => {
      expect(onlyReasons(parse([['Công ty A', TAX_A, 'Huyện']]))[0]).toMatch(/^Không rõ khu vực “Huyện”/);
    });

    describe('when a city and a district share a name', () => {
      const twins: readonly RosterArea[] = [
        { id: 11, name: 'Thành phố Bắc Ninh', kind: 'city' },
        { id: 12, name: 'Huyện Bắc Ninh', kind: 'district' },
      ];

      it.each([
        ['TP Bắc Ninh', 11],
        ['Thành phố Bắc Ninh', 11],
        ['Huyện Bắc Ninh', 12],
        ['H. Bắc Ninh', 12],
      ])('lets the prefix of %j decide', (input, areaId) => {
        expect(onlyRow(parse([['Công ty A', TAX_A, input]], HEADER, twins)).areaId).toBe(areaId);
      });

      it('asks for the prefix when there is none', () => {
        expect(onlyReasons(parse([['Công ty A', TAX_A, 'Bắc Ninh']], HEADER, twins))).toEqual([
          'Khu vực “Bắc Ninh” trùng tên nhiều nơi; xin ghi rõ Huyện, Thị xã hay Thành phố',
        ]);
      });
    });
  });

  describe('member type', () => {
    it.each([
      ['', 'enterprise'],
      ['Doanh nghiệp', 'enterprise'],
      ['doanh nghiep', 'enterprise'],
      ['DN', 'enterprise'],
      ['Doanh nghiệp hội viên', 'enterprise'],
      ['Hội doanh nghiệp huyện', 'district_association'],
      ['Hội doanh nghiệp huyện Hiệp Hòa', 'district_association'],
      ['Hội DN Hiệp Hòa', 'district_association'],
      ['hoi dn', 'district_association'],
      ['Hội doanh nghiệp thành phố', 'district_association'],
      ['HỘI DOANH NGHIỆP TP BẮC GIANG', 'district_association'],
      ['Hội viên tập thể', 'collective'],
      ['Tập thể', 'collective'],
      ['tap the', 'collective'],
    ])('reads %j as %s', (input, expected) => {
      expect(onlyRow(parse([['Đơn vị A', TAX_A, 'Hiệp Hòa', input]])).type).toBe(expected);
    });

    it.each(['Cá nhân', 'Hội DNx', 'Hiệp hội doanh nghiệp', 'Doanh nghiệp tư nhân'])('reports %j as an unknown type', (input) => {
      expect(onlyReasons(parse([['Đơn vị A', TAX_A, 'Hiệp Hòa', input]]))).toEqual([
        `Không rõ loại hội viên “${input}” (ghi Doanh nghiệp, Hội doanh nghiệp huyện/thành phố hoặc Hội viên tập thể)`,
      ]);
    });

    it('takes every member for an enterprise when there is no type column', () => {
      expect(onlyRow(parse([['Công ty A', TAX_A, 'Hiệp Hòa']], ['Tên DN', 'MST', 'Khu vực'])).type).toBe('enterprise');
    });
  });

  describe('phone', () => {
    it.each([
      ['0912 345 678', '+84912345678'],
      ['0912.345.678', '+84912345678'],
      ['+84 912 345 678', '+84912345678'],
      ['912345678', '+84912345678'],
      ['352345678', '+84352345678'],
      ['562345678', '+84562345678'],
      ['702345678', '+84702345678'],
      ['812345678', '+84812345678'],
      ['0204 3854 123 / 0912 345 678', '+84912345678'],
      ['0912345678; 0987654321', '+84912345678'],
      ['0204.3854.123, 0987 654 321', '+84987654321'],
    ])('reads %j as %s', (input, expected) => {
      expect(onlyRow(parse([['Công ty A', TAX_A, 'Hiệp Hòa', '', '', input]])).phone).toBe(expected);
    });

    it.each([
      ['0204 3854 123', 'Đây là số cố định (số bàn), xin nhập số di động'],
      ['204385412', 'Xin nhập số di động Việt Nam (bắt đầu bằng 0 hoặc +84)'],
      ['01688 123 456', 'Số 11 chữ số bắt đầu bằng 01 là đầu số cũ'],
      ['0912 345', 'Số di động gồm 10 chữ số, bắt đầu bằng 0, ví dụ 0912 345 678'],
      ['không có', 'Số di động gồm 10 chữ số'],
      ['0204 3854 123 / 0204 3854 124', 'Đây là số cố định (số bàn)'],
    ])('reports %j with the parser\'s reason', (input, reason) => {
      const [message] = onlyReasons(parse([['Công ty A', TAX_A, 'Hiệp Hòa', '', '', input]]));
      expect(message).toContain(`Số điện thoại “${input}” không hợp lệ: ${reason}`);
      expect(message).not.toMatch(/\.$/);
    });

    it('explains the exponent form when Excel wrote the phone as 9,12346E+08', () => {
      expect(onlyReasons(parse([['Công ty A', TAX_A, 'Hiệp Hòa', '', '', '9,12346E+08']]))[0]).toContain('dạng số mũ');
    });
  });
});
