import type { AreaSeed } from './campaign-seed';

/**
 * The province's units in 2022: the city and nine districts. Data, not code: later mergers (Việt
 * Yên became a town in 2024) are made in the database, not here.
 */
export const areasBacGiang2022: readonly AreaSeed[] = [
  { code: 'tp-bac-giang', name: 'Thành phố Bắc Giang', kind: 'city', ordinal: 1 },
  { code: 'hiep-hoa', name: 'Hiệp Hòa', kind: 'district', ordinal: 2 },
  { code: 'lang-giang', name: 'Lạng Giang', kind: 'district', ordinal: 3 },
  { code: 'luc-nam', name: 'Lục Nam', kind: 'district', ordinal: 4 },
  { code: 'luc-ngan', name: 'Lục Ngạn', kind: 'district', ordinal: 5 },
  { code: 'son-dong', name: 'Sơn Động', kind: 'district', ordinal: 6 },
  { code: 'tan-yen', name: 'Tân Yên', kind: 'district', ordinal: 7 },
  { code: 'viet-yen', name: 'Việt Yên', kind: 'district', ordinal: 8 },
  { code: 'yen-dung', name: 'Yên Dũng', kind: 'district', ordinal: 9 },
  { code: 'yen-the', name: 'Yên Thế', kind: 'district', ordinal: 10 },
];
