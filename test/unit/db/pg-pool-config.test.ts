import { schemaOf, toPgPoolConfig } from '../../../src/db/pg-pool-config';

describe('toPgPoolConfig', () => {
  it('turns ?schema= into the search_path and keeps the parts of the URL', () => {
    const config = toPgPoolConfig('postgresql://bot:m%E1%BA%ADt@db.internal:6543/hiephoi?schema=drill&connection_limit=4');
    expect(config).toMatchObject({ host: 'db.internal', port: 6543, user: 'bot', password: 'mật', database: 'hiephoi', max: 4 });
    expect(config.options).toBe('-c search_path="drill"');
    expect(schemaOf('postgresql://x@h/db')).toBeUndefined();
  });

  it('gives up on a connection the server does not answer after 5 s, or connect_timeout seconds', () => {
    expect(toPgPoolConfig('postgresql://x@h/db')).toMatchObject({ connectionTimeoutMillis: 5_000, keepAlive: true });
    expect(toPgPoolConfig('postgresql://x@h/db?connect_timeout=2').connectionTimeoutMillis).toBe(2_000);
  });
});
