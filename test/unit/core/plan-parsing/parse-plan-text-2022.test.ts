import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startOfDayInZone } from '../../../../src/core/dates/zoned-time';
import { parsePlanText } from '../../../../src/core/plan-parsing/parse-plan-text';
import type { ParsedPlan } from '../../../../src/core/plan-parsing/parsed-plan';
import { foldText } from '../../../../src/core/text/fold-text';
import { plan2022 } from '../../../../src/db/seed/plan-2022';
import { date, itemsOf, readPlanFixture, valueOf, valuesOf } from './plan-test-helpers';

// The seed's own copy of the document, byte for byte as the association issued it.
const text2022 = readFileSync(path.join(__dirname, '../../../../prisma/seed', plan2022.fullTextFile), 'utf8');

describe('parsePlanText on the 2022 plan', () => {
  const plan = parsePlanText(text2022);

  it('agrees with the seed on number, date and place of issue, title, year and overall theme', () => {
    expect(valueOf(plan.documentNumber)).toBe(plan2022.docNumber);
    expect(valueOf(plan.issuedAt)).toEqual({ place: plan2022.docPlace, date: plan2022.docDate });
    expect(valueOf(plan.title)).toBe(plan2022.title);
    expect(valueOf(plan.year)).toBe(plan2022.year);
    expect(valueOf(plan.overallTheme)).toBe(plan2022.overallTheme);
  });

  it('agrees with the seed on the phases exactly', () => {
    expect(
      valuesOf(plan.phases).map((p) => ({
        ordinal: p.ordinal,
        name: p.label,
        startsOn: valueOf(p.startsOn),
        endsOn: valueOf(p.endsOn),
        theme: valueOf(p.theme),
      })),
    ).toEqual(plan2022.phases);
  });

  it('agrees with the seed on the reports: what they cover, their period and their deadlines', () => {
    expect(
      valuesOf(plan.reports).map((r) => ({
        code: valueOf(r.period).code,
        ordinal: r.ordinal,
        name: valueOf(r.period).name,
        covers: valueOf(r.covers),
        dueBefore: valueOf(r.deadline).dueBefore,
        deadlineText: valueOf(r.deadline).text,
      })),
    ).toEqual(
      plan2022.reportPeriods.map(({ code, ordinal, name, covers, dueBefore, deadlineText }) => ({
        code,
        ordinal,
        name,
        covers,
        dueBefore,
        deadlineText,
      })),
    );
  });

  it('puts each deadline at 00:00 in Hanoi time of the "trước ngày" day, the instant the seed stores', () => {
    const [first, second] = valuesOf(plan.reports).map((r) => valueOf(r.deadline));
    expect(first).toMatchObject({ kind: 'before', statedDate: date(10, 7, 2022) });
    expect(first?.dueAt).toEqual(new Date('2022-07-09T17:00:00.000Z'));
    expect(second?.dueAt).toEqual(new Date('2022-12-09T17:00:00.000Z'));
    // The same computation seed-database.ts does for deadlineAt.
    expect(valuesOf(plan.reports).map((r) => valueOf(r.deadline).dueAt)).toEqual(
      plan2022.reportPeriods.map((r) => startOfDayInZone(r.dueBefore, plan2022.timeZone)),
    );
  });

  it('agrees with the seed on the audience exactly', () => {
    expect(valuesOf(plan.audience)).toEqual(plan2022.addressees);
  });

  it('names the movements the seed lists, as the document writes them', () => {
    expect(valuesOf(plan.movements)).toEqual([
      'Doanh nghiệp Bắc Giang hội nhập và phát triển',
      'Phát huy sáng kiến, cải tiến kỹ thuật',
      // The document writes "tổ quốc"; the seed corrected it to "Tổ quốc" by hand.
      'Quần chúng bảo vệ an ninh tổ quốc',
      'Toàn dân đoàn kết xây dựng đời sống văn hóa',
      'Xây dựng môi trường Xanh – Sạch – Đẹp',
    ]);
    expect(valuesOf(plan.movements).map(foldText)).toEqual(plan2022.movements.map(foldText));
  });

  it('gives the source lines of every part, as they are in the text', () => {
    expect(plan.documentNumber).toMatchObject({ evidence: { line: 3, endLine: 3, text: 'Số: 20/KHTĐ-HHDN' } });
    expect(plan.issuedAt).toMatchObject({
      evidence: { line: 5, endLine: 5, text: 'Bắc Giang, ngày 21 tháng 4 năm 2022' },
    });
    expect(plan.title).toMatchObject({
      evidence: { line: 7, endLine: 8, text: '**KẾ HOẠCH\nPhát động thi đua năm 2022**' },
    });
    expect(plan.year).toMatchObject({ evidence: { line: 8 } });
    expect(plan.overallTheme).toMatchObject({ evidence: { line: 85 } });
    expect(itemsOf(plan.movements).map((m) => m.evidence.line)).toEqual([46, 46, 48, 48, 48]);
    expect(itemsOf(plan.audience).map((a) => a.evidence.text)).toEqual([
      '- Hội DN các huyện, thành phố;',
      '- Các hội viên tập thể;',
      '- Doanh nghiệp hội viên;',
    ]);
    const [phase1, phase2] = itemsOf(plan.phases);
    expect(phase1?.evidence).toEqual({
      line: 70,
      endLine: 70,
      text: text2022.split('\n')[69],
    });
    expect(phase1?.evidence.text).toMatch(/^- \*\*Đợt thứ nhất\*\*, từ 01\/01\/2022 đến 30\/06\/2022/);
    expect(phase2?.evidence.line).toBe(72);
    const [report1, report2] = itemsOf(plan.reports);
    expect(report1?.evidence.text).toContain('**trước ngày 10/7/2022**');
    expect(report1?.evidence.line).toBe(80);
    expect(report2?.evidence.line).toBe(83);
    // No date needed completing, so no evidence carries a note.
    expect(JSON.stringify(plan)).not.toContain('"note"');
  });

  it('has nothing to warn about', () => {
    expect(plan.warnings).toEqual([]);
  });
});

