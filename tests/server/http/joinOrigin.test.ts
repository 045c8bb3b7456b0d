// Where phones are sent to join: PUBLIC_URL, else the address the dashboard used — unless that
// is localhost, which no phone can open: then this machine's network address, if it has one.
import type os from "node:os";
import { describe, expect, it } from "vitest";
import { joinOrigin, lanAddress, listensOnAllInterfaces } from "../../../server/http/joinOrigin.js";

type Interfaces = ReturnType<typeof os.networkInterfaces>;
const v4 = (address: string, internal = false) => ({ address, family: "IPv4" as const, internal, netmask: "255.255.255.0", mac: "00:00:00:00:00:00", cidr: null });

describe("joinOrigin", () => {
  it("keeps PUBLIC_URL and any address that is not loopback", () => {
    expect(joinOrigin("http", "localhost:2567", "https://party.school.org", "192.168.1.20")).toEqual({ origin: "https://party.school.org", isLoopbackOnly: false });
    expect(joinOrigin("http", "192.168.1.20:2567", null, "10.0.0.5")).toEqual({ origin: "http://192.168.1.20:2567", isLoopbackOnly: false });
    expect(joinOrigin("https", "party.example", null, null)).toEqual({ origin: "https://party.example", isLoopbackOnly: false });
  });
  it("sends phones to the machine's network address instead of localhost, with the same port", () => {
    for (const host of ["localhost:2567", "127.0.0.1:2567", "[::1]:2567"]) {
      expect(joinOrigin("http", host, null, "192.168.1.20")).toEqual({ origin: "http://192.168.1.20:2567", isLoopbackOnly: false });
    }
    expect(joinOrigin("http", "localhost", null, "10.1.2.3")).toEqual({ origin: "http://10.1.2.3", isLoopbackOnly: false });
  });
  it("says so when there is nothing but localhost", () => {
    expect(joinOrigin("http", "localhost:2567", null, null)).toEqual({ origin: "http://localhost:2567", isLoopbackOnly: true });
  });
});

describe("lanAddress", () => {
  it("prefers a private address on a real interface, and skips loopback, containers and tunnels", () => {
    const interfaces: Interfaces = { lo: [v4("127.0.0.1", true)], docker0: [v4("172.17.0.1")], tun0: [v4("10.8.0.2")], eth0: [v4("203.0.113.7")], wlan0: [v4("192.168.1.20")] };
    expect(lanAddress(interfaces)).toBe("192.168.1.20");
    expect(lanAddress({ lo: [v4("127.0.0.1", true)], eth0: [v4("203.0.113.7")] })).toBe("203.0.113.7");
    expect(lanAddress({ lo: [v4("127.0.0.1", true)] })).toBeNull();
  });
  it("is used only when the server listens on every interface", () => {
    expect(listensOnAllInterfaces("0.0.0.0")).toBe(true);
    expect(listensOnAllInterfaces("::")).toBe(true);
    expect(listensOnAllInterfaces("127.0.0.1")).toBe(false);
  });
});

describe("GET /api/join-origin on the real server", () => {
  it("answers the address phones should open for a dashboard at localhost", async () => {
    const { startTestServer } = await import("../../helpers/startTestServer.js");
    const everywhere = await startTestServer({ host: "0.0.0.0" });
    try {
      const port = new URL(everywhere.httpUrl).port;
      const lan = lanAddress();
      const answer = await (await fetch(`http://localhost:${port}/api/join-origin`)).json();
      expect(answer).toEqual(lan ? { origin: `http://${lan}:${port}`, isLoopbackOnly: false } : { origin: `http://localhost:${port}`, isLoopbackOnly: true });
      // Asked at the network address itself, that is the answer.
      if (lan) expect(await (await fetch(`http://${lan}:${port}/api/join-origin`)).json()).toEqual({ origin: `http://${lan}:${port}`, isLoopbackOnly: false });
    } finally {
      await everywhere.stop();
    }
  }, 60_000);
});
