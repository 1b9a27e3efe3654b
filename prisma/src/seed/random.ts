// Lookup instead of toString(16): the scale seed draws tens of millions of hex digits.
const hexBytes = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * sfc32, a small fast seedable generator. One instance drives both faker (as its randomizer) and the
 * seed's own picks, so a seed value fixes every byte the seed writes.
 */
export class SeededRandom {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;

  constructor(seed: number | readonly number[]) {
    this.seed(seed);
  }

  seed(seed: number | readonly number[]): void {
    // splitmix32 spreads each seed word over the whole state, so nearby seeds give unrelated streams.
    let h = 0x9e3779b9;
    const mix = (word: number) => {
      h = (h + Math.imul(word | 0, 0x85ebca6b)) | 0;
      h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
      h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
      h ^= h >>> 15;
      return h >>> 0;
    };
    for (const word of typeof seed === 'number' ? [seed] : seed) mix(word);
    this.#a = mix(1);
    this.#b = mix(2);
    this.#c = mix(3);
    this.#d = mix(4);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Picks by relative weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (choices.at(-1) as readonly [T, number])[0];
  }

  /** A moment between `from` and `to`, kept off both ends. */
  dateBetween(from: Date, to: Date): Date {
    return new Date(from.getTime() + (to.getTime() - from.getTime()) * (0.1 + 0.8 * this.next()));
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = this.uint32();
      out +=
        hexBytes[word >>> 24]! +
        hexBytes[(word >>> 16) & 0xff]! +
        hexBytes[(word >>> 8) & 0xff]! +
        hexBytes[word & 0xff]!;
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** A random (version 4) UUID, like the ids the widget generates for conversations and messages. */
  uuid4(): string {
    const variant = (8 + this.int(4)).toString(16);
    const r = this.hex(30);
    return `${r.slice(0, 8)}-${r.slice(8, 12)}-4${r.slice(12, 15)}-${variant}${r.slice(15, 18)}-${r.slice(18, 30)}`;
  }

  /**
   * A version 7 UUID for a row created at `at`: the same shape and ordering as the database's
   * `uuid(7)` default, but reproducible.
   */
  uuid7(at: Date | number): string {
    const ms = typeof at === 'number' ? at : at.getTime();
    const time = ms.toString(16).padStart(12, '0');
    const variant = (8 + this.int(4)).toString(16);
    const r = this.hex(30);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(3, 6)}-${r.slice(6, 18)}`;
  }
}
