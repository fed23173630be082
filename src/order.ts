/**
 * Comparators shared by the stages, as module constants rather than arrows written at each sort.
 *
 * Why hot code avoids callbacks made anew for each document (here, and the loops and methods that say "why:
 * src/order.ts"): V8 keeps a closure's optimised code only while some closure made from it is alive, and drops
 * it at a full collection otherwise. A worker collects between batches, where every callback made for a
 * document is dead, so such callbacks were compiled again after every collection (`node --log-code` on 4,000
 * releases: attribution's claim loop 10 times, the parse tree walk 9). A closure made once lives for the run.
 */

/** By start offset, earliest first. */
export const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start;
