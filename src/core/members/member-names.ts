/** What the office calls each member type. */
export const memberTypeNames = {
  enterprise: 'Doanh nghiệp hội viên',
  district_association: 'Hội doanh nghiệp huyện, thành phố',
  collective: 'Hội viên tập thể',
} as const;

/** What the office calls each member status, in the order the overview counts them. */
export const memberStatusNames = {
  active: 'Đang hoạt động',
  pending: 'Chờ duyệt',
  suspended: 'Tạm ngừng',
  rejected: 'Không chấp thuận',
} as const;
