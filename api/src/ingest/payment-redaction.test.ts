import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  passesIbanCheck,
  passesLuhn,
  redactPaymentData,
  redactionPlaceholders,
} from './payment-redaction.ts';

/** Completes `partial` with the Luhn check digit. */
function withLuhnDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (passesLuhn(`${partial}${digit}`)) return `${partial}${digit}`;
  }
  throw new Error('unreachable');
}

/** Card numbers of every length and network prefix, Luhn-valid. */
const cardNumber = fc
  .tuple(
    fc.constantFrom('4', '51', '55', '2221', '2720', '34', '37', '6011', '65', '3528', '36', '62'),
    fc.integer({ min: 13, max: 19 }),
  )
  // Only Visa issued 13-digit numbers.
  .map(([prefix, length]): [string, number] => [prefix, prefix === '4' ? length : Math.max(14, length)])
  .chain(([prefix, length]) =>
    fc
      .array(fc.integer({ min: 0, max: 9 }), {
        minLength: length - prefix.length - 1,
        maxLength: length - prefix.length - 1,
      })
      .map((digits) => withLuhnDigit(prefix + digits.join(''))),
  );

/** The ways people write a card number: plain, or in groups of four split by spaces or dashes. */
const writtenCard = fc
  .tuple(cardNumber, fc.constantFrom('', ' ', '-'))
  .map(([digits, separator]) => (separator ? (digits.match(/.{1,4}/g) ?? []).join(separator) : digits));

function ibanFor(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`]
    .map((character) => (/[A-Z]/.test(character) ? String(character.charCodeAt(0) - 55) : character))
    .join('');
  const check = 98 - Number(BigInt(numeric) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

const ibanLengths = { DE: 22, GB: 22, FR: 27, NL: 18, UA: 29, ES: 24, NO: 15 };
const iban = fc
  .tuple(
    fc.constantFrom(...(Object.keys(ibanLengths) as (keyof typeof ibanLengths)[])),
    fc.stringMatching(/^[0-9]{30}$/),
    fc.boolean(),
  )
  .map(([country, digits, grouped]) => {
    const compact = ibanFor(country, digits.slice(0, ibanLengths[country] - 4));
    return grouped ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
  });

const words = fc.constantFrom('Hello,', 'my card is', 'please charge', 'thanks!', 'ok', 'see', 'and');
const digit = (min: number, max: number) =>
  fc.integer({ min, max }).map((value) => String(value).padStart(String(max).length, '0'));

/** Ordinary numbers visitors type: phone numbers, order ids, dates, amounts. */
const ordinaryNumber = fc.oneof(
  // International phone numbers, E.164 and grouped.
  fc.stringMatching(/^\+[1-9][0-9]{7,14}$/),
  fc
    .tuple(digit(1, 999), digit(10, 999), digit(100, 9999), digit(1000, 9999))
    .map((parts) => `+${parts.join(' ')}`),
  // National phone numbers and dial-out prefixes.
  fc.tuple(digit(200, 999), digit(200, 999), digit(0, 9999)).map(([a, b, c]) => `(${a}) ${b}-${c}`),
  fc.stringMatching(/^0[0-9]{9,13}$/),
  fc.tuple(digit(200, 999), digit(200, 999), digit(0, 9999)).map((parts) => parts.join('-')),
  // Order ids: up to 12 digits, or with a letter prefix.
  fc.stringMatching(/^[0-9]{1,12}$/),
  fc.stringMatching(/^(ORD|INV|#A)-?[0-9]{6,20}$/),
  // Dates and times.
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(
        date.toISOString().slice(0, 10),
        date.toISOString(),
        date.toLocaleDateString('en-GB'),
        date.toLocaleDateString('en-US'),
        date.toLocaleDateString('de-DE'),
        String(date.getTime()),
      ),
    ),
  // Amounts.
  fc.integer({ min: 0, max: 10_000_000 }).map((cents) => `${(cents / 100).toFixed(2)}`),
);

describe('payment data redaction', () => {
  it('replaces every card number, whatever its network, length and grouping', () => {
    fc.assert(
      fc.property(words, writtenCard, words, (before, card, after) => {
        const { text, redactionCount } = redactPaymentData(`${before} ${card} ${after}`);
        expect(text).toBe(`${before} ${redactionPlaceholders.card} ${after}`);
        expect(redactionCount).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('replaces the expiry date and CVV written next to a card', () => {
    fc.assert(
      fc.property(
        writtenCard,
        digit(1, 12),
        digit(24, 39),
        fc.stringMatching(/^[0-9]{3,4}$/),
        fc.constantFrom(
          (card: string, expiry: string, cvv: string) => `${card} ${expiry} ${cvv}`,
          (card: string, expiry: string, cvv: string) => `${card}, exp ${expiry}, cvv ${cvv}`,
          (card: string, expiry: string, cvv: string) => `${card} expiry: ${expiry} CVC: ${cvv}`,
        ),
        (card, month, year, cvv, format) => {
          const written = format(card, `${month}/${year}`, cvv);
          const { text, redactionCount } = redactPaymentData(`pay with ${written} please`);
          expect(text).not.toMatch(/\d/);
          expect(text).toContain(redactionPlaceholders.expiry);
          expect(text).toContain(redactionPlaceholders.cvv);
          expect(redactionCount).toBe(3);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replaces IBANs, compact or grouped, and nothing after them', () => {
    fc.assert(
      fc.property(iban, (account) => {
        const { text, redactionCount } = redactPaymentData(`IBAN: ${account} thanks`);
        expect(text).toBe(`IBAN: ${redactionPlaceholders.iban} thanks`);
        expect(redactionCount).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves phone numbers, order ids, dates and amounts as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(words, ordinaryNumber), { minLength: 1, maxLength: 6 }), (parts) => {
        const message = parts.map(([word, number]) => `${word} ${number}`).join(' ');
        expect(redactPaymentData(message)).toEqual({ text: message, redactionCount: 0 });
      }),
      { numRuns: 1000 },
    );
  });

  it('finds a card typed right after a phone number, and a CVV named anywhere', () => {
    expect(redactPaymentData('call 555 1234 then 4111 1111 1111 1111').text).toBe(
      `call 555 1234 then ${redactionPlaceholders.card}`,
    );
    expect(redactPaymentData('my CVV is 123, order 12345').text).toBe(
      `my CVV is ${redactionPlaceholders.cvv}, order 12345`,
    );
  });

  it('checks IBANs and Luhn digits exactly', () => {
    expect(passesIbanCheck('DE89370400440532013000')).toBe(true);
    expect(passesIbanCheck('DE89370400440532013001')).toBe(false);
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});