describe('parsePlanText on the 2022 plan as pasted from Word', () => {
  const original = valuesOnly(parsePlanText(text2022));

  it.each<[string, (text: string) => string]>([
    ['Windows line breaks', (t) => t.replace(/\n/g, '\r\n')],
    ['old Mac line breaks', (t) => t.replace(/\n/g, '\r')],
    ['non-breaking spaces everywhere', (t) => t.replace(/ /g, '\u00a0')],
    ['tabs after bullets and runs of spaces', (t) => t.replace(/^- /gm, '-\t').replace(/, /g, ',   ')],
    ['indented lines', (t) => t.replace(/^(?=\S)/gm, '\t  ')],
    ['decomposed (NFD) letters', (t) => t.normalize('NFD')],
    ['zero-width spaces inside words', (t) => t.replace(/(ng)(ày)/g, '$1\u200b$2').replace(/Số/g, 'S\u200bố')],
    ['straight quotes instead of curly ones', (t) => t.replace(/[“”]/g, '"')],
    ['guillemets instead of curly quotes', (t) => t.replace(/“/g, '«').replace(/”/g, '»')],
    ['bullets instead of dashes', (t) => t.replace(/^- /gm, '• ').replace(/^-(?=\S)/gm, '• ')],
    ['Word\'s symbol-font bullets', (t) => t.replace(/^- /gm, '\uf0b7\t')],
    ['extra blank lines', (t) => t.replace(/\n/g, '\n\n\n')],
    ['no blank lines at all', (t) => t.replace(/\n\s*\n/g, '\n')],
    ['no bold markers', (t) => t.replace(/\*\*/g, '')],
    ['a byte order mark', (t) => `\ufeff${t}`],
    ['the header as a two-column table', (t) => t.replace('Số: 20/KHTĐ-HHDN\n\n', 'Số: 20/KHTĐ-HHDN\t')],
  ])('reads the same values with %s', (_name, transform) => {
    expect(valuesOnly(parsePlanText(transform(text2022)))).toEqual(original);
  });

  it('keeps line numbers right with Windows line breaks, for the office to find the evidence', () => {
    const plan = parsePlanText(text2022.replace(/\n/g, '\r\n'));
    expect(plan.documentNumber).toMatchObject({ evidence: { line: 3, text: 'Số: 20/KHTĐ-HHDN' } });
    expect(itemsOf(plan.phases)[1]?.evidence.line).toBe(72);
  });
});

describe('parsePlanText on the 2022 plan typed without diacritics', () => {
  const plan = parsePlanText(readPlanFixture('ke-hoach-2022-khong-dau.txt'));

  it('finds every part, with the same dates as the original', () => {
    expect(valueOf(plan.documentNumber)).toBe('20/KHTD-HHDN');
    expect(valueOf(plan.issuedAt)).toEqual({ place: 'Bac Giang', date: date(21, 4, 2022) });
    expect(valueOf(plan.title)).toBe('Ke hoach phat dong thi dua nam 2022');
    expect(valueOf(plan.year)).toBe(2022);
    expect(valueOf(plan.overallTheme)).toBe(
      'Doan ket, sang tao, thi dua thuc hien thang loi cac muc tieu, nhiem vu chinh tri nam 2022',
    );
    expect(valuesOf(plan.phases).map((p) => [p.ordinal, p.label, valueOf(p.startsOn), valueOf(p.endsOn)])).toEqual([
      [1, 'Dot thu nhat', date(1, 1, 2022), date(30, 6, 2022)],
      [2, 'Dot thu hai', date(1, 7, 2022), date(31, 12, 2022)],
    ]);
    expect(valuesOf(plan.reports).map((r) => [valueOf(r.period).code, valueOf(r.deadline).dueBefore, valueOf(r.deadline).text])).toEqual([
      ['6-thang', date(10, 7, 2022), 'truoc ngay 10/7/2022'],
      ['ca-nam', date(10, 12, 2022), 'truoc ngay 10/12/2022'],
    ]);
    expect(valuesOf(plan.audience)).toEqual(['Hoi doanh nghiep cac huyen, thanh pho', 'Cac hoi vien tap the', 'Doanh nghiep hoi vien']);
  });

  it('reads the same text as the original, once both are folded', () => {
    const original = parsePlanText(text2022);
    const fold = (plan: ParsedPlan) => JSON.parse(JSON.stringify(valuesOnly(plan), (_k, v: unknown) => (typeof v === 'string' ? foldText(v) : v)));
    expect(fold(plan)).toEqual(fold(original));
  });
});

/** The plan without evidence: what must not change when only the layout of the text does. */
function valuesOnly(plan: ParsedPlan): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'evidence' ? undefined : value)));
}
