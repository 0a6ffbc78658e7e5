import { parseTelegramUpdate, type TelegramUpdate } from '../../../../src/channels/telegram/telegram-schemas';
import { toInbound } from '../../../../src/channels/telegram/to-inbound';
import {
  type FixtureName,
  fixtureBotUsername,
  fixtureGroupId,
  fixtureNames,
  fixtureUserId,
  telegramFixture,
} from '../../../fixtures/telegram/telegram-fixtures';

const user = String(fixtureUserId);
const person = { channel: 'telegram', platformUserId: user, displayName: 'An Nguyễn Văn' } as const;

function parsed(body: unknown): TelegramUpdate {
  const update = parseTelegramUpdate(body);
  if (!update) throw new Error('not an update');
  return update;
}

function eventOf(name: FixtureName, change: Parameters<typeof telegramFixture>[1] = {}) {
  return toInbound(parsed(telegramFixture(name, change)), { botUsername: fixtureBotUsername });
}

describe('toInbound', () => {
  it('passes private text as is, with the update id as tg-<update_id>', () => {
    expect(eventOf('private-text')).toEqual({
      kind: 'message',
      message: { ...person, text: 'Xin chào, cho tôi hỏi thủ tục gửi báo cáo', updateId: 'tg-871100001' },
    });
  });

  it('passes /start with its payload untouched, for the engine to read the invite code', () => {
    expect(eventOf('start-with-payload')).toEqual({
      kind: 'message',
      message: { ...person, text: '/start HV0042', updateId: 'tg-871100002' },
    });
  });

  it('passes a group command addressed to this bot with the group as groupChatId', () => {
    expect(eventOf('group-command-to-bot')).toEqual({
      kind: 'message',
      message: { ...person, text: '/kehoach@HiepHoiBacGiangBot', groupChatId: String(fixtureGroupId), updateId: 'tg-871100003' },
    });
  });

  it('matches the bot username in a group command without regard to case', () => {
    const event = eventOf('group-command-to-bot', { text: '/trogiup@hiephoibacgiangbot' });
    expect(event).toMatchObject({ kind: 'message', message: { text: '/trogiup@hiephoibacgiangbot', groupChatId: String(fixtureGroupId) } });
  });

  it('ignores a group command addressed to another bot', () => {
    expect(eventOf('group-command-to-other-bot')).toMatchObject({ kind: 'ignore' });
  });

  it('ignores a group command without the bot username, and plain group text', () => {
    expect(eventOf('group-command-to-bot', { text: '/baocao' })).toMatchObject({ kind: 'ignore' });
    expect(eventOf('group-text')).toMatchObject({ kind: 'ignore' });
  });

  it('ignores a bot mention that is not a command at the start of the message', () => {
    expect(eventOf('group-text', { text: 'Hỏi @HiepHoiBacGiangBot /kehoach@HiepHoiBacGiangBot' })).toMatchObject({ kind: 'ignore' });
  });

  it('turns a pressed button into the payload, with the query to answer', () => {
    expect(eventOf('callback-query')).toEqual({
      kind: 'message',
      message: { ...person, payload: 'cmd:report', updateId: 'tg-871100006' },
      callbackQueryId: '2201830174655236123',
    });
  });

  it('answers but ignores a pressed button in a group', () => {
    const update = telegramFixture('callback-query');
    update.callback_query.message.chat = { id: fixtureGroupId, type: 'supergroup', title: 'Nhóm' };
    expect(toInbound(parsed(update), { botUsername: fixtureBotUsername })).toEqual({
      kind: 'ignore',
      reason: 'callback from a group',
      callbackQueryId: '2201830174655236123',
    });
  });

  it('treats a button whose message is too old to be included as a private press', () => {
    const update = telegramFixture('callback-query');
    delete update.callback_query.message;
    expect(toInbound(parsed(update), { botUsername: fixtureBotUsername })).toMatchObject({
      kind: 'message',
      message: { payload: 'cmd:report', platformUserId: user },
    });
  });

  it('ignores an edited message', () => {
    expect(eventOf('edited-message')).toEqual({ kind: 'ignore', reason: 'edited_message' });
  });

  it('describes a document without downloading it, the caption as text', () => {
    expect(eventOf('document')).toEqual({
      kind: 'message',
      message: { ...person, text: 'Báo cáo kèm theo', updateId: 'tg-871100008' },
      file: {
        fileId: 'BQACAgUAAxkBAAIBEWK-x2r8Q0aJ3bq7pdf',
        kind: 'document',
        fileName: 'Báo cáo 6 tháng 2022.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 20480,
      },
    });
  });

  it('describes the largest size of a photo', () => {
    expect(eventOf('photo')).toEqual({
      kind: 'message',
      message: { ...person, text: undefined, updateId: 'tg-871100009' },
      file: { fileId: 'AgACAgUAAxkBAAIBEmK-photo-x', kind: 'image', fileName: 'anh-18.jpg', mimeType: 'image/jpeg', sizeBytes: 98230 },
    });
  });

  it('vouches for a shared phone only when it is the sender’s own contact', () => {
    expect(eventOf('contact-own')).toEqual({
      kind: 'message',
      message: { ...person, sharedPhone: { phone: '84912345678', verified: true }, updateId: 'tg-871100010' },
    });
    expect(eventOf('contact-other')).toEqual({
      kind: 'message',
      message: { ...person, sharedPhone: { phone: '+84987654321', verified: false }, updateId: 'tg-871100011' },
    });
  });

  it('turns a sticker into a message with no text', () => {
    expect(eventOf('sticker')).toEqual({ kind: 'message', message: { ...person, text: undefined, updateId: 'tg-871100012' } });
  });

  it('describes a voice note as a file that is never accepted', () => {
    const update = telegramFixture('sticker');
    delete update.message.sticker;
    update.message.voice = { file_id: 'AwACAgUAAxkBvoice', file_unique_id: 'AgADvoice', duration: 4, mime_type: 'audio/ogg', file_size: 9000 };
    expect(toInbound(parsed(update), { botUsername: fixtureBotUsername })).toMatchObject({
      kind: 'message',
      file: { fileId: 'AwACAgUAAxkBvoice', kind: 'other', mimeType: 'audio/ogg', sizeBytes: 9000 },
    });
  });

  it('marks the contact blocked when the bot is kicked from a private chat, and active when it is back', () => {
    expect(eventOf('my-chat-member-kicked')).toEqual({
      kind: 'contact-status',
      status: 'blocked',
      platformUserId: user,
      displayName: 'An Nguyễn Văn',
      at: new Date(1656641100 * 1000),
    });
    expect(eventOf('my-chat-member-member')).toEqual({
      kind: 'contact-status',
      status: 'active',
      platformUserId: user,
      displayName: 'An Nguyễn Văn',
      at: new Date(1656641200 * 1000),
    });
  });

  it('ignores the bot being added to or removed from a group', () => {
    const update = telegramFixture('my-chat-member-kicked');
    update.my_chat_member.chat = { id: fixtureGroupId, type: 'supergroup', title: 'Nhóm' };
    update.my_chat_member.new_chat_member.status = 'left';
    expect(toInbound(parsed(update), { botUsername: fixtureBotUsername })).toMatchObject({ kind: 'ignore' });
  });

  it('ignores an update kind it does not handle', () => {
    expect(eventOf('message-reaction')).toEqual({ kind: 'ignore', reason: 'message_reaction' });
  });

  it('ignores messages written by bots', () => {
    const update = telegramFixture('private-text');
    update.message.from.is_bot = true;
    expect(toInbound(parsed(update), { botUsername: fixtureBotUsername })).toMatchObject({ kind: 'ignore' });
  });

  it.each(fixtureNames)('keeps ids as strings and never throws for %s', (name) => {
    const event = eventOf(name);
    if (event.kind === 'message') {
      expect(typeof event.message.platformUserId).toBe('string');
      expect(event.message.channel).toBe('telegram');
      expect(event.message.updateId).toMatch(/^tg-\d+$/);
    }
  });
});

describe('parseTelegramUpdate', () => {
  it('returns null for a body without update_id', () => {
    expect(parseTelegramUpdate({ message: {} })).toBeNull();
    expect(parseTelegramUpdate([])).toBeNull();
    expect(parseTelegramUpdate('update')).toBeNull();
    expect(parseTelegramUpdate(null)).toBeNull();
  });

  it('reduces a message of an unexpected shape to an ignored update', () => {
    expect(parseTelegramUpdate({ update_id: 5, message: { text: 42 } })).toEqual({ updateId: 5, kind: 'other', what: 'malformed message' });
  });

  it('keeps only the fields it reads', () => {
    const update = parsed(telegramFixture('contact-other'));
    expect(update.kind === 'message' && update.message.contact).toEqual({
      phone_number: '+84987654321',
      first_name: 'Bình',
      last_name: 'Trần Thị',
      user_id: 5987654302,
    });
  });
});
