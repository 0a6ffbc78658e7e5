import type { CampaignDraft } from '../../../../src/core/campaigns/campaign-draft';
import { startOfDayInZone } from '../../../../src/core/dates/zoned-time';
import { plan2022 } from '../../../../src/db/seed/plan-2022';

export const zone = 'Asia/Ho_Chi_Minh';

/** The seeded 2022 plan as a draft, deadlines at 00:00 in Bắc Giang, as the seed stores them. */
export function campaign2022(): CampaignDraft {
  return {
    year: plan2022.year,
    docNumber: plan2022.docNumber,
    docDate: plan2022.docDate,
    docPlace: plan2022.docPlace,
    title: plan2022.title,
    overallTheme: plan2022.overallTheme,
    movements: plan2022.movements,
    addressees: plan2022.addressees,
    fullText: 'Số: 20/KHTĐ-HHDN\nBắc Giang, ngày 21 tháng 4 năm 2022\n…căn cứ hướng dẫn số 1010/HD-TĐKT ngày 14/3/2022…',
    phases: plan2022.phases,
    reportPeriods: plan2022.reportPeriods.map((r) => ({
      code: r.code,
      ordinal: r.ordinal,
      name: r.name,
      covers: r.covers,
      opensAt: startOfDayInZone(r.opensOn, zone),
      deadlineAt: startOfDayInZone(r.dueBefore, zone),
      deadlineText: r.deadlineText,
      fields: r.fields,
    })),
  };
}
