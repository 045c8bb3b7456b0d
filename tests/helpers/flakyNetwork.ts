// A TCP relay between the browser and the test server that can go silent, the way a phone's
// network does when it sleeps or walks out of Wi-Fi: no packets either way and no close, so
// the server has to notice the dead socket by itself (its pings go unanswered). Restoring it
// is a network change: the old connections are gone, new ones pass.
import net from "node:net";

export interface FlakyNetwork {
  /** http://127.0.0.1:PORT — open pages here instead of the server's own URL. */
  url: string;
  /** Everything goes silent: open connections carry nothing, new ones are refused. */
  cutOff(): void;
  /** The network is back: the old connections are dropped, new ones are relayed. */
  restore(): void;
  close(): Promise<void>;
}

interface Link {
  browserSide: net.Socket;
  serverSide: net.Socket;
  isSilent: boolean;
}

const ignore = () => undefined;

export async function startFlakyNetwork(targetPort: number, targetHost = "127.0.0.1"): Promise<FlakyNetwork> {
  const links = new Set<Link>();
  let isCut = false;

  const relay = net.createServer((browserSide) => {
    browserSide.on("error", ignore);
    if (isCut) {
      browserSide.destroy();
      return;
    }
    const serverSide = net.connect(targetPort, targetHost);
    serverSide.on("error", ignore);
    const link: Link = { browserSide, serverSide, isSilent: false };
    links.add(link);
    browserSide.pipe(serverSide);
    serverSide.pipe(browserSide);
    browserSide.on("close", () => {
      serverSide.destroy();
      links.delete(link);
    });
    // While silent, the server giving up on the socket must not reach the browser either.
    serverSide.on("close", () => {
      if (!link.isSilent) browserSide.destroy();
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    cutOff() {
      isCut = true;
      for (const link of links) {
        link.isSilent = true;
        link.browserSide.unpipe(link.serverSide);
        link.serverSide.unpipe(link.browserSide);
        // Read and drop whatever arrives (pings, the page's frames): nothing gets across.
        link.browserSide.on("data", ignore);
        link.serverSide.on("data", ignore);
      }
    },
    restore() {
      isCut = false;
      for (const link of [...links].filter((l) => l.isSilent)) {
        links.delete(link);
        link.browserSide.destroy();
        link.serverSide.destroy();
      }
    },
    async close() {
      for (const link of links) {
        link.browserSide.destroy();
        link.serverSide.destroy();
      }
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
