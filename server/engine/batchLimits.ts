// How many guests the engine worker puts in one attention call (tools/bench.ts times the same).
//
// On a GPU a call's cost is mostly its launch and transfers, so one call for every room waiting
// (up to 2000 guests) should cost about what one room does — expected, not measured: no GPU was
// at hand when this was written. On wasm and cpu a padded batch costs more per room than the
// rooms one by one (measured on wasm, 50 rooms of 40: 17 ms in batches of 2 to 50, 12 ms one by
// one), and no room's rows go out before its whole batch is done: there each room gets its own
// call.
export const MAX_BATCH_GUESTS_GPU = 2000;
/** One room a call: a batch always takes its first room, whatever its size. */
export const MAX_BATCH_GUESTS_CPU = 1;

export function maxBatchGuests(isGpu: boolean): number {
  return isGpu ? MAX_BATCH_GUESTS_GPU : MAX_BATCH_GUESTS_CPU;
}

/** Splits rooms, in order, into consecutive batches of at most `maxGuests` (a bigger room goes alone). */
export function splitIntoBatches<T>(rooms: T[], size: (room: T) => number, maxGuests: number): T[][] {
  const batches: T[][] = [];
  let guests = 0;
  for (const room of rooms) {
    const n = size(room);
    const last = batches.at(-1);
    if (last && guests + n <= maxGuests) {
      last.push(room);
      guests += n;
    } else {
      batches.push([room]);
      guests = n;
    }
  }
  return batches;
}
