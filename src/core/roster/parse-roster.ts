import { parseVnMobile } from '../phone/parse-vn-mobile';
import { parseTaxCode } from '../tax-code/parse-tax-code';
import { foldText } from '../text/fold-text';
import { normalizeVietnamese } from '../text/normalize-vietnamese';

/** An area a roster row may name, as the database holds it. */
export interface RosterArea {
  readonly id: number;
  /** As displayed, e.g. `Thành phố Bắc Giang`, `Hiệp Hòa`. */
  readonly name: string;
  readonly kind: 'city' | 'town' | 'district';
}

/** The three kinds of member the association has (the database's `MemberType`). */
export type RosterMemberType = 'enterprise' | 'district_association' | 'collective';

/** One member as the roster describes it, checked and in the form it is stored. */
export interface RosterRow {
  /** The row's number in the file as the office sees it in Excel: the header is line 1. */
  readonly line: number;
  /** Normalized with `normalizeVietnamese`. */
  readonly name: string;
  /** `0100109106` or `0100109106-001`; null only for district associations and collectives. */
  readonly taxCode: string | null;
  readonly areaId: number;
  readonly type: RosterMemberType;
  readonly contactPerson: string | null;
  /** E.164, e.g. `+84912345678`. */
  readonly phone: string | null;
  readonly address: string | null;
}

/** A row that cannot be imported, with every reason, in Vietnamese, ready to show the office. */
export interface RosterRowError {
  readonly line: number;
  readonly reasons: readonly string[];
}

/**
 * Either the file's rows (good and bad apart), or one reason the whole file cannot be read as a
 * roster (a required column is missing), in Vietnamese.
 */
export type RosterParseResult =
  | { readonly ok: true; readonly rows: readonly RosterRow[]; readonly errors: readonly RosterRowError[] }
  | { readonly ok: false; readonly fileError: string };

/**
 * Reads the office's member list (a table whose first row holds the column headers) into rows
 * ready to import, and says, per line, what is wrong with the others. Pure: the caller reads the
 * file and supplies the areas.
 *
 * Columns are found by their headers as the office writes them (with or without diacritics, any
 * case, extra spaces and punctuation ignored, common aliases such as `MST`, `SĐT`, `Huyện/TP`);
 * other columns are ignored. Name, tax code and area columns are required.
 *
 * Rows whose recognised columns are all empty (blank lines, or a template's pre-numbered `STT`
 * rows) are skipped silently. Line numbers count the table's rows, header included, which is the
 * row number Excel shows.
 *
 * Excel stores a tax code or phone typed into a numeric cell as a number and drops its leading 0
 * (`0100109106` → `100109106`, `0912345678` → `912345678`), and the export keeps the number. A
 * 9-digit tax code (or 12-digit one with its branch suffix) and a 9-digit phone starting with 3, 5,
 * 7, 8 or 9 therefore get their 0 back; no valid value has those shapes otherwise.
 */
