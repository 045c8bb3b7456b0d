// The phone's drafts: kept per party code and guest, restored only in their own round, dropped
// once the round moves on, and never in the way when storage is blocked.
import { describe, expect, it } from "vitest";
import { DraftStore, draftKey, isSameTexts } from "../../../client/phone/drafts.js";
import { MemoryStorage } from "../../helpers/memoryStorage.js";

const TEXTS = { query: "Who can help me move?", key: "Has a truck", value: "I come at 9" };
const HOUR = 60 * 60 * 1000;

describe("drafts on the phone", () => {
  it("come back for the same party, guest and round", () => {
    const storage = new MemoryStorage();
    const drafts = new DraftStore(storage);
    drafts.save("ABCDE", "g1", 2, TEXTS);
    expect(new DraftStore(storage).load("ABCDE", "g1", 2)).toEqual(TEXTS);
    // Another guest on this phone, or the same guest in another party, has none.
    expect(drafts.load("ABCDE", "g2", 2)).toBeNull();
    expect(drafts.load("FGHJK", "g1", 2)).toBeNull();
    expect(storage.getItem(draftKey("ABCDE", "g1"))).not.toBeNull();
  });

  it("are dropped once the round moves on, when cleared, and when nothing is typed", () => {
    const storage = new MemoryStorage();
    const drafts = new DraftStore(storage);
    drafts.save("ABCDE", "g1", 2, TEXTS);
    expect(drafts.load("ABCDE", "g1", 3)).toBeNull();
    expect(storage.length).toBe(0);
    drafts.save("ABCDE", "g1", 3, TEXTS);
    drafts.clear("ABCDE", "g1");
    expect(drafts.load("ABCDE", "g1", 3)).toBeNull();
    drafts.save("ABCDE", "g1", 3, TEXTS);
    drafts.save("ABCDE", "g1", 3, { query: " ", key: "", value: "" });
    expect(storage.length).toBe(0);
  });

  it("of a finished class are pruned; a broken entry is ignored", () => {
    const storage = new MemoryStorage();
    let now = 0;
    const drafts = new DraftStore(storage, () => now);
    drafts.save("OLDPA", "g1", 1, TEXTS);
    now = 7 * HOUR;
    drafts.save("NEWPA", "g1", 1, TEXTS);
    storage.setItem(draftKey("BROKE", "g1"), "{not json");
    storage.setItem("cocktail.phone.last", "kept");
    drafts.prune();
    expect([...Array(storage.length).keys()].map((i) => storage.key(i)).sort()).toEqual([draftKey("NEWPA", "g1"), "cocktail.phone.last"]);
    expect(drafts.load("OLDPA", "g1", 1)).toBeNull();
  });

  it("never throw when storage is blocked", () => {
    const blocked = new MemoryStorage();
    blocked.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    blocked.getItem = () => {
      throw new Error("SecurityError");
    };
    const drafts = new DraftStore(blocked);
    expect(() => drafts.save("ABCDE", "g1", 1, TEXTS)).not.toThrow();
    expect(drafts.load("ABCDE", "g1", 1)).toBeNull();
    expect(() => new DraftStore(null).prune()).not.toThrow();
  });

  it("match the room's copy as the room cleans texts", () => {
    expect(isSameTexts({ query: "  Who can help\nme move? ", key: "Has a truck", value: "I come at 9" }, TEXTS)).toBe(true);
    expect(isSameTexts({ ...TEXTS, value: "I come at 10" }, TEXTS)).toBe(false);
  });
});
