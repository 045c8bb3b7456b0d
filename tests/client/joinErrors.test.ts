import { describe, expect, it } from "vitest";
import { toJoinError } from "../../client/net/joinErrors.js";

describe("join errors", () => {
  it("say which code does not exist", () => {
    const e = toJoinError(new Error('room "ABCDE" not found'), "ABCDE");
    expect(e.kind).toBe("not_found");
    expect(e.message).toBe("No party with code ABCDE.");
  });
  it("recognise locked and full parties", () => {
    expect(toJoinError(new Error("Party ABCDE is locked"), "ABCDE").kind).toBe("locked");
    expect(toJoinError(new Error("ABCDE is already full."), "ABCDE").kind).toBe("full");
  });
  it("treat a failed request without a message as offline", () => {
    expect(toJoinError({ type: "error" }, "ABCDE").kind).toBe("offline");
  });
  it("treat rate limits as worth retrying", () => {
    expect(toJoinError(new Error("Too many joins from this network; wait a minute"), "ABCDE").kind).toBe("busy");
  });
  it("pass the room's own refusals through", () => {
    const e = toJoinError(new Error("Please choose a different nickname"), "ABCDE");
    expect(e.kind).toBe("refused");
    expect(e.message).toBe("Please choose a different nickname");
  });
});
