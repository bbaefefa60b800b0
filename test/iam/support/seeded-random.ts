/* eslint-disable no-bitwise */ // a PRNG is 32-bit integer arithmetic
/**
 * A small seeded pseudo-random generator (mulberry32) for test-case generators.
 *
 * Differential runs must be reproducible from one number (`DIFF_SEED`), and a case must be regenerable on its
 * own from its index: each case gets its own generator seeded from (run seed, case index).
 */
export class SeededRandom {
  /** A generator for case `index` of a run, independent of how many numbers earlier cases drew. */
  static forCase(runSeed: number, index: number): SeededRandom {
    return new SeededRandom(Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Between min and max distinct items (fewer if the list is shorter), in list order. */
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const count = Math.min(items.length, this.int(min, max));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  /** `count` results of `make`. */
  times<T>(count: number, make: () => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(make());
    return out;
  }
}
