import { parseVnDateTime } from '../../../../src/core/dates/parse-vn-date-time';

const zone = 'Asia/Ho_Chi_Minh';

describe('parseVnDateTime', () => {
  it.each([
    ['05/07/2022 08:00', '2022-07-05T01:00:00.000Z'],
    ['5/7/2022 8:00', '2022-07-05T01:00:00.000Z'],
    ['  05-07-2022   8h30 ', '2022-07-05T01:30:00.000Z'],
    ['05/07/2022 8h', '2022-07-05T01:00:00.000Z'],
    ['05/07/2022, 14:05', '2022-07-05T07:05:00.000Z'],
    ['8:00 05/07/2022', '2022-07-05T01:00:00.000Z'],
    ['8h30 ngày 5/7/2022', '2022-07-05T01:30:00.000Z'],
    ['ngày 5 tháng 7 năm 2022 lúc 8 giờ 30 phút', '2022-07-05T01:30:00.000Z'],
    ['Lúc 0:00 ngày 1/1/2023', '2022-12-31T17:00:00.000Z'],
    ['2022-07-05T08:00', '2022-07-05T01:00:00.000Z'],
    ['2022-07-05 23:59', '2022-07-05T16:59:00.000Z'],
  ])('reads %j as %s in Asia/Ho_Chi_Minh', (input, iso) => {
    const result = parseVnDateTime(input, zone);
    expect(result).toEqual({ ok: true, value: new Date(iso) });
  });

  it('reads the wall clock of the zone it is given', () => {
    expect(parseVnDateTime('05/07/2022 08:00', 'Europe/Berlin')).toEqual({ ok: true, value: new Date('2022-07-05T06:00:00Z') });
  });

  it.each([
    ['', 'EMPTY', 'Xin nhập thời điểm gửi, ví dụ 05/07/2022 08:00.'],
    ['05/07/2022', 'EMPTY', 'Xin ghi cả giờ gửi sau ngày, ví dụ 05/07/2022 08:00.'],
    ['sáng mai', 'MALFORMED', 'Chưa hiểu thời điểm này. Xin viết ngày/tháng/năm giờ:phút, ví dụ 05/07/2022 08:00.'],
    ['05/07/2022 8h5', 'MALFORMED', 'Chưa hiểu thời điểm này. Xin viết ngày/tháng/năm giờ:phút, ví dụ 05/07/2022 08:00.'],
    ['05/07/2022 24:00', 'OUT_OF_RANGE', 'Giờ phải từ 0 đến 23 và phút từ 0 đến 59, ví dụ 08:00.'],
    ['05/07/2022 08:60', 'OUT_OF_RANGE', 'Giờ phải từ 0 đến 23 và phút từ 0 đến 59, ví dụ 08:00.'],
    ['31/06/2022 08:00', 'OUT_OF_RANGE', 'Tháng 6 chỉ có 30 ngày, không có ngày 31/06/2022. Xin kiểm tra lại.'],
    ['05/07/22 08:00', 'AMBIGUOUS', 'Xin ghi năm đủ 4 chữ số, ví dụ 10/07/2022 chứ không phải 10/07/22.'],
    ['x'.repeat(101), 'TOO_LONG', 'Chưa hiểu thời điểm này. Xin viết ngày/tháng/năm giờ:phút, ví dụ 05/07/2022 08:00.'],
  ])('refuses %j (%s) with a Vietnamese reason', (input, code, message) => {
    expect(parseVnDateTime(input, zone)).toEqual({ ok: false, code, message });
  });
});
