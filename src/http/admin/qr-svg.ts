import { toString as renderQr } from 'qrcode';
import { escapeHtml } from '../html';

/**
 * A QR code of `text` as an SVG document titled with `text`, so that a screen reader or a hovering
 * pointer tells where it leads (and a test which link it holds).
 */
export async function qrSvg(text: string): Promise<string> {
  // Level M still scans from a creased or smudged printed card; the 4-module margin is the quiet
  // zone the standard asks for, which phones need when the code is printed near other marks.
  const svg = await renderQr(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return svg.replace(/^<svg([^>]*)>/, (_whole, attributes: string) => `<svg${attributes} role="img"><title>${escapeHtml(text)}</title>`);
}
