import { foldText } from '../text/fold-text';
import type { ExtractedList, Found } from './parsed-plan';
import { capitalizeFirst, evidenceFor, rawSlice, tidy, type PlanLine } from './plan-lines';

/**
 * Who the plan addresses, from the first of these that names anyone:
 * 1. "Kính gửi: …" (the addressees proper);
 * 2. "Nơi nhận: …", leaving out offices sent a copy to report to ("(b/c)"), the archive ("Lưu …")
 *    and "Như trên";
 * 3. the sentence asking units to act: "đề nghị Hội doanh nghiệp các huyện, thành phố, các hội
 *    viên tập thể, các doanh nghiệp hội viên tổ chức …".
 * "DN" is written out as "doanh nghiệp", the abbreviation the 2022 plan's list uses.
 */
export function findAudience(lines: readonly PlanLine[]): ExtractedList<string> {
  const fromLists = listAfter(lines, 'kinh gui', true) ?? listAfter(lines, 'noi nhan', false);
  const items = fromLists ?? fromRequest(lines);
  if (items === undefined || items.length === 0) {
    return {
      found: false,
      reason: 'Không thấy kế hoạch gửi cho ai (“Kính gửi”, “Nơi nhận” hay câu “đề nghị … tổ chức thực hiện”).',
    };
  }
  return { found: true, items };
}

/** The entries of a "Kính gửi:" / "Nơi nhận:" list; undefined when there is none or it names no one. */
function listAfter(
  lines: readonly PlanLine[],
  label: string,
  inHeader: boolean,
): Found<string>[] | undefined {
  const scope = inHeader ? lines.slice(0, HEADER_LINES) : lines;
  const heading = scope.find((line) => line.folded.slice(line.bodyStart).startsWith(label));
  if (heading === undefined) return undefined;
  const items: Found<string>[] = [];
  const seen = new Set<string>();
  const add = (line: PlanLine, text: string) => {
    if (!wanted(foldText(text))) return;
    const value = cleanEntry(text);
    const key = value === undefined ? '' : foldText(value);
    if (value === undefined || key === '' || seen.has(key)) return;
    seen.add(key);
    items.push({ found: true, value, evidence: evidenceFor(lines, line.number) });
  };
  // "Nơi nhận: - Như trên; - Lưu VT." or "Kính gửi: Các doanh nghiệp hội viên" on the heading line.
  const labelEnd = heading.folded.indexOf(':', heading.bodyStart + label.length);
  const rest = labelEnd === -1 ? '' : firstCell(rawSlice(heading, labelEnd + 1, heading.folded.length));
  for (const part of rest.split(/;|\s[-–•+]\s/u)) add(heading, part);
  let blanks = 0;
  for (let n = heading.number + 1; n <= lines.length && n <= heading.number + MAX_ENTRIES; n += 1) {
    const line = lines[n - 1];
    if (line === undefined) break;
    // Pasting can put blank lines between entries; a longer gap ends the list.
    if (line.blank) {
      blanks += 1;
      if (blanks > MAX_BLANK_RUN) break;
      continue;
    }
    blanks = 0;
    // Entries are bulleted; the first line without a bullet is the signature block or the body.
    if (!line.bulleted) break;
    add(line, firstCell(rawSlice(line, line.bodyStart, line.folded.length)));
  }
  return items.length === 0 ? undefined : items;
}

/** The units an "đề nghị … tổ chức/thực hiện …" sentence asks to act. */
function fromRequest(lines: readonly PlanLine[]): Found<string>[] | undefined {
  for (const line of lines) {
    const { tokens } = line;
    for (let k = 0; k < tokens.length - 1; k += 1) {
      if (tokens[k]?.text !== 'de' || tokens[k + 1]?.text !== 'nghi') continue;
      const from = tokens[k + 1]?.end ?? 0;
      const verb = REQUEST_VERB.exec(line.folded.slice(from, from + MAX_REQUEST));
      if (verb === null) continue;
      const to = from + verb.index;
      const items: Found<string>[] = [];
      for (const [start, end] of splitList(line.folded, from, to)) {
        const value = cleanEntry(rawSlice(line, start, end));
        if (value === undefined) continue;
        items.push({ found: true, value, evidence: evidenceFor(lines, line.number) });
      }
      if (items.length > 0) return items;
    }
  }
  return undefined;
}

/**
 * Splits "Hội doanh nghiệp các huyện, thành phố, các hội viên tập thể, các doanh nghiệp hội viên"
 * at commas that start a new unit (followed by "các", "hội", "doanh nghiệp", …) and at "và", so the
 * comma inside "các huyện, thành phố" stays.
 */
function splitList(folded: string, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  const text = folded.slice(from, to);
  let last = 0;
  for (const match of text.matchAll(LIST_SPLIT)) {
    parts.push([from + last, from + match.index]);
    last = match.index + match[0].length;
  }
  parts.push([from + last, to]);
  return parts;
}

function cleanEntry(text: string): string | undefined {
  const value = tidy(text)
    .replace(/^[-–•+*\s]+/u, '')
    .replace(/[\s;.,:]+$/u, '')
    // "(để thực hiện)", "(t/h)": how the copy is meant, not who gets it.
    .replace(/\s*\((?:để\s*)?(?:thực hiện|t\/h|th|biết|b\/c)\)$/iu, '')
    // Written out in the entry's own style: with diacritics unless it was typed without any.
    .replace(/\bDN\b/g, /[^\x00-\x7f]/.test(text) ? 'doanh nghiệp' : 'doanh nghiep')
    .trim();
  return /\p{L}/u.test(value) ? capitalizeFirst(value) : undefined;
}

/** Entries that address someone who acts on the plan. */
function wanted(folded: string): boolean {
  const entry = folded.replace(/^[^a-z0-9]+/, '');
  // Signature lines ("TM. THƯỜNG TRỰC") when the list and the signature were not kept apart.
  return !NOT_ADDRESSEE.test(entry);
}

/** Word pastes a two-column table (list | signature) as cells separated by tabs: keep the first. */
function firstCell(raw: string): string {
  return raw.split('\t')[0] ?? '';
}

const HEADER_LINES = 40;
const MAX_ENTRIES = 60;
const MAX_BLANK_RUN = 6;
const MAX_REQUEST = 300;
// Where the list of units asked to act ends and what they are asked to do begins.
const REQUEST_VERB =
  /\b(to chuc|thuc hien|trien khai|quan tam|chu dong|can cu|xay dung|phat dong|nghiem tuc)\b/;
const NOT_ADDRESSEE =
  /\bb\s*\/\s*c\b|\(bc\)|bao cao|^luu\b|^nhu tren\b|^(tm|kt|t\/m)\.|^(pho )?chu tich\b/;
const LIST_SPLIT = /, (?=(?:cac|hoi|doanh|don|hiep|ban|phong|can|uy|chi|cong|tat|toan) )| va /g;
