import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import maxmind, { type Reader, type Response } from 'maxmind';

/** Approximate location: ISO 3166-1 alpha-2 country and city name; nothing finer is kept. */
export interface GeoLocation {
  country: string | null;
  city: string | null;
}

export type GeoLookup = (ip: string) => GeoLocation;

const unknown: GeoLocation = { country: null, city: null };

/**
 * The two record shapes in circulation: MaxMind's GeoIP2/GeoLite2 (`country.iso_code`,
 * `city.names.en`) and ip-location-db's flat one (`country_code`, `city`).
 */
interface GeoRecord {
  country?: { iso_code?: string };
  city?: string | { names?: Record<string, string> };
  country_code?: string;
}

function locationOf(record: GeoRecord | null): GeoLocation {
  if (!record) return unknown;
  const country = record.country?.iso_code ?? record.country_code ?? null;
  const city = typeof record.city === 'string' ? record.city : (record.city?.names?.en ?? null);
  return { country: country && /^[A-Z]{2}$/.test(country) ? country : null, city: city || null };
}

// Databases are large (DB-IP's city files are ~130 MB); every server in a process shares one copy.
const openReaders = new Map<string, Promise<Reader<Response>>>();

/**
 * A lookup over MaxMind-format databases, read once into memory (no network, no updates at run
 * time). Several files may be given, e.g. one per IP version; the first that knows the address wins.
 */
export async function openGeoLookup(files: readonly string[]): Promise<GeoLookup> {
  const readers = await Promise.all(
    files.map((file) => {
      let reader = openReaders.get(file);
      if (!reader) {
        reader = maxmind.open<Response>(file, { watchForUpdates: false });
        openReaders.set(file, reader);
      }
      return reader;
    }),
  );
  return (ip) => {
    const version = isIP(ip);
    for (const reader of readers) {
      // An IPv4-only database cannot hold IPv6 addresses; an IPv6 one usually holds both.
      if (version === 6 && reader.metadata.ipVersion === 4) continue;
      const location = locationOf(reader.get(ip) as GeoRecord | null);
      if (location.country) return location;
    }
    return unknown;
  };
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/**
 * Cloudflare's visitor location headers (CF-IPCountry, and CF-IPCity with the "visitor location
 * headers" managed transform). Only meaningful when Cloudflare is the trusted proxy. "XX" (unknown)
 * and "T1" (Tor) are not countries.
 */
export function cloudflareLocation(headers: IncomingHttpHeaders): GeoLocation | undefined {
  const country = headerText(headers, 'cf-ipcountry')?.toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country) || country === 'XX' || country === 'T1') return undefined;
  const city = headerText(headers, 'cf-ipcity');
  return { country, city: city ? decodeURIComponent(city) : null };
}
