/**
 * Comparators shared by the stages. Module constants rather than arrows written at each sort: V8 drops a
 * closure's optimised code at a full collection once no closure made from it is alive, so an arrow made for
 * each call was compiled again after every collection (a worker collects every few hundred documents).
 */

/** By start offset, earliest first. */
export const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start;
