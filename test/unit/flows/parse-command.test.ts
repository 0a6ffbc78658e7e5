import { type Command, parseCommand } from '../../../src/flows/parse-command';

describe('parseCommand', () => {
  it.each<[string, Command]>([
    ['/baocao', 'report'],
    ['/BAOCAO', 'report'],
    ['/baocao@HiepHoiBot', 'report'],
    ['  /baocao  ', 'report'],
    ['báo cáo', 'report'],
    ['Báo Cáo', 'report'],
    ['BÁO CÁO', 'report'],
    ['bao cao', 'report'],
    ['Báo cáo!', 'report'],
    ['báo cáo.', 'report'],
    ['báo   cáo', 'report'],
    ['báo cáo'.normalize('NFD'), 'report'],
    ['báo\u200b cáo', 'report'],
    ['gửi báo cáo', 'report'],
    ['Nộp báo cáo', 'report'],
    ['/kehoach', 'plan'],
    ['/KeHoach@HiepHoiBot', 'plan'],
    ['kế hoạch', 'plan'],
    ['ke hoach', 'plan'],
    ['Xem kế hoạch', 'plan'],
    ['/trangthai', 'status'],
    ['trạng thái', 'status'],
    ['Trạng thái?', 'status'],
    ['xem trang thai', 'status'],
    ['/trogiup', 'help'],
    ['trợ giúp', 'help'],
    ['/help', 'help'],
    ['help', 'help'],
    ['Hướng dẫn', 'help'],
    ['/huy', 'cancel'],
    ['hủy', 'cancel'],
    ['huỷ', 'cancel'],
    ['HỦY', 'cancel'],
    ['hủy bỏ', 'cancel'],
    ['/cancel', 'cancel'],
    ['dừng lại', 'cancel'],
    ['/start', 'start'],
    ['bắt đầu', 'start'],
    ['/kehoachmoi', 'importPlan'],
    ['Kế hoạch mới', 'importPlan'],
    ['nhập kế hoạch', 'importPlan'],
  ])('returns the command when %j is typed: %s', (text, command) => {
    expect(parseCommand(text)).toEqual({ command, argument: '' });
  });

  it.each([
    ['/start K7M2QX9P', 'K7M2QX9P'],
    ['/start@HiepHoiBot K7M2QX9P', 'K7M2QX9P'],
    ['/start   k7m2-qx9p  ', 'k7m2-qx9p'],
    ['/start\nK7M2QX9P', 'K7M2QX9P'],
    ['/start mã mời của tôi', 'mã mời của tôi'],
  ])('keeps the argument, trimmed, when %j is typed', (text, argument) => {
    expect(parseCommand(text)).toEqual({ command: 'start', argument });
  });

  it('keeps the argument of any slash command when one is given', () => {
    expect(parseCommand('/trogiup báo cáo')).toEqual({ command: 'help', argument: 'báo cáo' });
  });

  it.each([
    [undefined],
    [''],
    ['   '],
    ['tôi muốn gửi báo cáo tháng này'],
    ['báo cáo abc'],
    ['báo cáo 6 tháng'],
    ['baocaoo'],
    ['/xyz'],
    ['/'],
    ['/ baocao'],
    ['/bao cao'],
    ['12,5 tỷ'],
    ['0100109106'],
    ['😀'],
    ['<b>/baocao</b>'],
    ["'; DROP TABLE contacts; --"],
    ['x'.repeat(10_240)],
    ['huy hoàng'],
    ['Có'],
  ])('returns null when %j is typed', (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});
