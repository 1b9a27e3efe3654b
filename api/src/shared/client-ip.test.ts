import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIpHashOf, clientIpOf, hashIp, keyedHash, normalizeIp, requestProtocol } from './client-ip.ts';

const request = (remoteAddress: string | undefined, headers: Record<string, string> = {}) => ({
  socket: { remoteAddress },
  headers,
});

describe('clientIpOf', () => {
  it('uses the socket address and ignores proxy headers by default', () => {
    const spoofed = request('192.0.2.10', {
      'x-forwarded-for': '203.0.113.1',
      'cf-connecting-ip': '203.0.113.2',
    });
    expect(clientIpOf(spoofed, false)).toBe('192.0.2.10');
  });

  it('reads X-Forwarded-For from the right, skipping the trusted hops', () => {
    const chain = request('10.0.0.1', { 'x-forwarded-for': '203.0.113.9, 198.51.100.1, 10.0.0.2' });
    expect(clientIpOf(chain, 1)).toBe('10.0.0.2');
    expect(clientIpOf(chain, 2)).toBe('198.51.100.1');
    expect(clientIpOf(chain, 3)).toBe('203.0.113.9');
    // A header shorter than the hop count yields its leftmost entry.
    expect(clientIpOf(chain, 5)).toBe('203.0.113.9');
    // No header: the socket.
    expect(clientIpOf(request('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('reads CF-Connecting-IP behind Cloudflare', () => {
    expect(clientIpOf(request('172.70.1.1', { 'cf-connecting-ip': '2001:db8::7' }), 'cloudflare')).toBe(
      '2001:db8::7',
    );
    expect(clientIpOf(request('172.70.1.1'), 'cloudflare')).toBe('172.70.1.1');
  });

  it('falls back to the socket when a trusted header holds no address', () => {
    expect(clientIpOf(request('10.0.0.1', { 'x-forwarded-for': 'unknown' }), 1)).toBe('10.0.0.1');
    expect(clientIpOf(request('10.0.0.1', { 'cf-connecting-ip': "1' OR '1'='1" }), 'cloudflare')).toBe(
      '10.0.0.1',
    );
    expect(clientIpOf(request(undefined), false)).toBeUndefined();
  });
});

describe('normalizeIp', () => {
  it('unwraps IPv4-mapped IPv6, ports, brackets and zones, and lower-cases IPv6', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('203.0.113.5:4711')).toBe('203.0.113.5');
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('not an ip')).toBeUndefined();
    expect(normalizeIp('')).toBeUndefined();
  });
});

describe('hashIp', () => {
  it('is a keyed HMAC-SHA256: stable per key, different across keys, never the address', () => {
    const first = hashIp('203.0.113.5', 'key-one');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIp('203.0.113.5', 'key-one')).toBe(first);
    expect(hashIp('203.0.113.5', 'key-two')).not.toBe(first);
    expect(first).not.toContain('203');
  });

  it('hashes the same client the same way whichever form the address arrived in', () => {
    const secret = 'key';
    expect(clientIpHashOf(request('::ffff:203.0.113.5'), false, secret)).toBe(hashIp('203.0.113.5', secret));
    expect(clientIpHashOf(request(undefined), false, secret)).toBeNull();
  });

  it('keeps keyed hashes of other values apart from IP hashes by their label', () => {
    expect(keyedHash('login-email', '203.0.113.5', 'key')).not.toBe(hashIp('203.0.113.5', 'key'));
  });
});

describe('requestProtocol', () => {
  const incoming = (headers: Record<string, string>, encrypted = false) =>
    ({ headers, socket: encrypted ? { encrypted: true } : {} }) as unknown as IncomingMessage;

  it('answers as Express would: X-Forwarded-Proto only behind a trusted proxy', () => {
    const forwarded = { 'x-forwarded-proto': 'https, http' };
    expect(requestProtocol(incoming(forwarded), false)).toBe('http');
    expect(requestProtocol(incoming(forwarded), 1)).toBe('https');
    expect(requestProtocol(incoming(forwarded), 'cloudflare')).toBe('https');
    expect(requestProtocol(incoming({}), 2)).toBe('http');
    expect(requestProtocol(incoming({}, true), false)).toBe('https');
  });
});
