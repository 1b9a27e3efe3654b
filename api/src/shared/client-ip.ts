import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TrustProxy } from './config.ts';

/**
 * The caller's IP address and its keyed hash. The raw address lives only in memory while a
 * request is served: callers hash it at once and store, log or return only the hash (SPEC: "the
 * raw IP is never stored, nor written to logs").
 */

/** The parts of an HTTP request the address is read from (Express's and Node's requests both fit). */
export interface RequestOrigin {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

/** "::ffff:1.2.3.4" → "1.2.3.4", "[::1]:8080" → "::1", "1.2.3.4:5678" → "1.2.3.4"; undefined when not an IP. */
export function normalizeIp(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  let address = candidate.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const zone = address.indexOf('%');
  if (zone > 0) address = address.slice(0, zone);
  address = address.toLowerCase();
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) === 0 ? undefined : address;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The client's IP under the `TRUST_PROXY` setting:
 * - `false`: the socket's peer address; proxy headers are ignored, since anyone can send them.
 * - a hop count n: X-Forwarded-For read from the right, skipping the n - 1 addresses our own
 *   proxies appended (as Express's `trust proxy = n` does); a header shorter than that yields its
 *   leftmost entry.
 * - `cloudflare`: CF-Connecting-IP, which Cloudflare overwrites on every request.
 * A header that holds no valid address falls back to the socket address, so a broken proxy
 * groups its callers together rather than letting them pick their own identity.
 */
export function clientIpOf(request: RequestOrigin, trustProxy: TrustProxy): string | undefined {
  const socketAddress = normalizeIp(request.socket.remoteAddress);
  if (trustProxy === 'cloudflare') {
    return normalizeIp(headerValue(request.headers, 'cf-connecting-ip')) ?? socketAddress;
  }
  if (trustProxy === false) return socketAddress;
  const forwarded = headerValue(request.headers, 'x-forwarded-for');
  if (!forwarded) return socketAddress;
  const hops = forwarded
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chosen = hops[Math.max(0, hops.length - trustProxy)];
  return normalizeIp(chosen) ?? socketAddress;
}

/** Keyed HMAC-SHA256 of an IP, hex: stable per installation, not reversible without the key. */
export function hashIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(ip, 'utf8').digest('hex');
}

/** `hashIp(clientIpOf(...))` in one step; null when the request has no usable address. */
export function clientIpHashOf(
  request: RequestOrigin,
  trustProxy: TrustProxy,
  secret: string,
): string | null {
  const ip = clientIpOf(request, trustProxy);
  return ip === undefined ? null : hashIp(ip, secret);
}

/**
 * Keyed hash of any other identifier that must not be stored in the clear (e.g. the email a
 * sign-in attempt named, as a rate-limit key). Same key as IP hashes; the label keeps the two
 * kinds of value apart.
 */
export function keyedHash(label: string, value: string, secret: string): string {
  return createHmac('sha256', secret).update(`${label}\n${value}`, 'utf8').digest('hex');
}

/** Express's `trust proxy` for the same setting (Cloudflare is one hop in front of us). */
export function expressTrustProxy(trustProxy: TrustProxy): number | false {
  return trustProxy === 'cloudflare' ? 1 : trustProxy;
}

/**
 * "http" or "https" as the client used it: X-Forwarded-Proto's first value when a proxy is
 * trusted, else the socket's own (what Express's `request.protocol` answers under `expressTrustProxy`).
 */
export function requestProtocol(request: IncomingMessage, trustProxy: TrustProxy): string {
  const own = 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
  if (!expressTrustProxy(trustProxy)) return own;
  const header = request.headers['x-forwarded-proto'];
  return (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || own;
}
