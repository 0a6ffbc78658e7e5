import { z } from 'zod';

/**
 * One field of a period's short report, stored as data on the report period so that next year's
 * form can change without a release. The conversation asks the fields in order; the export makes
 * one column of each.
 */
export const reportFieldSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('money'),
    code: fieldCode(),
    label: z.string().min(1),
    /** What a bare number means: `45` with unit `trieu` is 45 triệu đồng. */
    unit: z.enum(['dong', 'nghin', 'trieu', 'ty']),
    /** The largest believable value in đồng: a typo three zeros too long is caught, not stored. */
    max: z.number().int().positive(),
    required: z.boolean(),
    hint: z.string().optional(),
    /** How the totals sheet combines members' values. */
    total: z.enum(['sum', 'average']),
  }),
  z.object({
    kind: z.literal('count'),
    code: fieldCode(),
    label: z.string().min(1),
    max: z.number().int().positive(),
    required: z.boolean(),
    hint: z.string().optional(),
    total: z.enum(['sum', 'average']),
  }),
  z.object({
    kind: z.literal('text'),
    code: fieldCode(),
    label: z.string().min(1),
    required: z.boolean(),
    hint: z.string().optional(),
    maxLength: z.number().int().positive().max(10_000),
  }),
  z.object({
    kind: z.literal('file'),
    code: fieldCode(),
    label: z.string().min(1),
    required: z.boolean(),
    hint: z.string().optional(),
  }),
]);

export type ReportField = z.infer<typeof reportFieldSchema>;

/** A period's fields: at least one, codes unique. */
export const reportFieldsSchema = z
  .array(reportFieldSchema)
  .min(1)
  .refine((fields) => new Set(fields.map((f) => f.code)).size === fields.length, 'field codes must be unique');

function fieldCode() {
  return z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
}
