import { z } from 'zod';

/**
 * Who a broadcast goes to, stored as data on the broadcast: every active member, members of some
 * areas or member types, members that have not yet filed a report period, or a list of members.
 * Only active contacts of active members receive it.
 */
export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('areas'), areaIds: z.array(z.number().int()).min(1) }),
  z.object({ kind: z.literal('member_types'), types: z.array(z.enum(['enterprise', 'district_association', 'collective'])).min(1) }),
  z.object({ kind: z.literal('not_submitted'), periodId: z.number().int() }),
  z.object({ kind: z.literal('members'), memberIds: z.array(z.number().int()).min(1) }),
]);

export type Audience = z.infer<typeof audienceSchema>;
