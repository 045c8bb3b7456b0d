// Drives a party as its instructor over the real protocol: create by HTTP, join with the host
// key, send phase commands and wait for the room state to follow.
import { Client, type Room } from "colyseus.js";
import { ClientMessage, ServerMessage, type ClientMessageName, type ClientPayload, type CreatedPartyPayload, type ErrorPayload } from "../../shared/protocol.js";
import type { Phase } from "../../shared/roomState.js";

interface StateLike {
  phase: Phase;
  backend: string;
  guests: { size: number };
}

export class HostDriver {
  room!: Room<StateLike>;
  errors: ErrorPayload[] = [];
  private constructor(readonly httpUrl: string, readonly created: CreatedPartyPayload) {}

  static async createParty(httpUrl: string, writeSeconds?: number): Promise<HostDriver> {
    const response = await fetch(`${httpUrl}/api/parties`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(writeSeconds ? { writeSeconds } : {}),
    });
    if (!response.ok) throw new Error(`could not create a party: HTTP ${response.status} ${await response.text()}`);
    const driver = new HostDriver(httpUrl, (await response.json()) as CreatedPartyPayload);
    driver.room = await new Client(wsUrlOf(httpUrl)).joinById(driver.code, { role: "host", hostKey: driver.created.hostKey });
    driver.room.onMessage("*", (type, payload) => {
      if (type === ServerMessage.error) driver.errors.push(payload as ErrorPayload);
    });
    driver.room.send(ClientMessage.ready, {});
    return driver;
  }

  get code(): string {
    return this.created.code;
  }

  get hostKey(): string {
    return this.created.hostKey;
  }

  send<N extends ClientMessageName>(name: N, payload?: ClientPayload<N>): void {
    this.room.send(name, payload ?? {});
  }

  nextMessage<T>(type: string, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      const off = this.room.onMessage(type, (payload) => {
        clearTimeout(timer);
        off();
        resolve(payload as T);
      });
    });
  }

  /** Resolves once the state satisfies `predicate` (checked at once and on every patch). */
  waitFor(predicate: (state: StateLike) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    // Before the first full state arrives, fields are missing: treat a throwing check as "not yet".
    const holds = (state: StateLike) => {
      try {
        return predicate(state);
      } catch {
        return false;
      }
    };
    if (this.room.state && holds(this.room.state)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`host: timed out waiting for ${what} (phase ${this.room.state?.phase}; errors ${JSON.stringify(this.errors.slice(-2))})`));
      }, timeoutMs);
      const listener = (state: StateLike) => {
        if (!holds(state)) return;
        clearTimeout(timer);
        this.room.onStateChange.remove(listener);
        resolve();
      };
      this.room.onStateChange(listener);
    });
  }

  waitForPhase(phase: Phase, timeoutMs?: number): Promise<void> {
    return this.waitFor((s) => s.phase === phase, `phase "${phase}"`, timeoutMs);
  }

  /** Leaves once; a second call (or one after the server closed the socket) returns at once. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    await this.room.leave(true).catch(() => undefined);
  }
}

export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}
