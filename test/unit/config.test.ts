import { pageCsp } from '../../server/app.ts';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('config', () => {
  it('defaults to port 8080 and data/generated', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe(path.resolve('data/generated'));
  });

  it('reads PORT and TWEELING_DATA_DIR so several instances can run side by side', () => {
    const c = loadConfig({ PORT: '9123', TWEELING_DATA_DIR: '/tmp/twin-b' });
    expect(c.port).toBe(9123);
    expect(c.dataDir).toBe('/tmp/twin-b');
  });

  it('lets explicit flags win over the environment', () => {
    expect(loadConfig({ PORT: '9123' }, { port: '9200' }).port).toBe(9200);
  });

  it('fails fast naming the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/port/);
  });
});

describe('config overrides', () => {
  it('keeps the environment value when a flag is absent (undefined)', () => {
    expect(loadConfig({ TWEELING_DATA_DIR: '/tmp/twin-c' }, { dataDir: undefined }).dataDir).toBe('/tmp/twin-c');
  });
  it('reads the proxy hop count and the tiles CDN, trims its trailing slash and allows its origin in the page CSP', () => {
    const c = loadConfig({ TWEELING_TRUST_PROXY_HOPS: '1', TWEELING_TILES_BASE_URL: 'https://cdn.example.nl/twin/tiles/' });
    expect(c.trustProxyHops).toBe(1);
    expect(c.tilesBaseUrl).toBe('https://cdn.example.nl/twin/tiles');
    expect(pageCsp(c).connectSrc).toEqual(["'self'", 'https://cdn.example.nl']);
    expect(pageCsp(loadConfig({})).connectSrc).toEqual(["'self'"]);
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(() => loadConfig({ TWEELING_TILES_BASE_URL: 'javascript:alert(1)' })).toThrow(/tilesBaseUrl/);
    expect(() => loadConfig({ TWEELING_TRUST_PROXY_HOPS: 'true' })).toThrow(/trustProxyHops/);
  });

  it('reads the shutdown deadline and the WAL checkpoint interval, and refuses values outside 100 ms … 10 min', () => {
    expect(loadConfig({})).toMatchObject({ shutdownDeadlineMs: 15_000, walCheckpointMs: 30_000 });
    expect(loadConfig({ TWEELING_SHUTDOWN_DEADLINE_MS: '2000', TWEELING_WAL_CHECKPOINT_MS: '500' })).toMatchObject({ shutdownDeadlineMs: 2000, walCheckpointMs: 500 });
    expect(() => loadConfig({ TWEELING_SHUTDOWN_DEADLINE_MS: '50' })).toThrow(/shutdownDeadlineMs/);
    expect(() => loadConfig({ TWEELING_WAL_CHECKPOINT_MS: '1.5' })).toThrow(/walCheckpointMs/);
  });
});
