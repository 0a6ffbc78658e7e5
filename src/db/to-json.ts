import { z } from 'zod';
import type { Prisma } from './generated/client';

const jsonValue: z.ZodType<Prisma.InputJsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.array(z.union([jsonValue, z.null()])),
    z.record(z.string(), z.union([jsonValue, z.null()])),
  ]),
);

/**
 * Plain data as a JSON column value, checked rather than cast: what cannot be stored as JSON
 * (a Date, undefined at the top) is refused here instead of being mangled on the way in.
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return jsonValue.parse(JSON.parse(JSON.stringify(value ?? null)));
}
