import { z } from 'zod';

/** A `Reply` as stored in a delivery's `message` column: checked on the way out of the database. */
export const storedReplySchema = z.object({
  text: z.string(),
  choices: z.array(z.object({ label: z.string(), payload: z.string() })).optional(),
  choicesByWord: z.boolean().optional(),
  link: z.object({ url: z.string(), label: z.string() }).optional(),
});
