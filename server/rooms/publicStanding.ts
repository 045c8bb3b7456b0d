// The part of the board every phone sees: how many guests, how many ranked, and the top few.
// Phones no longer receive every guest (their StateView holds only themselves), so the room
// keeps this summary in the shared state; it is brought up to date just before each patch, and
// only fields that really changed are assigned, so an unchanged board costs no bytes.
import { LEADER_COUNT } from "../../shared/roomState.js";
import { LeaderState, type GuestState, type PartyState } from "./PartyState.js";

export function syncPublicStanding(state: PartyState): void {
  const ranked: GuestState[] = [];
  state.guests.forEach((g) => {
    if (g.rank > 0) ranked.push(g);
  });
  if (state.guestCount !== state.guests.size) state.guestCount = state.guests.size;
  if (state.rankedCount !== ranked.length) state.rankedCount = ranked.length;
  const top = topOfBoard(ranked);
  while (state.leaders.length > top.length) state.leaders.pop();
  top.forEach((g, i) => {
    let line = state.leaders.at(i);
    if (!line) {
      line = new LeaderState();
      state.leaders.push(line);
    }
    if (line.id !== g.id) line.id = g.id;
    if (line.name !== g.name) line.name = g.name;
    if (line.rank !== g.rank) line.rank = g.rank;
    if (line.score !== g.score) line.score = g.score;
  });
}

/** The first LEADER_COUNT by rank; ties keep the order of arrival, as on the projector. */
function topOfBoard(ranked: GuestState[]): GuestState[] {
  const top: GuestState[] = [];
  for (const g of ranked) {
    const at = top.findIndex((t) => g.rank < t.rank || (g.rank === t.rank && g.seat < t.seat));
    if (at === -1) {
      if (top.length < LEADER_COUNT) top.push(g);
    } else {
      top.splice(at, 0, g);
      if (top.length > LEADER_COUNT) top.pop();
    }
  }
  return top;
}
