// A party round opened for writing on a test server: the host (a HostDriver) and one bot per name,
// each holding its card. Room tests start from here to try what happens during and after writing.
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { TestServer } from "./startTestServer.js";

export async function writingParty(server: TestServer, names: string[]): Promise<{ host: HostDriver; bots: BotStudent[] }> {
  const host = await HostDriver.createParty(server.httpUrl);
  const bots: BotStudent[] = [];
  for (const name of names) bots.push(await new BotStudent(server.wsUrl, name).join(host.code));
  host.send(ClientMessage.startRound, { roundType: "party" });
  await Promise.all(bots.map((b) => b.next(ServerMessage.card)));
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write");
  return { host, bots };
}
