import { toZaloBotEvents } from '../../../../src/channels/zalo/zalo-bot-updates';
import { zaloFixture } from './fixtures';

const person = { userId: '6ede9afa66b88fe6d6a9', chatId: '6ede9afa66b88fe6d6a9', isGroup: false, displayName: 'Trần Thị Bình' };

describe('toZaloBotEvents', () => {
  it('reads a wrapped text update', () => {
    expect(toZaloBotEvents(zaloFixture('bot/message.text.received').body)).toEqual([
      { kind: 'message', messageId: '2d758cb5e222177a4e35', text: 'Xin chào', ...person },
    ]);
  });

  it('reads a bare text update the same way', () => {
    expect(toZaloBotEvents(zaloFixture('bot/message.text.received-bare').body)).toEqual([
      { kind: 'message', messageId: '8a1c44e0b93f72d5e610', text: '/start', ...person },
    ]);
  });

  it('reads a picture as a message without text or file', () => {
    expect(toZaloBotEvents(zaloFixture('bot/message.image.received').body)).toEqual([
      { kind: 'message', messageId: '41d9e2f07ab35c8816e2', text: undefined, photoUrl: 'https://bot-photo.zadn.vn/2022/07/01/5f0c2a.jpg', ...person },
    ]);
  });

  it('reads a sticker as a message without text', () => {
    expect(toZaloBotEvents(zaloFixture('bot/message.sticker.received').body)).toEqual([
      { kind: 'message', messageId: '93b0f6c2d41e8a75c3d9', ...person },
    ]);
  });

  it('ignores unsupported messages', () => {
    expect(toZaloBotEvents(zaloFixture('bot/message.unsupported.received').body)).toEqual([
      { kind: 'ignored', eventName: 'message.unsupported.received' },
    ]);
  });

  it('marks a group chat and answers there', () => {
    const [event] = toZaloBotEvents({
      event_name: 'message.text.received',
      message: { message_id: 'm1', from: { id: 'u1', first_name: 'An' }, chat: { id: 'g1', chat_type: 'GROUP' }, text: '/kehoach' },
    }) ?? [];
    expect(event).toMatchObject({ kind: 'message', userId: 'u1', chatId: 'g1', isGroup: true, displayName: 'An' });
  });

  it('returns nothing for an empty getUpdates result and null for something else', () => {
    expect(toZaloBotEvents(undefined)).toEqual([]);
    expect(toZaloBotEvents({ hello: 'world' })).toBeNull();
  });
});
