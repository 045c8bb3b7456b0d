// Steps and checks the browser end-to-end tests share: a phone joining through the form, what
// a phone remembers in its storage, texts for a secret card, and a plain colyseus.js observer
// (joined like a projector) that records what the server really sent, to compare pages with.
import { Client, type Room } from "colyseus.js";
import type { Page } from "playwright-core";
import { ClientMessage, ServerMessage, type AttentionPayload, type CardPayload, type FocusPayload } from "../../shared/messages.js";
import type { SubmitPayload } from "../../shared/protocol.js";
import type { ConnectionState, GuestView, Phase } from "../../shared/roomState.js";
import type { BotStudent } from "../../server/bots/BotStudent.js";
import type { HostDriver } from "../../server/bots/HostDriver.js";
import { getDeck } from "../../server/party/partyDeck.js";
import { screenshot } from "./browser.js";

export const PHONE_PORTRAIT = { width: 360, height: 640 };
export const PHONE_LANDSCAPE = { width: 640, height: 360 };

/** Turns the phone sideways for one screenshot (waiting for the new layout to be painted), then back. */
export async function landscapeScreenshot(page: Page, name: string): Promise<void> {
  const portrait = page.viewportSize() ?? PHONE_PORTRAIT;
  const resize = async (size: { width: number; height: number }) => {
    await page.setViewportSize(size);
    await page.waitForFunction((w) => window.innerWidth === w, size.width);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  };
  await resize(PHONE_LANDSCAPE);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
  await resize(portrait);
}

/** Fills the join form (code as given, so tests can type it in lower case) and waits for the lobby. */
export async function joinByForm(page: Page, name: string, code?: string): Promise<void> {
  if (code !== undefined) await page.fill("#join-code", code);
  await page.fill("#join-name", name);
  await page.click("button:has-text('Join the party')");
  await page.waitForSelector(".view-lobby:not([hidden])");
}

/** What the phone page keeps in localStorage about its party (see client/phone/phoneSession.ts). */
export interface StoredPhoneSession {
  code: string;
  name: string;
  guestId?: string;
  rejoinSecret?: string;
}

export async function storedSession(page: Page): Promise<StoredPhoneSession | null> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("cocktail.phone.last") ?? "null") as StoredPhoneSession | null);
}

export async function connectionStatus(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.getElementById("connection-status")?.dataset.status);
}

export function waitForStatus(page: Page, status: string, timeout = 30_000): Promise<unknown> {
  return page.waitForFunction((s) => document.getElementById("connection-status")?.dataset.status === s, status, { timeout });
}

/** Realistic texts for a card, from the deck's example lines (`variant` picks among them). */
export function textsForCard(card: CardPayload, variant = 0): SubmitPayload {
  const deck = getDeck();
  const need = deck.items.find((item) => item.need === card.need);
  const offer = deck.items.find((item) => item.offer === card.offer);
  if (!need || !offer) throw new Error(`card not in the deck: ${JSON.stringify(card)}`);
  const at = <T>(xs: T[]) => xs[variant % xs.length];
  return { query: at(need.botQueries), key: at(offer.botKeys), value: at(offer.botValues) };
}

/**
 * Starts a party round from the host, waits until the bots have their cards, opens writing and
 * waits for the phone's form: the texts returned fit the card the phone shows.
 */
export async function openPartyWriting(host: HostDriver, bots: readonly BotStudent[], page: Page): Promise<SubmitPayload> {
  const botCards = bots.map((b) => b.next<CardPayload>(ServerMessage.card));
  host.send(ClientMessage.startRound, { roundType: "party" });
  await Promise.all(botCards);
  host.send(ClientMessage.startWriting);
  await page.waitForSelector(".view-write:not([hidden])");
  return textsForCard(await cardOnPhone(page), 0);
}

/** The card a phone shows on its writing form. */
export async function cardOnPhone(page: Page): Promise<CardPayload> {
  return {
    need: ((await page.textContent(".view-write .need .secret-value")) ?? "").trim(),
    offer: ((await page.textContent(".view-write .offer .secret-value")) ?? "").trim(),
  };
}

interface ObservedState {
  phase: Phase;
  roundNumber: number;
  guests: Map<string, GuestView>;
}

/**
 * Joins a party as a projector would and keeps what the server broadcasts (state, attention
 * rows, focus): the ground truth the pages are checked against.
 */
export class PartyObserver {
  attention: AttentionPayload | null = null;
  focus: FocusPayload | null = null;
  private constructor(readonly room: Room<ObservedState>) {}

  static async join(wsUrl: string, code: string): Promise<PartyObserver> {
    const room = await new Client(wsUrl).joinById<ObservedState>(code, { role: "screen" });
    const observer = new PartyObserver(room);
    room.onMessage("*", (type, payload) => {
      if (type === ServerMessage.attention) observer.attention = payload as AttentionPayload;
      if (type === ServerMessage.focus) observer.focus = payload as FocusPayload;
    });
    room.onStateChange(() => undefined);
    room.send(ClientMessage.ready, {});
    return observer;
  }

  guest(guestId: string): GuestView | undefined {
    return this.room.state.guests.get(guestId);
  }

  guestByName(name: string): GuestView | undefined {
    return [...this.room.state.guests.values()].find((g) => g.name === name);
  }

  connectionOf(guestId: string): ConnectionState | undefined {
    return this.guest(guestId)?.connection;
  }

  /** Polls the received state (patches arrive every 50 ms) until `predicate` holds. */
  async waitFor(predicate: (observer: PartyObserver) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`observer: timed out waiting for ${what} (phase ${this.room.state?.phase})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async leave(): Promise<void> {
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
  }
}

/**
 * Visible form controls a screen reader could not name (no label, aria-label, aria-labelledby
 * or text), described as "tag#id.class" — an empty list means every control is labelled.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === "fixed";
    const nameOf = (e: Element): string => {
      const labelledBy = e.getAttribute("aria-labelledby");
      const byIds = labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
      const labels = "labels" in e ? [...((e as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? "").join(" ") : "";
      const text = e.tagName === "BUTTON" ? (e.textContent ?? "") : "";
      return [e.getAttribute("aria-label") ?? "", byIds, labels, text, e.getAttribute("title") ?? ""].join(" ").trim();
    };
    return [...document.querySelectorAll("input, textarea, select, button, [role=button]")]
      .filter((e) => visible(e) && !nameOf(e))
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
  });
}

/** Console noise a browser prints by itself while its network is down; anything else is a bug. */
export function withoutNetworkNoise(errors: string[]): string[] {
  return errors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_NETWORK_CHANGED|ERR_EMPTY_RESPONSE|WebSocket connection to .* failed/.test(e),
  );
}
