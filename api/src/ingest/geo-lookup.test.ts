import { describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config.ts';
import { cloudflareLocation, openGeoLookup } from './geo-lookup.ts';

describe('approximate location', () => {
  it('reads country and city from the bundled database, for IPv4 and IPv6', async () => {
    const lookup = await openGeoLookup(loadConfig({}).geoipDatabases);
    expect(lookup('81.2.69.142')).toEqual({ country: 'GB', city: 'London' });
    expect(lookup('2001:4860:4860::8888').country).toMatch(/^[A-Z]{2}$/);
    expect(lookup('10.1.2.3')).toEqual({ country: null, city: null });
    expect(await openGeoLookup(loadConfig({ GEOIP_DATABASE: 'none' }).geoipDatabases)).toBeTypeOf('function');
  });

  it('takes Cloudflare’s headers, except its unknown and Tor markers', () => {
    expect(cloudflareLocation({ 'cf-ipcountry': 'de', 'cf-ipcity': 'M%C3%BCnchen' })).toEqual({
      country: 'DE',
      city: 'München',
    });
    expect(cloudflareLocation({ 'cf-ipcountry': 'XX' })).toBeUndefined();
    expect(cloudflareLocation({ 'cf-ipcountry': 'T1' })).toBeUndefined();
    expect(cloudflareLocation({})).toBeUndefined();
  });
});
