/**
 * V8 sends a function to its optimising compiler (TurboFan, on helper threads) once it has run through its
 * interrupt budget, 66 KB of bytecode by default. An extract worker runs a large pipeline and compromise over
 * thousands of documents: at that budget TurboFan compiled about 800 functions for 2,000 releases, many of them
 * lukewarm, and V8's helper threads used about 40% as much CPU as the worker. One worker gets that CPU from an
 * idle core; two workers on two cores pay it themselves, twice.
 *
 * With four times the budget only the functions that are really hot are compiled. Measured on 4,000 releases,
 * 2 cores, runs alternated: two workers took 16.1-17.8 s against 17.9-20.5 s, one worker 21.7-25.6 s against
 * 21.8-26.5 s (unchanged within noise), and CPU time fell by 8-15%; 16x the budget was slower.
 *
 * The flag is set with `v8.setFlagsFromString` once the process runs (which Node does not promise to support;
 * measured, it takes effect), and it holds for the whole process: a program that calls `runBatch` gets it too.
 */
import { setFlagsFromString } from 'node:v8';

export const INTERRUPT_BUDGET = 4 * 67_584;

/**
 * The flags the `pressmill` command starts Node with (its `#!` line; the npm scripts pass the same). They must
 * be given at start-up: V8 builds its garbage collector's helper threads with the heap, and turning them off in
 * a running process crashed it.
 *
 * `--single-threaded-gc`: each thread collects its own garbage, with no parallel or concurrent helper threads.
 * On 2 cores, with every core busy with a worker, the helpers only took CPU from the workers, and the
 * parallel collections' threads waited on each other. Measured on 10,000 releases, runs alternated: two workers
 * 31.5 and 32.7 s against 37.7 and 39.7 s (CPU 60-63 s against 72-76 s); one worker, whose helpers had an idle
 * core, 51.6 and 54.9 s against 57.6 and 72.1 s (CPU 56-59 s against 65-81 s; on 4,000 releases the same
 * within noise). The output is the same.
 */
export const NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** The V8 flags extract sets, unless the process was started with its own (`node --interrupt-budget=N`). */
export function jitFlags(execArgv: readonly string[]): string[] {
  return execArgv.some(a => /^--interrupt[-_]budget(=|$)/.test(a)) ? [] : [`--interrupt-budget=${INTERRUPT_BUDGET}`];
}

/** Set the flags for this process and its worker threads (V8's flags are per process). */
export function tuneJit(): void {
  for (const f of jitFlags(process.execArgv)) setFlagsFromString(f);
}
