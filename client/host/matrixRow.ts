// One guest's full attention row out of the `matrix` message (N×N, row-major), sorted for the
// dashboard's "inspect row" panel. The `attention` message only carries each row's top k.
import type { MatrixPayload } from "../../shared/messages.js";

export interface RowTarget {
  guestId: string;
  /** Weight in [0, 1]; masked cells (self, later guests under the causal mask) are 0. */
  weight: number;
  isSelf: boolean;
  /** This guest had what the inspected guest needed (from the attention message's matches). */
  isMatch: boolean;
}

export interface InspectedRow {
  guestId: string;
  /** Every other guest of the reveal (and the guest itself), heaviest first. */
  targets: RowTarget[];
  /** Sum of the row; 0 when every cell was masked (causal: nobody arrived earlier). */
  total: number;
  /** Attention mass on the matching guests, in [0, 1]. */
  matchMass: number;
}

/**
 * The row of `guestId`, or null when the guest was not in the reveal or the matrix is malformed.
 * `matchColumns` are column indices (as in AttentionPayload.matches[i]). Ties keep matrix order.
 */
export function matrixRow(matrix: MatrixPayload, guestId: string, matchColumns: readonly number[] = []): InspectedRow | null {
  const n = matrix.guestIds.length;
  const i = matrix.guestIds.indexOf(guestId);
  if (i < 0 || matrix.weights.length !== n * n) return null;
  const matches = new Set(matchColumns);
  const targets: RowTarget[] = matrix.guestIds.map((id, j) => {
    const w = matrix.weights[i * n + j]; // [N, N] row-major: row i, column j
    return { guestId: id, weight: Number.isFinite(w) && w > 0 ? w : 0, isSelf: j === i, isMatch: matches.has(j) };
  });
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  const matchMass = targets.reduce((sum, t) => sum + (t.isMatch ? t.weight : 0), 0);
  const order = targets.map((t, j) => ({ t, j }));
  order.sort((a, b) => b.t.weight - a.t.weight || a.j - b.j);
  return { guestId, targets: order.map((o) => o.t), total, matchMass };
}
