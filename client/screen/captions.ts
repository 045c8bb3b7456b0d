// One sentence per phase saying what the class is looking at, each tied to a teaching point
// (DESIGN.md): query = what I need, key (name tag) = what I offer, value = what I hand over;
// every word looks at every other word at once. Pure strings, so every scene words it alike.
import type { Phase } from "../../shared/roomState.js";

export interface CaptionContext {
  phase: Phase;
  isWritingOpen?: boolean;
  hasAttention?: boolean;
  /** The guest whose row is in focus, by name. */
  focusedName?: string | null;
}

export function captionFor(c: CaptionContext): string {
  switch (c.phase) {
    case "lobby":
      return "Every word looks at every other word at once — come and be one.";
    case "brief":
      return "Each guest holds a secret card: something they need, and something they can offer.";
    case "write":
      return c.isWritingOpen === false
        ? "Writing is closed: next, every query meets every name tag at once."
        : "Everyone writes a query (what I need), a name tag — the key (what I offer) — and a value (what I hand over).";
    case "reveal":
      if (!c.hasAttention) return "The model is comparing every query with every name tag…";
      if (c.focusedName) return `${c.focusedName}'s query meets every name tag at once — the percentages say how its attention splits.`;
      return "Every guest looks at every other guest at once: each line runs from a query to the name tags that answer it best.";
    case "scores":
      return "Points for attention on guests who had what you needed, and for a name tag that drew those who needed you.";
    case "ended":
      return "The podium: the guests whose queries found the right name tags, and whose name tags drew the right queries.";
  }
}
