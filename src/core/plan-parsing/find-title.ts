import type { Extracted } from './parsed-plan';
import { capitalizeFirst, evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';

/** The title and the line it ends on (the header region ends there too). */
export interface TitleResult {
  readonly title: Extracted<string>;
  readonly endLine: number | undefined;
}

/**
 * The plan's title: the heading that starts with "KẾ HOẠCH" near the top, joined with the lines
 * that continue it (`**KẾ HOẠCH` / `Phát động thi đua năm 2022**`), in sentence case.
 */
export function findTitle(lines: readonly PlanLine[]): TitleResult {
  const head = lines.slice(0, HEAD_LINES);
  const first = head.find(
    (line) => /^ke hoach\b/.test(line.folded.slice(line.bodyStart)) && line.folded.length < 200,
  );
  if (first === undefined) {
    return {
      title: {
        found: false,
        reason: 'Không thấy tên kế hoạch (dòng bắt đầu bằng “KẾ HOẠCH” ở phần đầu văn bản).',
      },
      endLine: undefined,
    };
  }
  const parts = [rawSlice(first, first.bodyStart, first.folded.length)];
  let last = first;
  // A heading split over lines ends at a blank line, at the closing bold marker, or where the
  // body (căn cứ…, kính gửi…) begins.
  while (parts.length < MAX_TITLE_LINES && !/\*\*\s*$/.test(last.raw)) {
    let next = lines[last.number];
    // "KẾ HOẠCH" alone is only the kind of document; its subject follows, maybe after blank lines
    // (a line break inside the heading often pastes as a new paragraph).
    if (parts.length === 1 && /^ke hoach[\s*]*$/.test(first.folded.slice(first.bodyStart))) {
      for (let n = last.number; next?.blank === true && n < last.number + 3; n += 1) next = lines[n];
    }
    if (next === undefined || next.blank || next.folded.length > 160) break;
    if (STOPS.test(next.folded.slice(next.bodyStart))) break;
    // A bulleted line is a list, not the rest of the heading.
    if (next.bulleted) break;
    parts.push(rawSlice(next, next.bodyStart, next.folded.length));
    last = next;
  }
  const title = toSentenceCase(parts.map(tidy).filter((p) => p !== ''));
  return {
    title: { found: true, value: title, evidence: evidenceFor(lines, first.number, last.number) },
    endLine: last.number,
  };
}

/**
 * "KẾ HOẠCH" + "Phát động thi đua năm 2022" → "Kế hoạch phát động thi đua năm 2022". Parts in
 * capitals are lowered, so a proper noun written in capitals (BẮC GIANG) comes out lower-case too;
 * the office corrects that on the form.
 */
function toSentenceCase(parts: readonly string[]): string {
  const lowered = parts.map((part, index) => {
    if (part === part.toLocaleUpperCase('vi')) return part.toLocaleLowerCase('vi');
    const [a, b] = Array.from(part);
    // A continuation line starts with a capital only because it is a new line.
    if (index > 0 && a !== undefined && b !== undefined && b === b.toLocaleLowerCase('vi')) {
      return a.toLocaleLowerCase('vi') + part.slice(a.length);
    }
    return part;
  });
  return capitalizeFirst(lowered.join(' ').replace(/\s+/g, ' ').trim());
}

// The heading sits above the body; looking further down would find "kế hoạch" in running text.
const HEAD_LINES = 40;
const MAX_TITLE_LINES = 3;
const STOPS = /^(can cu|thuc hien|kinh gui|so\b|noi nhan|i\.|\d+\.)/;
