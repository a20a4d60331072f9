/**
 * A small seeded random source, so every bench run generates the same apps and programs.
 */

/**
 * A deterministic random source (mulberry32): the same seed gives the same sequence.
 *
 * @example
 * const rng = new Random(42);
 * rng.int(1, 3); // 1, 2 or 3, the same for every run with seed 42
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A number in [0, 1).
   *
   * @example
   * new Random(1).next() < 1 // true
   */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An integer in [min, max], both included.
   *
   * @example
   * new Random(1).int(1, 6) // a die
   */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * True with probability `p`.
   *
   * @example
   * new Random(1).chance(0.05) // true about one time in twenty
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element of a non-empty list.
   *
   * @example
   * new Random(1).pick(['a', 'b']) // 'a' or 'b'
   */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
}
