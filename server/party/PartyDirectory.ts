// Where parties are found and made: creates new ones (session row first, then the room) and
// brings back an open session from the database when its code is asked for after a restart.
// With several processes (REDIS_URL) a party found in the driver may live in another process;
// it is resumed here only when nobody runs it: its code claim is free or its holder is gone.
import { matchMaker, type IRoomCache } from "@colyseus/core";
import { isValidJoinCode, normalizeJoinCode } from "../../shared/joinCode.js";
import { PARTY_ROOM, type CreatedPartyPayload } from "../../shared/protocol.js";
import type { PartyCreateOptions } from "../rooms/PartyRoom.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { log } from "../log.js";
import { claimNewJoinCode, claimResumedJoinCode, releaseJoinCode } from "./joinCodeRegistry.js";
import { newSecret } from "./secrets.js";

/** How other server processes are judged; absent when this process is the whole server. */
export interface ProcessLiveness {
  isProcessAlive(processId: string): Promise<boolean>;
}

/** A process that holds a code is creating its room right now: wait this long for the listing. */
const WAIT_FOR_OTHER_RESUME_MS = 3000;
const POLL_MS = 100;

export class PartyDirectory {
  /** Resumes in flight, so two phones arriving together restore the party once. */
  private resuming = new Map<string, Promise<IRoomCache | undefined>>();

  constructor(
    private readonly store: PartyStore,
    private readonly serverSecret: string,
    private readonly cluster: ProcessLiveness | null = null,
  ) {}

  async create(writeSeconds?: number): Promise<CreatedPartyPayload> {
    const code = await claimNewJoinCode((c) => this.store.findOpenSessionByCode(c) !== undefined);
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
    const running = await this.running(code);
    if (running) return running;
    const pending = this.resuming.get(code);
    if (pending) return pending;
    const session = this.store.findOpenSessionByCode(code);
    if (!session) return undefined;
    const resume = (async () => {
      // Refused: this process or another live one is starting it; take theirs once listed.
      if (!(await claimResumedJoinCode(code))) return this.waitForListing(code);
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

  /** The listed room for a code, unless it belongs to a process that is gone. */
  private async running(code: string): Promise<IRoomCache | undefined> {
    const listing = await matchMaker.getRoomById(code);
    if (!listing || listing.name !== PARTY_ROOM) return undefined;
    if (this.cluster && !(await this.cluster.isProcessAlive(listing.processId))) return undefined;
    return listing;
  }

  private async waitForListing(code: string): Promise<IRoomCache | undefined> {
    const deadline = Date.now() + WAIT_FOR_OTHER_RESUME_MS;
    while (Date.now() < deadline) {
      const listing = await this.running(code);
      if (listing) return listing;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return undefined;
  }
}
