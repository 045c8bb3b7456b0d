// Every client message enters the room here: rate limit, schema check, role check, the ended
// party's read-only rule, then the handler, whose exceptions (sync or async) become an error for
// that client only.
import type { Client, Room } from "@colyseus/core";
import type { z } from "zod";
import {
  ClientMessage,
  ClientPayloadSchemas,
  type ClientMessageName,
  type ClientPayload,
  type ErrorCode,
  type Role,
} from "../../shared/protocol.js";
import type { MessageRateLimiter } from "./messageRateLimiter.js";

export type Handler<N extends ClientMessageName> = (client: Client, payload: ClientPayload<N>) => void | Promise<void>;
export type HandlerMap = { [N in ClientMessageName]: Handler<N> };

export interface DispatchHooks {
  roleOf(client: Client): Role | undefined;
  /** The session has ended: only messages that read (isAllowedAfterEnd) are handled. */
  isEnded(): boolean;
  refuse(client: Client, code: ErrorCode, message: string): void;
  fail(client: Client, name: string, error: unknown): void;
}

/**
 * Who may send what: host commands and focus only the host (anyone with the code can open a
 * projector, so a projector's click focuses locally and does not steer the room), submissions
 * only students.
 */
export function isAllowedFor(name: ClientMessageName, role: Role | undefined): boolean {
  if (name.startsWith("host:")) return role === "host";
  if (name === ClientMessage.submit) return role === "student";
  if (name === ClientMessage.focusGuest) return role === "host";
  return role !== undefined;
}

/** What an ended party still answers: a client catching up, the host reading the last matrix. */
const READ_ONLY_MESSAGES: ReadonlySet<ClientMessageName> = new Set([ClientMessage.ready, ClientMessage.requestMatrix]);

export function isAllowedAfterEnd(name: ClientMessageName): boolean {
  return READ_ONLY_MESSAGES.has(name);
}

export function registerMessageHandlers(room: Room, handlers: HandlerMap, hooks: DispatchHooks, rateLimiter: MessageRateLimiter): void {
  const dispatch = <N extends ClientMessageName>(client: Client, name: N, payload: unknown) => {
    if (!rateLimiter.allow(client.sessionId)) return hooks.refuse(client, "rate_limited", "Too many messages; slow down");
    const parsed = (ClientPayloadSchemas[name] as z.ZodTypeAny).safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return hooks.refuse(client, "bad_message", `Bad "${name}" message: ${issue?.path.join(".") || "payload"} ${issue?.message ?? ""}`.trim());
    }
    const role = hooks.roleOf(client);
    if (!isAllowedFor(name, role)) return hooks.refuse(client, "not_host", `"${name}" is not allowed for a ${role ?? "client"}`);
    if (hooks.isEnded() && !isAllowedAfterEnd(name)) {
      return hooks.refuse(client, "wrong_phase", "The party has ended: nothing more can change. The report has everything.");
    }
    try {
      const pending = (handlers[name] as Handler<N>)(client, parsed.data as ClientPayload<N>);
      if (pending) pending.catch((error: unknown) => hooks.fail(client, name, error));
    } catch (error) {
      hooks.fail(client, name, error);
    }
  };
  for (const name of Object.values(ClientMessage)) room.onMessage(name, (client, payload) => dispatch(client, name, payload));
  room.onMessage("*", (client, type) => hooks.refuse(client, "bad_message", `Unknown message type "${String(type).slice(0, 40)}"`));
}
