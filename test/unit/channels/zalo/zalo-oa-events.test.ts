import { toZaloOaEvent } from '../../../../src/channels/zalo/zalo-oa-events';
import { zaloFixture } from './fixtures';

describe('toZaloOaEvent', () => {
  it('reads user_send_text as a message with its msg_id', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_send_text').body)).toEqual({
      kind: 'message',
      userId: '2512523625412515',
      msgId: '7d2b5c1e0f8a4d3b9c6e',
      text: 'Xin chào',
      attachments: [],
    });
  });

  it('keeps a numeric sender id as its exact digits', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_send_text-numeric-ids').body)).toMatchObject({
      kind: 'message',
      userId: '7254870239513629467',
      msgId: 'b04c1a7e93d25f68e1a0',
    });
  });

  it('reads user_send_image as a message with a picture to download and no empty text', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_send_image').body)).toEqual({
      kind: 'message',
      userId: '2512523625412515',
      msgId: 'c3f0e1d2a4b5968778aa',
      text: undefined,
      attachments: [{ kind: 'image', url: 'https://dl-a.zdn.vn/photo/2022/07/01/bang-luong-thang-6.jpg' }],
    });
  });

  it('reads user_send_file with the file name and announced size', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_send_file').body)).toMatchObject({
      kind: 'message',
      msgId: 'e97a2b64c1d03f58a2b7',
      attachments: [
        { kind: 'document', url: 'https://f3-zpc.zdn.vn/2022/07/01/bao-cao-6-thang.pdf', fileName: 'Báo cáo 6 tháng.pdf', sizeBytes: 20480 },
      ],
    });
  });

  it('reads user_submit_info as the phone the person shared', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_submit_info').body)).toEqual({
      kind: 'shared-info',
      userId: '2512523625412515',
      phone: '84912345678',
      name: 'Nguyễn Văn An',
    });
  });

  it.each(['follow', 'unfollow'] as const)('reads %s with the follower id', (name) => {
    expect(toZaloOaEvent(zaloFixture(`oa/${name}`).body)).toEqual({ kind: name, userId: '2512523625412515' });
  });

  it('ignores events it does not act on', () => {
    expect(toZaloOaEvent(zaloFixture('oa/user_send_sticker').body)).toEqual({ kind: 'ignored', eventName: 'user_send_sticker' });
  });

  it('reports a known event without the fields it needs as invalid', () => {
    const event = toZaloOaEvent({ event_name: 'user_send_text', timestamp: '1', sender: { id: '1' } });
    expect(event.kind).toBe('invalid');
  });
});
