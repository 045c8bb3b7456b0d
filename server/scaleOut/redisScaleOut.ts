// Several server processes as one party server (REDIS_URL): Colyseus' Redis presence and
// driver let any process reserve a seat in a party that lives in another, and send the phone
// to that process's PUBLIC_ADDRESS. Join codes are claimed in the same Redis. Each party lives
// in the process whose POST /api/parties made it (its session row and server secret are
// there), so rooms are never created remotely.
import { matchMaker, type ServerOptions } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { log } from "../log.js";
import { releaseSharedJoinCodes, type SharedCodeClaims } from "../party/joinCodeRegistry.js";
import { PartyPresence } from "./PartyPresence.js";
import { redisConnectionOptions } from "./redisOptions.js";
import { answerPartySummaries } from "./partySummary.js";

const REDIS_ANSWER_TIMEOUT_MS = 5000;

export interface ScaleOut {
  /** Spread into `new Server({...})`. */
  serverOptions: Pick<ServerOptions, "presence" | "driver" | "publicAddress" | "selectProcessIdToCreateRoom">;
  claims: SharedCodeClaims;
  isProcessAlive(processId: string): Promise<boolean>;
  /** After the server listens: answer the other processes' party questions. */
  start(): Promise<void>;
  /**
   * Hands this process's parties to the others without ending them (SIGTERM): its listings
   * and code claims go, the parties stay open in the database, and the next phone that asks
   * another process for a code resumes that party there.
   */
  leave(): Promise<void>;
}

/** Redis key of a code's claim; its value is the holder's Colyseus processId. */
export function joinCodeClaimKey(code: string): string {
  return `cocktail:join-code:${code}`;
}

/** Connects to Redis (failing fast and plainly when it is not there) and builds the pieces. */
export async function connectScaleOut(redisUrl: string, publicAddress: string): Promise<ScaleOut> {
  const options = redisConnectionOptions(redisUrl);
  const presence = new PartyPresence(options);
  try {
    await presence.ping(REDIS_ANSWER_TIMEOUT_MS);
  } catch (error) {
    presence.shutdown();
    throw new Error(`REDIS_URL: Redis does not answer (${error instanceof Error ? error.message : String(error)}); check the address and that redis-server runs`, { cause: error });
  }
  const driver = new RedisDriver(options);
  const me = () => matchMaker.processId;

  // A processId is made fresh at every start, so one found gone never comes back: remember it
  // and pay the ping's timeout once per dead process, not once per phone.
  const gone = new Set<string>();
  const isProcessAlive = async (processId: string): Promise<boolean> => {
    if (processId === me()) return true;
    if (gone.has(processId)) return false;
    // Every live process subscribes to Colyseus' process channel "p:<processId>"; Redis drops
    // the subscription the moment the process's connection dies. Present → alive, cheaply.
    if (await presence.hasSubscribers(`p:${processId}`)) return true;
    // Absent: confirm with Colyseus' own ping, which on failure also removes the process's
    // stale room listings (so nobody is sent to a dead address again).
    const isAlive = Boolean(await matchMaker.healthCheckProcessId(processId));
    if (!isAlive) gone.add(processId);
    return isAlive;
  };

  const claims: SharedCodeClaims = {
    claim: (code) => presence.claimKey(joinCodeClaimKey(code), me()),
    takeOver: async (code) => {
      // Three tries cover a holder that releases between our SET and our GET.
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await presence.claimKey(joinCodeClaimKey(code), me())) return true;
        const holder = await presence.holderOf(joinCodeClaimKey(code));
        if (holder === null) continue;
        // Ours in Redis but not in this process: a release that never arrived. Still ours.
        if (holder === me()) return true;
        if (await isProcessAlive(holder)) return false;
        log.info(`join code ${code}: process ${holder} is gone; resuming its party here`);
        return presence.replaceHolder(joinCodeClaimKey(code), holder, me());
      }
      return false;
    },
    release: async (code) => {
      await presence.releaseKey(joinCodeClaimKey(code), me());
    },
  };

  return {
    serverOptions: {
      presence,
      driver,
      publicAddress,
      // Default Colyseus places a new room on the least busy process; ours must stay where the
      // session row was written and where the per-process server secret is known.
      selectProcessIdToCreateRoom: async () => me(),
    },
    claims,
    isProcessAlive,
    start: () => answerPartySummaries(),
    leave: async () => {
      // Listings first, marked removed so a late client-count update cannot write them back;
      // only then the claims, so a process that takes a code over never has its new listing
      // deleted by ours.
      const listed = await matchMaker.query({ processId: me() });
      await Promise.all(listed.map((listing) => matchMaker.getLocalRoomById(listing.roomId)?.listing.remove()));
      await releaseSharedJoinCodes();
      await matchMaker.stats.excludeProcess(me());
    },
  };
}
