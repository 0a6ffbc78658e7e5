import { readFileSync } from 'node:fs';
import path from 'node:path';
import { daysInMonth } from '../../../../src/core/dates/calendar-date';
import { parsePlanText } from '../../../../src/core/plan-parsing/parse-plan-text';
import type { Evidence, ParsedPlan } from '../../../../src/core/plan-parsing/parsed-plan';
import { reasonOf } from './plan-test-helpers';

const text2022 = readFileSync(path.join(__dirname, '../../../../prisma/seed/ke-hoach-thi-dua-2022.txt'), 'utf8');

describe('parsePlanText on any input', () => {
  it.each([
    ['an empty string', ''],
    ['spaces', '   \t  '],
    ['only line breaks', '\r\n'.repeat(5000)],
    ['one word', 'Đợt'],
    ['a lone surrogate', '\ud800Đợt 1 từ \udfff01/01/2023'],
    ['combining marks alone', '\u0301\u0323\u0309 ngày \u0301 tháng'],
    ['a byte order mark', '\ufeff'],
  ])('gives a result for %s without throwing', (_name, text) => {
    expect(() => checkInvariants(text, parsePlanText(text))).not.toThrow();
    expect(Object.keys(parsePlanText(text)).sort()).toEqual(
      ['audience', 'documentNumber', 'issuedAt', 'movements', 'overallTheme', 'phases', 'reports', 'title', 'warnings', 'year'],
    );
  });

  it('says an empty text is empty, part by part', () => {
    const plan = parsePlanText('  \n\n ');
    expect(reasonOf(plan.title)).toBe('Văn bản trống.');
    expect(reasonOf(plan.phases)).toBe('Văn bản trống.');
    expect(plan.warnings).toEqual([]);
  });

  it('does not read a text far longer than any plan', () => {
    const plan = parsePlanText(text2022.repeat(40));
    expect(reasonOf(plan.documentNumber)).toMatch(/^Văn bản quá dài/);
    expect(reasonOf(plan.reports)).toMatch(/^Văn bản quá dài/);
  });

  it('reads 100 KB of text in well under a second or two', () => {
    const text = text2022.repeat(10).slice(0, 100_000);
    const started = Date.now();
    const plan = parsePlanText(text);
    expect(Date.now() - started).toBeLessThan(3000);
    checkInvariants(text, plan);
    // Repeated, the plan's phases are still two: each ordinal is kept once.
    expect(plan.phases.found && plan.phases.items.length).toBe(2);
  });

  it.each([
    ['quotes', '“'.repeat(100_000)],
    ['"chủ đề" over and over', 'với chủ đề '.repeat(9_000)],
    ['"phong trào “" over and over', 'phong trào “'.repeat(9_000)],
    ['phase markers in one line', 'Đợt 1 từ 01/01 đến '.repeat(5_000)],
    ['reports in one line', 'báo cáo trước ngày 1/1/2022; '.repeat(3_500)],
    ['dates in words', 'ngày mười tháng '.repeat(6_000)],
    ['bullets', '- '.repeat(50_000)],
    ['a long "Nơi nhận" list', `Nơi nhận:\n${'- Doanh nghiệp A;\n'.repeat(5_000)}`],
  ])('stays fast on pathological input: %s', (_name, text) => {
    const started = Date.now();
    const plan = parsePlanText(text);
    expect(Date.now() - started).toBeLessThan(3000);
    checkInvariants(text, plan);
  });

  it('never throws on random text, and every value it finds points at real lines', () => {
    const random = mulberry32(20220421);
    for (let round = 0; round < 400; round += 1) {
      const text = round % 2 === 0 ? randomChars(random, 400) : randomPlanish(random, 120);
      let plan: ParsedPlan;
      try {
        plan = parsePlanText(text);
      } catch (error) {
        throw new Error(`threw on ${JSON.stringify(text)}: ${String(error)}`);
      }
      checkInvariants(text, plan);
    }
  });

  it('never throws on the 2022 plan damaged at random', () => {
    const random = mulberry32(2022);
    for (let round = 0; round < 150; round += 1) {
      const chars = Array.from(text2022);
      for (let edit = 0; edit < 40; edit += 1) {
        const at = Math.floor(random() * chars.length);
        const kind = random();
        if (kind < 0.4) chars.splice(at, 1 + Math.floor(random() * 20));
        else if (kind < 0.8) chars.splice(at, 0, pick(random, PLAN_WORDS));
        else chars[at] = pick(random, ODD_CHARS);
      }
      const text = chars.join('');
      checkInvariants(text, parsePlanText(text));
    }
  });
});

