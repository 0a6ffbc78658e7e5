import type { Reply } from '../core/messages';
import type { FlowContext } from './flow';
import { mainMenu } from './main-menu';

/** `/trogiup`: what the bot does, in the words the person can type. */
export function helpReply(ctx: FlowContext): Reply[] {
  const lines = [
    'Tôi là trợ lý của Hiệp hội doanh nghiệp. Anh/Chị có thể gõ:',
    '• /baocao (hoặc “báo cáo”) — gửi báo cáo định kỳ cho Văn phòng Hiệp hội',
    '• /trangthai — xem các kỳ báo cáo, đã nộp chưa, còn bao nhiêu ngày',
    '• /kehoach — xem kế hoạch thi đua năm nay',
    '• /huy — dừng việc đang làm (bản nháp báo cáo vẫn được giữ)',
    '• /start — bắt đầu lại, hoặc đăng ký doanh nghiệp',
  ];
  if (ctx.contact.role === 'office') {
    lines.push(
      '',
      'Cho Văn phòng Hiệp hội:',
      '• /tiendo — tiến độ nộp báo cáo theo khu vực',
      '• /thongbao — soạn thông báo gửi hội viên',
      '• /kehoachmoi — gửi tệp kế hoạch thi đua mới (.docx, .txt) để đọc và tạo kế hoạch',
    );
  }
  if (!ctx.member && ctx.contact.role === 'member') {
    lines.push('', 'Anh/Chị chưa đăng ký: gõ /start rồi nhập mã số thuế của doanh nghiệp.');
  }
  return [{ text: lines.join('\n'), choices: ctx.member ? mainMenu : undefined }];
}