export function parseRoster(table: readonly (readonly string[])[], areas: readonly RosterArea[]): RosterParseResult {
  const header = table[0];
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    return { ok: false, fileError: 'Tệp không có dữ liệu: dòng đầu tiên phải là tên các cột (Tên doanh nghiệp, Mã số thuế, Khu vực…).' };
  }
  const columns = findColumns(header);
  const missing = REQUIRED_COLUMNS.filter((key) => columns[key] === undefined);
  if (missing.length > 0) {
    return { ok: false, fileError: missingColumnsMessage(missing, header) };
  }

  const areaMatcher = createAreaMatcher(areas);
  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const lineByTaxCode = new Map<string, number>();
  const lineByNameAndType = new Map<string, number>();

  for (const [index, cells] of table.entries()) {
    if (index === 0) continue;
    const line = index + 1;
    const cell = (key: ColumnKey): string => {
      const column = columns[key];
      return column === undefined ? '' : (cells[column] ?? '').trim();
    };
    if (COLUMN_KEYS.every((key) => cell(key) === '')) continue;

    const reasons: string[] = [];
    const name = normalizeVietnamese(cell('name'));
    if (name === '') reasons.push('Thiếu tên doanh nghiệp');

    const rawType = cell('type');
    const type = parseMemberType(rawType);

    const rawTaxCode = cell('taxCode');
    let taxCode: string | null = null;
    if (rawTaxCode === '') {
      // District associations and collectives are often not registered enterprises. An empty type
      // means enterprise, so the hint helps an association whose type was left blank.
      if (type === 'enterprise') {
        reasons.push(
          rawType === ''
            ? 'Thiếu mã số thuế (bắt buộc với doanh nghiệp; nếu là hội doanh nghiệp hay hội viên tập thể, xin ghi ở cột Loại hội viên)'
            : 'Thiếu mã số thuế (bắt buộc với doanh nghiệp)',
        );
      }
    } else {
      const parsed = parseTaxCodeCell(rawTaxCode);
      if (parsed.ok) {
        taxCode = parsed.value;
        const earlier = lineByTaxCode.get(taxCode);
        if (earlier === undefined) lineByTaxCode.set(taxCode, line);
        else reasons.push(`Trùng mã số thuế với dòng ${earlier}`);
      } else {
        reasons.push(parsed.reason);
      }
    }

    const rawArea = cell('area');
    let areaId: number | undefined;
    if (rawArea === '') {
      reasons.push('Thiếu khu vực');
    } else {
      const matched = areaMatcher(rawArea);
      if (matched.ok) areaId = matched.value;
      else reasons.push(matched.reason);
    }

    if (type === undefined) {
      reasons.push(
        `Không rõ loại hội viên “${rawType}” (ghi Doanh nghiệp, Hội doanh nghiệp huyện/thành phố hoặc Hội viên tập thể)`,
      );
    }

    const rawPhone = cell('phone');
    let phone: string | null = null;
    if (rawPhone !== '') {
      const parsed = parsePhoneCell(rawPhone);
      if (parsed.ok) phone = parsed.value;
      else reasons.push(parsed.reason);
    }

    // Without a tax code, name and type are what identifies the member on import, so two such rows
    // would silently overwrite each other.
    if (taxCode === null && rawTaxCode === '' && name !== '' && type !== undefined) {
      const key = `${foldText(name)}|${type}`;
      const earlier = lineByNameAndType.get(key);
      if (earlier === undefined) lineByNameAndType.set(key, line);
      else reasons.push(`Trùng tên và loại hội viên với dòng ${earlier} (cả hai không có mã số thuế)`);
    }

    if (reasons.length > 0 || areaId === undefined || type === undefined) {
      errors.push({ line, reasons });
      continue;
    }
    rows.push({
      line,
      name,
      taxCode,
      areaId,
      type,
      contactPerson: optionalText(cell('contactPerson')),
      phone,
      address: optionalText(cell('address')),
    });
  }
  return { ok: true, rows, errors };
}

type ColumnKey = 'name' | 'taxCode' | 'area' | 'type' | 'contactPerson' | 'phone' | 'address';

/** The first alias is the column's name in messages. */
const HEADER_ALIASES: Readonly<Record<ColumnKey, readonly string[]>> = {
  name: ['Tên doanh nghiệp', 'Tên hội viên', 'Tên đơn vị', 'Tên DN'],
  taxCode: ['Mã số thuế', 'MST', 'Mã số DN', 'Mã số doanh nghiệp'],
  area: ['Khu vực', 'Địa bàn', 'Huyện/TP', 'Huyện, thành phố'],
  type: ['Loại hội viên', 'Loại'],
  contactPerson: ['Người liên hệ', 'Người đại diện', 'Liên hệ'],
  phone: ['Điện thoại', 'Số điện thoại', 'SĐT', 'ĐT', 'Số ĐT', 'Điện thoại di động', 'Di động'],
  address: ['Địa chỉ'],
};

const COLUMN_KEYS: readonly ColumnKey[] = ['name', 'taxCode', 'area', 'type', 'contactPerson', 'phone', 'address'];
const REQUIRED_COLUMNS: readonly ColumnKey[] = ['name', 'taxCode', 'area'];

