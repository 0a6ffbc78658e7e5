import { quoteInput } from '../../../../src/core/text/quote-input';

describe('quoteInput', () => {
  it('cuts at a character boundary, never inside an emoji', () => {
    const quoted = quoteInput('😀'.repeat(50), 40);
    expect(quoted).toBe('😀'.repeat(40));
    expect(quoted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('drops bidi overrides and isolates, which would turn the rest of the reply around', () => {
    expect(quoteInput('abc\u202eđịnh\u2066x\u2069', 40)).toBe('abcđịnhx');
  });

  it('puts the text on one line and leaves a short text whole', () => {
    expect(quoteInput('  dòng 1\n\ndòng 2\t ', 60)).toBe('dòng 1 dòng 2');
  });

  it.each([['\u202e \n'], ['\u200b\ufeff\u180e\u2060'], ['']])('is empty when nothing visible is left of %j', (input) => {
    expect(quoteInput(input, 60)).toBe('');
  });
});
