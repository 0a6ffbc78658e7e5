/** Where a person stands in Zalo OA's interaction window. */
export type ZaloWindow = 'free' | 'paid' | 'closed';

const HOUR = 3_600_000;
/** Consultation messages cost nothing for this long after the person's last message. */
export const FREE_WINDOW_MS = 48 * HOUR;
/** After this long only a paid, pre-approved template (ZNS, by phone) reaches the person. */
export const OPEN_WINDOW_MS = 7 * 24 * HOUR;

/**
 * What it takes to write to a person whose last message was at `lastInteractionAt`: a free
 * consultation message within 48 hours, a paid one until 7 days, and after that ('closed') only a
 * ZNS template. On the boundary itself the dearer answer is given, since our clock and Zalo's are
 * not the same clock. A person who never wrote is 'closed'.
 */
export function zaloWindow(lastInteractionAt: Date | null, now: Date): ZaloWindow {
  if (!lastInteractionAt) return 'closed';
  const elapsed = now.getTime() - lastInteractionAt.getTime();
  if (elapsed < FREE_WINDOW_MS) return 'free';
  if (elapsed < OPEN_WINDOW_MS) return 'paid';
  return 'closed';
}
