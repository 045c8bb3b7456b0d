import { describe, expect, it } from "vitest";
import { UnknownWordChecker } from "../../client/net/unknownWords.js";

/** A fake GET /api/words/unknown that knows a fixed vocabulary and records what it was asked. */
function fakeServer(vocabulary: string[], status = 200) {
  const asked: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const text = new URL(String(input), "http://test").searchParams.get("text") ?? "";
    asked.push(text);
    const unknown = text.split(" ").filter((w) => w && !vocabulary.includes(w));
    return new Response(JSON.stringify(status === 200 ? { unknown } : { error: "slow down" }), { status });
  }) as typeof fetch;
  return { asked, fetchImpl };
}

describe("asking which words the model does not know", () => {
  it("reports the unknown words of a draft in order, once each", async () => {
    const server = fakeServer(["who", "can", "help", "me"]);
    const checker = new UnknownWordChecker(server.fetchImpl);
    expect(await checker.unknownIn("Who can help me xyzzy? Xyzzy! qwv")).toEqual(["xyzzy", "qwv"]);
  });

  it("asks about each word only once", async () => {
    const server = fakeServer(["who", "can", "help", "me", "move"]);
    const checker = new UnknownWordChecker(server.fetchImpl);
    await checker.unknownIn("Who can help");
    await checker.unknownIn("Who can help me");
    expect(await checker.unknownIn("Who can help me move xyzzy")).toEqual(["xyzzy"]);
    expect(await checker.unknownIn("who CAN help")).toEqual([]);
    expect(server.asked).toEqual(["who can help", "me", "move xyzzy"]);
  });

  it("says nothing (null) when the server cannot answer, and asks again next time", async () => {
    const refused = fakeServer([], 429);
    const checker = new UnknownWordChecker(refused.fetchImpl);
    expect(await checker.unknownIn("xyzzy")).toBeNull();
    expect(await checker.unknownIn("xyzzy")).toBeNull();
    expect(refused.asked).toHaveLength(2);
    const offline = new UnknownWordChecker((async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch);
    expect(await offline.unknownIn("xyzzy")).toBeNull();
  });

  it("does not call the server for a draft without words", async () => {
    const server = fakeServer([]);
    expect(await new UnknownWordChecker(server.fetchImpl).unknownIn(" ?! ")).toEqual([]);
    expect(server.asked).toEqual([]);
  });
});
