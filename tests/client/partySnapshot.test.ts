import { describe, expect, it } from "vitest";
import { toPartySnapshot } from "../../client/net/partySnapshot.js";
import { Emitter } from "../../client/net/Emitter.js";
import type { GuestView } from "../../shared/roomState.js";

function guest(id: string, seat: number): GuestView {
  return { id, name: id, nameTag: "", hasSubmitted: false, isPlaying: true, connection: "online", score: 0, lastPoints: 0, rank: 0, previousRank: 0, seat, isBot: false };
}

describe("party snapshot", () => {
  it("copies guests out of the map in seat order", () => {
    const guests = new Map([
      ["b", guest("b", 2)],
      ["a", guest("a", 1)],
    ]);
    const snap = toPartySnapshot({ code: "ABCDE", phase: "write", guests }, 123);
    expect(snap.guests.map((g) => g.id)).toEqual(["a", "b"]);
    expect(snap.receivedAt).toBe(123);
    // A copy: later schema patches must not change what a view already rendered.
    guests.get("a")!.name = "changed";
    expect(snap.guests[0]!.name).toBe("a");
  });
  it("falls back to safe defaults before the first state arrives", () => {
    const snap = toPartySnapshot(undefined);
    expect(snap.phase).toBe("lobby");
    expect(snap.guests).toEqual([]);
  });
});

describe("emitter", () => {
  it("delivers to subscribers until they unsubscribe, and survives a throwing listener", () => {
    const bus = new Emitter<{ ping: number }>();
    const got: number[] = [];
    bus.on("ping", () => {
      throw new Error("broken view");
    });
    const off = bus.on("ping", (n) => got.push(n));
    const original = console.error;
    console.error = () => undefined;
    try {
      bus.emit("ping", 1);
      off();
      bus.emit("ping", 2);
    } finally {
      console.error = original;
    }
    expect(got).toEqual([1]);
  });

  it("does not call a listener that an earlier one unsubscribed during the same event", () => {
    // The projector's director stops a scene on a state event; the stopped scene must not hear it.
    const bus = new Emitter<{ state: number }>();
    const heard: string[] = [];
    let offScene = () => {};
    bus.on("state", () => {
      heard.push("director");
      offScene();
    });
    offScene = bus.on("state", () => heard.push("scene"));
    bus.emit("state", 1);
    expect(heard).toEqual(["director"]);
  });
});
