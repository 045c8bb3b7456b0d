// Where phones open the join page. A dashboard opened at http://localhost:2567 would put
// "localhost" in the QR code and the join link, which no phone can open: then the server offers
// this machine's own address on the local network instead. PUBLIC_URL, when set, always wins.
import os from "node:os";

export interface JoinOrigin {
  /** e.g. http://192.168.1.20:2567 — the join page is `${origin}/?code=CODE`. */
  origin: string;
  /** True when the origin is this machine's loopback and no network address was found: phones cannot reach it. */
  isLoopbackOnly: boolean;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;
/** Interfaces of containers, bridges and VPN tunnels: a phone in the classroom is not on those. */
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|vmnet|vboxnet|tun|tap|wg|zt|utun|lo)/i;

function isPrivateIpv4(address: string): boolean {
  const [a, b] = address.split(".").map(Number);
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** This machine's IPv4 address on the local network, or null: a private address first, any other next. */
export function lanAddress(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string | null {
  const candidates: string[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (VIRTUAL_INTERFACE.test(name)) continue;
    for (const a of addresses ?? []) if (a.family === "IPv4" && !a.internal) candidates.push(a.address);
  }
  return candidates.find(isPrivateIpv4) ?? candidates[0] ?? null;
}

/** Whether a server bound to `bindHost` (HOST) also answers on the machine's network addresses. */
export function listensOnAllInterfaces(bindHost: string): boolean {
  return bindHost === "" || bindHost === "0.0.0.0" || bindHost === "::" || bindHost === "[::]";
}

/**
 * The join origin for a request that reached this server as `protocol://host`. `lan` is null
 * when the server has no network address phones could use (none found, or it listens on
 * loopback only).
 */
export function joinOrigin(protocol: string, host: string, publicUrl: string | null, lan: string | null): JoinOrigin {
  if (publicUrl) return { origin: publicUrl, isLoopbackOnly: false };
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  const hostname = match?.[1] ?? host;
  if (!LOOPBACK.test(hostname)) return { origin: `${protocol}://${host}`, isLoopbackOnly: false };
  if (!lan) return { origin: `${protocol}://${host}`, isLoopbackOnly: true };
  return { origin: `${protocol}://${lan}${match?.[2] ? `:${match[2]}` : ""}`, isLoopbackOnly: false };
}
