import type { InboundMessage } from '../core/messages';
import { stripBidiControls, stripUnsafeCharacters } from '../core/text/strip-unsafe-characters';

/**
 * The message with every text a person controls (what they typed, a button's payload, their
 * display name, a file's name, a shared phone) stripped of control characters and lone
 * surrogates, before anything reads or stores it; a file's name of bidi controls as well, which
 * would disguise `.exe` as `.png` in the summary and on the office's pages.
 */
export function cleanInbound(message: InboundMessage): InboundMessage {
  const clean = (text: string | undefined) => (text === undefined ? undefined : stripUnsafeCharacters(text));
  const { attachment, sharedPhone } = message;
  return {
    ...message,
    text: clean(message.text),
    payload: clean(message.payload),
    displayName: clean(message.displayName),
    attachment: attachment && { ...attachment, fileName: stripBidiControls(stripUnsafeCharacters(attachment.fileName)) },
    sharedPhone: sharedPhone && { ...sharedPhone, phone: stripUnsafeCharacters(sharedPhone.phone) },
  };
}
