import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseZaloJson } from '../../../../src/channels/zalo/parse-zalo-json';

/** A captured Zalo payload from test/fixtures/zalo, as raw text and parsed the way the channel parses it. */
export function zaloFixture(name: string): { raw: string; body: unknown } {
  const raw = readFileSync(path.join(__dirname, '../../../fixtures/zalo', `${name}.json`), 'utf8');
  return { raw, body: parseZaloJson(raw) };
}