/** The headers of the office's blank roster template, in order: each column's name as messages give it. */
export const rosterTemplateHeaders: readonly string[] = COLUMN_KEYS.map((key) => HEADER_ALIASES[key][0] ?? key);

/**
 * Folded, with punctuation turned into spaces: `Huyện/TP`, `huyen tp` and `Mã số thuế (*)`
 * compare by their words only.
 */
function matchKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const COLUMN_BY_HEADER: ReadonlyMap<string, ColumnKey> = new Map(
  COLUMN_KEYS.flatMap((key) => HEADER_ALIASES[key].map((alias) => [matchKey(alias), key] as const)),
);

function findColumns(header: readonly string[]): Partial<Record<ColumnKey, number>> {
  const columns: Partial<Record<ColumnKey, number>> = {};
  for (const [index, text] of header.entries()) {
    const key = COLUMN_BY_HEADER.get(matchKey(text));
    // The leftmost of two columns with the same meaning wins, as a reader would assume.
    if (key !== undefined && columns[key] === undefined) columns[key] = index;
  }
  return columns;
}

function missingColumnsMessage(missing: readonly ColumnKey[], header: readonly string[]): string {
  const names = missing.map((key) => `“${HEADER_ALIASES[key][0]}”`).join(', ');
  const found = header.map((text) => text.trim()).filter((text) => text !== '');
  return (
    `Không tìm thấy cột ${names} ở dòng tiêu đề (dòng 1). ` +
    `Các cột hiện có: ${found.map((text) => `“${text}”`).join(', ')}.`
  );
}

function parseMemberType(raw: string): RosterMemberType | undefined {
  const key = matchKey(raw);
  if (ENTERPRISE_TYPES.has(key)) return 'enterprise';
  if (COLLECTIVE_TYPES.has(key)) return 'collective';
  // "Hội doanh nghiệp huyện Hiệp Hòa", "Hội DN Lục Nam", "Hội doanh nghiệp thành phố": the
  // office often writes which district after the kind.
  if (['hoi doanh nghiep', 'hoi dn'].some((prefix) => key === prefix || key.startsWith(`${prefix} `))) {
    return 'district_association';
  }
  return undefined;
}

// An empty cell is the usual case: most members are enterprises.
const ENTERPRISE_TYPES: ReadonlySet<string> = new Set(['', 'doanh nghiep', 'dn', 'doanh nghiep hoi vien', 'hoi vien doanh nghiep']);
const COLLECTIVE_TYPES: ReadonlySet<string> = new Set(['hoi vien tap the', 'tap the']);

type CellResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function parseTaxCodeCell(raw: string): CellResult<string> {
  if (EXPONENT.test(raw)) {
    return {
      ok: false,
      reason: `Mã số thuế “${raw}” đã bị Excel đổi sang dạng số mũ nên mất chữ số; xin định dạng cột là Văn bản (Text) rồi nhập lại`,
    };
  }
  // See the note on leading zeros in parseRoster's documentation.
  const restored = /^(\d{9}|\d{12})$/.test(raw) ? `0${raw}` : raw;
  const parsed = parseTaxCode(restored);
  if (parsed.ok) return { ok: true, value: parsed.value };
  // Some of the parser's messages name the code already ("Mã số thuế 0100109107 không đúng…").
  const namesTheCode = parsed.message.startsWith(`Mã số thuế ${restored.replace(/\D/gu, '').slice(0, 10)} `);
  const reason = namesTheCode ? parsed.message : `Mã số thuế “${raw}” không hợp lệ: ${parsed.message}`;
  return { ok: false, reason: withoutFinalStop(reason) };
}

/**
 * One mobile number in E.164. A cell may list several numbers (`0204 3854 123 / 0912 345 678`,
 * often a landline and a mobile); the first mobile among them is kept.
 */
