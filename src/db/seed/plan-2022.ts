import { defaultReportFields } from '../../core/reports/default-report-fields';
import type { CampaignSeed } from './campaign-seed';

/** Plan No. 20/KHTĐ-HHDN of 21/4/2022 (prisma/seed/ke-hoach-thi-dua-2022.txt), as data. */
export const plan2022: CampaignSeed = {
  year: 2022,
  docNumber: '20/KHTĐ-HHDN',
  docDate: { year: 2022, month: 4, day: 21 },
  docPlace: 'Bắc Giang',
  title: 'Kế hoạch phát động thi đua năm 2022',
  overallTheme: 'Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ chính trị năm 2022',
  movements: [
    'Doanh nghiệp Bắc Giang hội nhập và phát triển',
    'Phát huy sáng kiến, cải tiến kỹ thuật',
    'Quần chúng bảo vệ an ninh Tổ quốc',
    'Toàn dân đoàn kết xây dựng đời sống văn hóa',
    'Xây dựng môi trường Xanh – Sạch – Đẹp',
  ],
  addressees: ['Hội doanh nghiệp các huyện, thành phố', 'Các hội viên tập thể', 'Doanh nghiệp hội viên'],
  fullTextFile: 'ke-hoach-thi-dua-2022.txt',
  timeZone: 'Asia/Ho_Chi_Minh',
  phases: [
    {
      ordinal: 1,
      name: 'Đợt thứ nhất',
      startsOn: { year: 2022, month: 1, day: 1 },
      endsOn: { year: 2022, month: 6, day: 30 },
      theme:
        'Thi đua lập thành tích chào mừng Ngày thành lập Đảng Cộng sản Việt Nam (03/2), 47 năm ngày giải phóng hoàn toàn Miền Nam và 74 năm ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc (11/6/1948 – 11/6/2022).',
    },
    {
      ordinal: 2,
      name: 'Đợt thứ hai',
      startsOn: { year: 2022, month: 7, day: 1 },
      endsOn: { year: 2022, month: 12, day: 31 },
      theme:
        'Thi đua thực hiện thắng lợi các chỉ tiêu kế hoạch năm 2022, thi đua lập thành tích chào mừng kỷ niệm 77 năm ngày Cách mạng tháng Tám và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam, 126 năm ngày thành lập tỉnh Bắc Giang.',
    },
  ],
  reportPeriods: [
    {
      code: '6-thang',
      ordinal: 1,
      name: 'Báo cáo 6 tháng đầu năm 2022',
      covers:
        'Kết quả hoạt động sản xuất kinh doanh 6 tháng đầu năm 2022 và kết quả thực hiện chương trình an sinh xã hội',
      // The document names no opening day; members report estimates from early June on.
      opensOn: { year: 2022, month: 6, day: 1 },
      dueBefore: { year: 2022, month: 7, day: 10 },
      deadlineText: 'trước ngày 10/7/2022',
      fields: defaultReportFields,
    },
    {
      code: 'ca-nam',
      ordinal: 2,
      name: 'Báo cáo tổng kết năm 2022',
      covers: 'Tổng kết hoạt động sản xuất kinh doanh và thực hiện chương trình an sinh xã hội năm 2022',
      opensOn: { year: 2022, month: 11, day: 1 },
      dueBefore: { year: 2022, month: 12, day: 10 },
      deadlineText: 'trước ngày 10/12/2022',
      fields: defaultReportFields,
    },
  ],
};
