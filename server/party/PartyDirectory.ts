// Where parties are found and made: creates new ones (session row first, then the room) and
// brings back an open session from the database when its code is asked for after a restart.
import { matchMaker, type IRoomCache } from "@colyseus/core";
import { isValidJoinCode, normalizeJoinCode } from "../../shared/joinCode.js";
import { PARTY_ROOM, type CreatedPartyPayload } from "../../shared/protocol.js";
import type { PartyCreateOptions } from "../rooms/PartyRoom.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { log } from "../log.js";
import { claimJoinCode, claimSpecificJoinCode, releaseJoinCode } from "./joinCodeRegistry.js";
import { newSecret } from "./secrets.js";

export class PartyDirectory {
  /** Resumes in flight, so two phones arriving together restore the party once. */
  private resuming = new Map<string, Promise<IRoomCache | undefined>>();

  constructor(
    private readonly store: PartyStore,
    private readonly serverSecret: string,
  ) {}

  async create(writeSeconds?: number): Promise<CreatedPartyPayload> {
    const code = claimJoinCode((c) => this.store.findOpenSessionByCode(c) !== undefined);
    const hostKey = newSecret(24);
    try {
      const session = this.store.createSession({ code, hostKey, settings: writeSeconds ? { writeSeconds } : {} });
      await matchMaker.createRoom(PARTY_ROOM, { sessionId: session.id, serverSecret: this.serverSecret } satisfies PartyCreateOptions);
      return { code, hostKey, sessionId: session.id };
    } catch (error) {
      releaseJoinCode(code);
      throw error;
    }
  }

  /** The running party with this code, resuming it from the database if it is open there. */
  async find(rawCode: string): Promise<IRoomCache | undefined> {
    const code = normalizeJoinCode(rawCode);
    if (!isValidJoinCode(code)) return undefined;
    const [running] = await matchMaker.query({ roomId: code, name: PARTY_ROOM });
    if (running) return running;
    const pending = this.resuming.get(code);
    if (pending) return pending;
    const session = this.store.findOpenSessionByCode(code);
    if (!session) return undefined;
    const resume = (async () => {
      if (!claimSpecificJoinCode(code)) return undefined;
      try {
        const room = await matchMaker.createRoom(PARTY_ROOM, { sessionId: session.id, serverSecret: this.serverSecret } satisfies PartyCreateOptions);
        log.info(`party ${code}: resumed session ${session.id} from the database`);
        return room;
      } catch (error) {
        releaseJoinCode(code);
        throw error;
      }
    })().finally(() => this.resuming.delete(code));
    this.resuming.set(code, resume);
    return resume;
  }
}
