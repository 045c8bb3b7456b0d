// Routes Colyseus' own log lines into ours (stderr, levels, counts). Colyseus prints a stack
// when a client sends a frame it cannot decode and then closes that socket: that is a refused
// message, logged as a warning, not a server error.
import { log } from "./log.js";

// Matched on the stack: Room._onMessage's unpack of a client frame, or ws' frame-size check.
const UNDECODABLE = /_onMessage|msgpackr|unpack|Max payload size exceeded/;

function text(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
}

export const colyseusLogger = {
  debug: (...args: unknown[]) => log.debug(`colyseus: ${text(args)}`),
  trace: (...args: unknown[]) => log.debug(`colyseus: ${text(args)}`),
  info: (...args: unknown[]) => log.info(`colyseus: ${text(args)}`),
  warn: (...args: unknown[]) => log.warn(`colyseus: ${text(args)}`),
  error: (...args: unknown[]) => {
    const message = text(args);
    if (UNDECODABLE.test(message)) log.warn(`refused a malformed or oversized message (socket closed): ${message.split("\n")[0]}`);
    else log.error(`colyseus: ${message}`);
  },
};
