import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Extracted, ExtractedList, Found } from '../../../../src/core/plan-parsing/parsed-plan';

/** The value of a part that must have been found; fails the test with the parser's reason if not. */
export function valueOf<T>(part: Extracted<T>): T {
  if (!part.found) throw new Error(`expected a value, got missing: ${part.reason}`);
  return part.value;
}

/** The items of a list part that must have been found. */
export function itemsOf<T>(list: ExtractedList<T>): readonly Found<T>[] {
  if (!list.found) throw new Error(`expected items, got missing: ${list.reason}`);
  return list.items;
}

export function valuesOf<T>(list: ExtractedList<T>): T[] {
  return itemsOf(list).map((item) => item.value);
}

/** The reason of a part that must be missing. */
export function reasonOf(part: Extracted<unknown> | ExtractedList<unknown>): string {
  if (part.found) throw new Error(`expected missing, got ${JSON.stringify(part)}`);
  return part.reason;
}

export function readPlanFixture(name: string): string {
  return readFileSync(path.join(__dirname, '../../../fixtures/plans', name), 'utf8');
}

export const date = (day: number, month: number, year: number) => ({ year, month, day });

/** Item `index` of `items`, which must be there. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}, got ${items.length} items`);
  return item;
}
