// The projector's sentence-round state: payloads kept per round, cleared by a later round only
// (the seating may overtake the state patch that starts its round), heads from headFocus.
import { describe, expect, it } from "vitest";
import { Emitter } from "../../../client/net/Emitter.js";
import type { PartyEvents } from "../../../client/net/PartyConnection.js";
import { SentenceScreenState } from "../../../client/screen/sentenceScreenState.js";
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../../shared/sentenceRound.js";

function seating(roundNumber: number, roundType: "sentence" | "heads" = "heads"): SentenceSeatingPayload {
  return { roundNumber, roundType, scenarioId: "s", title: "T", sentence: "a b", words: ["a", "b"], questions: ["q1", "q2"], tables: [] };
}
function attention(roundNumber: number): SentenceAttentionPayload {
  return { roundNumber, roundType: "heads", scenarioId: "s", words: ["a", "b"], questions: ["q1", "q2"], tables: [], keys: [], teams: [] };
}

function setup() {
  const bus = new Emitter<PartyEvents>();
  const state = new SentenceScreenState({ on: (name, listener) => bus.on(name, listener) });
  let changes = 0;
  state.events.on("changed", () => changes++);
  const roomState = (roundNumber: number) => bus.emit("state", { roundNumber } as PartyEvents["state"]);
  return { bus, state, roomState, changes: () => changes };
}

describe("SentenceScreenState", () => {
  it("keeps the seating and the reveal of one round", () => {
    const { bus, state, changes } = setup();
    bus.emit("sentenceSeating", seating(3));
    bus.emit("sentenceAttention", attention(3));
    expect(state.seating?.roundNumber).toBe(3);
    expect(state.attention?.roundNumber).toBe(3);
    expect(changes()).toBe(2);
  });

  it("a seating that arrives before its round's state is kept; a later round clears", () => {
    const { bus, state, roomState } = setup();
    roomState(2);
    bus.emit("sentenceSeating", seating(3));
    roomState(2);
    expect(state.seating).not.toBeNull();
    roomState(3);
    expect(state.seating).not.toBeNull();
    roomState(4);
    expect(state.seating).toBeNull();
  });

  it("a new round's seating drops the last reveal and shows every head again", () => {
    const { bus, state } = setup();
    bus.emit("sentenceSeating", seating(1));
    bus.emit("sentenceAttention", attention(1));
    bus.emit("headFocus", { head: 1 });
    expect(state.head).toBe(1);
    bus.emit("sentenceSeating", seating(1)); // same round again (a late joiner): kept
    expect(state.attention).not.toBeNull();
    bus.emit("sentenceSeating", seating(2));
    expect(state.attention).toBeNull();
    expect(state.head).toBeNull();
  });

  it("follows headFocus, ignoring heads that cannot exist", () => {
    const { bus, state } = setup();
    bus.emit("sentenceSeating", seating(1));
    bus.emit("headFocus", { head: 0 });
    expect(state.head).toBe(0);
    bus.emit("headFocus", { head: 99 });
    expect(state.head).toBeNull();
    expect(state.headCount).toBe(2);
    bus.emit("sentenceSeating", seating(2, "sentence"));
    expect(state.headCount).toBe(0);
  });

  it("previews payloads without a round, and ends the preview with null", () => {
    const { state, roomState } = setup();
    const phases: Array<string | null> = [];
    state.events.on("preview", (p) => phases.push(p));
    state.show(seating(1), attention(1));
    expect(state.preview).toBe("reveal");
    roomState(5); // the room's rounds do not clear a preview
    expect(state.seating).not.toBeNull();
    state.show(null);
    expect(state.seating).toBeNull();
    expect(phases).toEqual(["reveal", null]);
  });
});