/**
 * What must hold for any input: evidence names existing lines and quotes them as they are, and
 * every date found exists on the calendar.
 */
function checkInvariants(text: string, plan: ParsedPlan): void {
  const lines = text.split(/\r\n|\r|\n/);
  const quotes = new Map<string, string>();
  visit(plan, (key, value) => {
    if (key === 'evidence') {
      if (!isEvidence(value)) throw new Error(`malformed evidence: ${JSON.stringify(value)}`);
      const evidence = value;
      if (evidence.line < 1 || evidence.endLine < evidence.line || evidence.endLine > lines.length) {
        throw new Error(`evidence outside the text's ${lines.length} lines: ${JSON.stringify(evidence)}`);
      }
      const key = `${evidence.line}-${evidence.endLine}`;
      let quoted = quotes.get(key);
      if (quoted === undefined) {
        // Lines beyond 5000 characters are cut in evidence; everything else is quoted exactly.
        quoted = lines
          .slice(evidence.line - 1, evidence.endLine)
          .map((l) => (l.length > 5000 ? `${l.slice(0, 5000)}…` : l))
          .join('\n');
        quotes.set(key, quoted);
      }
      if (evidence.text !== quoted) expect(evidence.text).toBe(quoted);
    }
    if (isCalendarDate(value)) {
      const valid = value.month >= 1 && value.month <= 12 && value.day >= 1 && value.day <= daysInMonth(value.year, value.month);
      if (!valid) throw new Error(`found a day that does not exist: ${JSON.stringify(value)}`);
    }
  });
}

function visit(value: unknown, callback: (key: string, value: unknown) => void): void {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  for (const [key, child] of Object.entries(value)) {
    callback(key, child);
    visit(child, callback);
  }
}

function isEvidence(value: unknown): value is Evidence {
  return (
    typeof value === 'object' &&
    value !== null &&
    'line' in value &&
    typeof value.line === 'number' &&
    'endLine' in value &&
    typeof value.endLine === 'number' &&
    'text' in value &&
    typeof value.text === 'string'
  );
}

function isCalendarDate(value: unknown): value is { year: number; month: number; day: number } {
  return typeof value === 'object' && value !== null && 'year' in value && 'month' in value && 'day' in value;
}

const PLAN_WORDS = [
  'Đợt ', 'thứ ', 'nhất ', 'hai ', 'I ', 'Giai đoạn ', 'từ ', 'đến ', 'hết ', 'ngày ', 'mùng ', 'tháng ', 'năm ', 'Giêng ',
  'Chạp ', 'mười ', 'mươi ', 'mốt ', 'lăm ', 'tư ', 'trước ', 'chậm nhất ', 'hạn chót: ', 'báo cáo ', 'Báo cáo ', 'gửi về ',
  'chủ đề ', 'khẩu hiệu ', 'phong trào ', 'thi đua ', '“', '”', '"', '(', ')', ':', ';', ',', '.', ' - ', '/', '10/7/2022',
  '31/02/2023', '1/1', '2022', '22', '17 giờ ', 'Số: ', '20/KH-HHDN ', 'Bắc Giang, ', 'KẾ HOẠCH ', 'Nơi nhận:', 'Kính gửi:',
  'đề nghị ', 'tổ chức ', 'DN ', '(b/c)', 'Lưu ', 'quý ', '6 tháng đầu năm ', '\n', '\n', '\n- ', '\t', '\r\n', '**',
];
const ODD_CHARS = ['\u00a0', '\u200b', '\ufeff', '\u0301', '\ud800', '😀', '\u2028', '\v', '–', '•', '\uf0b7', 'ǅ', 'İ', 'ß'];

function randomPlanish(random: () => number, words: number): string {
  let text = '';
  for (let i = 0; i < words; i += 1) text += random() < 0.9 ? pick(random, PLAN_WORDS) : pick(random, ODD_CHARS);
  return text;
}

function randomChars(random: () => number, length: number): string {
  let text = '';
  const n = Math.floor(random() * length);
  for (let i = 0; i < n; i += 1) {
    const kind = random();
    text +=
      kind < 0.5
        ? String.fromCharCode(32 + Math.floor(random() * 95))
        : kind < 0.8
          ? String.fromCharCode(Math.floor(random() * 0x3000))
          : pick(random, ODD_CHARS);
  }
  return text;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A small seeded generator, so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