function parsePhoneCell(raw: string): CellResult<string> {
  if (EXPONENT.test(raw)) {
    return {
      ok: false,
      reason: `Số điện thoại “${raw}” đã bị Excel đổi sang dạng số mũ; xin định dạng cột là Văn bản (Text) rồi nhập lại`,
    };
  }
  const parts = raw.split(/[;,/\n]+/u).map((part) => part.trim()).filter((part) => part !== '');
  let firstFailure: string | undefined;
  for (const part of parts) {
    // See the note on leading zeros in parseRoster's documentation.
    const parsed = parseVnMobile(/^[35789]\d{8}$/.test(part) ? `0${part}` : part);
    if (parsed.ok) return { ok: true, value: parsed.value };
    firstFailure ??= parsed.message;
  }
  return {
    ok: false,
    reason: withoutFinalStop(`Số điện thoại “${raw}” không hợp lệ: ${firstFailure ?? ''}`),
  };
}

// What Excel's "General" format writes for long numbers, e.g. `1,00109E+11` or `1.00109E+11`.
const EXPONENT = /^\d+([.,]\d+)?e\+?\d+$/iu;

function optionalText(raw: string): string | null {
  const text = normalizeVietnamese(raw);
  return text === '' ? null : text;
}

function withoutFinalStop(text: string): string {
  return text.replace(/\.\s*$/u, '');
}

type AreaMatch = CellResult<number>;

/**
 * Matches what the office writes for an area (`TP Bắc Giang`, `thanh pho bac giang`, `Huyện Hiệp
 * Hoà`, `H. Hiệp Hòa`, `hiep hoa`) against the areas' names, both folded and without the
 * administrative prefix. The prefix only matters when two areas share a name (a city and a district
 * of the same name), and then it decides.
 */
function createAreaMatcher(areas: readonly RosterArea[]): (raw: string) => AreaMatch {
  const byBareName = new Map<string, RosterArea[]>();
  for (const area of areas) {
    const { bare } = splitAreaPrefix(area.name);
    byBareName.set(bare, [...(byBareName.get(bare) ?? []), area]);
  }
  return (raw) => {
    const { bare, kind } = splitAreaPrefix(raw);
    const candidates = byBareName.get(bare) ?? [];
    const chosen = candidates.length > 1 ? candidates.filter((area) => area.kind === kind) : candidates;
    const [only, ...others] = chosen;
    if (only !== undefined && others.length === 0) return { ok: true, value: only.id };
    if (candidates.length > 1) {
      return { ok: false, reason: `Khu vực “${raw}” trùng tên nhiều nơi; xin ghi rõ Huyện, Thị xã hay Thành phố` };
    }
    return { ok: false, reason: unknownAreaMessage(raw, bare, areas) };
  };
}

const AREA_PREFIXES: ReadonlyArray<readonly [string, RosterArea['kind']]> = [
  ['thanh pho', 'city'],
  ['tp', 'city'],
  ['thi xa', 'town'],
  ['tx', 'town'],
  ['huyen', 'district'],
  ['h', 'district'],
];

function splitAreaPrefix(text: string): { bare: string; kind?: RosterArea['kind'] } {
  const key = matchKey(text);
  for (const [prefix, kind] of AREA_PREFIXES) {
    if (key.startsWith(`${prefix} `)) return { bare: key.slice(prefix.length + 1), kind };
  }
  return { bare: key };
}

/** Suggests the nearest area for a typo; otherwise lists them all (a province has about ten). */
function unknownAreaMessage(raw: string, bare: string, areas: readonly RosterArea[]): string {
  let nearest: RosterArea | undefined;
  let nearestDistance = Infinity;
  for (const area of areas) {
    const distance = editDistance(bare, splitAreaPrefix(area.name).bare);
    if (distance < nearestDistance) {
      nearest = area;
      nearestDistance = distance;
    }
  }
  if (nearest !== undefined && nearestDistance <= MAX_TYPO_DISTANCE) {
    return `Không rõ khu vực “${raw}” (có phải “${nearest.name}”?)`;
  }
  return `Không rõ khu vực “${raw}” (các khu vực: ${areas.map((area) => area.name).join(', ')})`;
}

// Two slips are a typo; more, and a suggestion is more likely wrong than helpful.
const MAX_TYPO_DISTANCE = 2;

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
