// What of the guest list each client receives (a StateView per client): a phone gets only its own
// guest plus the shared summary (count, ranked count, top of the board); the dashboard and the
// projector get every guest, including ones who arrive after them. This is what keeps the bytes a
// phone receives per reveal independent of the class size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { LEADER_COUNT, type GuestView, type LeaderView } from "../../../shared/roomState.js";
import { ClientMessage, ServerMessage, type ResultPayload } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { writingParty } from "../../helpers/writingParty.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

interface SeenState {
  guests: Map<string, GuestView>;
  guestCount: number;
  rankedCount: number;
  leaders: LeaderView[];
}

const stateOf = (room: Room) => room.state as unknown as SeenState;

async function until(isDone: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("guest visibility", () => {
  it("gives a phone only its own guest and the top of the board, and staff every guest", async () => {
    const names = ["Ann", "Bob", "Cat", "Dee", "Eve", "Fay", "Gus"];
    const { host, bots } = await writingParty(t, names);
    // The most guests any phone ever held in its state, over the whole round and a reconnect.
    const mostSeen = new Map<BotStudent, number>();
    const watch = (b: BotStudent) =>
      b.room.onStateChange((s) => mostSeen.set(b, Math.max(mostSeen.get(b) ?? 0, (s as unknown as SeenState).guests.size)));
    bots.forEach(watch);

    for (const b of bots) {
      const seen = stateOf(b.room);
      await until(() => seen.guestCount === names.length, `${b.name} sees the count`);
      expect([...seen.guests.keys()]).toEqual([b.welcome!.guestId]);
      expect(seen.guests.get(b.welcome!.guestId)!.name).toBe(b.name);
    }
    await host.waitFor((s) => [...(s.guests as unknown as Map<string, GuestView>).values()].length === names.length, "host sees all");

    // A projector opened mid-round sees everyone; a guest arriving after it is added to it too.
    const screen = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
    await until(() => stateOf(screen).guests?.size === names.length, "screen sees all");
    const late = await new BotStudent(t.wsUrl, "Hal").join(host.code);
    await until(() => stateOf(screen).guests.size === names.length + 1, "screen sees the late guest");
    watch(late);
    const everyone = [...bots, late];

    for (const b of everyone) await b.submit({ query: "who can help me move", key: "has a truck", value: "truck for moving" });
    const results = everyone.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    await Promise.all(results);
    await host.waitForPhase("reveal");
    await until(() => [...stateOf(screen).guests.values()].some((g) => g.score > 0), "screen sees the scores");

    const staff = [...stateOf(screen).guests.values()].filter((g) => g.rank > 0);
    const expectedTop = staff.sort((a, b) => a.rank - b.rank || a.seat - b.seat).slice(0, LEADER_COUNT);
    for (const b of everyone) {
      const seen = stateOf(b.room);
      await until(() => seen.leaders.length === LEADER_COUNT && seen.leaders[0].score > 0, `${b.name} sees the leaders`);
      expect(seen.rankedCount).toBe(everyone.length);
      expect(seen.leaders.map((l) => [l.id, l.name, l.rank, l.score])).toEqual(expectedTop.map((g) => [g.id, g.name, g.rank, g.score]));
      const own = seen.guests.get(b.welcome!.guestId)!;
      expect(own.score).toBe(stateOf(screen).guests.get(b.welcome!.guestId)!.score);
      expect(own.rank).toBe(b.result!.rank);
    }

    // A token reconnect is a new socket with a new view: the phone still has itself, and only itself.
    const dropped = bots[2];
    await dropped.dropAndReconnect(200);
    watch(dropped);
    const after = stateOf(dropped.room);
    await until(() => after.guests?.size === 1 && after.leaders?.length === LEADER_COUNT, "reconnected phone's state");
    expect(after.guests.get(dropped.welcome!.guestId)!.score).toBe(stateOf(screen).guests.get(dropped.welcome!.guestId)!.score);

    // A kicked guest leaves the staff's list and the count on every phone.
    host.send(ClientMessage.kick, { guestId: bots[0].welcome!.guestId });
    await until(() => stateOf(screen).guests.size === names.length, "screen loses the kicked guest");
    await until(() => stateOf(bots[1].room).guestCount === names.length, "phones' count drops");

    for (const b of everyone) expect(mostSeen.get(b), `${b.name} never held another guest`).toBe(1);
    await screen.leave();
    await Promise.all([...everyone.slice(1).map((b) => b.leave()), host.leave()]);
  });
});
