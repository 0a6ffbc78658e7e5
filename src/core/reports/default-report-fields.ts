import type { ReportField } from './report-field';

const TY = 1_000_000_000;

/**
 * The short report the 2022 plan asks for: production and business results and the
 * social-security programme. New campaigns start from the previous campaign's fields.
 */
export const defaultReportFields: readonly ReportField[] = [
  {
    kind: 'money',
    code: 'revenue',
    label: 'Doanh thu',
    unit: 'trieu',
    max: 100_000 * TY,
    required: true,
    hint: 'Ví dụ: 12,5 tỷ hoặc 350 triệu',
    total: 'sum',
  },
  {
    kind: 'money',
    code: 'budget_contribution',
    label: 'Nộp ngân sách nhà nước',
    unit: 'trieu',
    max: 10_000 * TY,
    required: true,
    hint: 'Ví dụ: 1,2 tỷ hoặc 800 triệu',
    total: 'sum',
  },
  {
    kind: 'count',
    code: 'employees',
    label: 'Số lao động',
    max: 500_000,
    required: true,
    hint: 'Số người, ví dụ: 120',
    total: 'sum',
  },
  {
    kind: 'money',
    code: 'average_income',
    label: 'Thu nhập bình quân một người lao động mỗi tháng',
    unit: 'trieu',
    // 200 triệu a month is far above any workforce's average: "85" meant as 8,5 triệu still
    // passes, but "8.500.000.000" (a slip of three zeros) does not.
    max: 200_000_000,
    required: true,
    hint: 'Ví dụ: 8,5 triệu',
    total: 'average',
  },
  {
    kind: 'money',
    code: 'social_contribution',
    label: 'Đóng góp an sinh xã hội, từ thiện',
    unit: 'trieu',
    max: 1_000 * TY,
    required: true,
    hint: 'Ví dụ: 50 triệu; không có thì nhập 0',
    total: 'sum',
  },
  {
    kind: 'text',
    code: 'difficulties',
    label: 'Khó khăn, vướng mắc và kiến nghị',
    required: false,
    hint: 'Vài dòng ngắn.',
    maxLength: 2000,
  },
  {
    kind: 'file',
    code: 'attachment',
    label: 'Tệp báo cáo đính kèm (nếu có)',
    required: false,
    hint: 'Gửi tệp PDF, Word, Excel hoặc ảnh.',
  },
];
