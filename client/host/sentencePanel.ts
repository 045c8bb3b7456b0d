// Dashboard in the sentence and heads rounds: the scenario's sentence and its tables — who plays
// which word (seats the trained model plays marked), who has written — and after the reveal each
// seat's points with where its word looked, the key's targets and, in a heads round, the team
// scores; the head the projector shows (host:selectHead). Everything comes from the staff
// messages sentenceSeating / sentenceAttention / headFocus and the room state.
import { ClientMessage } from "../../shared/messages.js";
import type { HeadFocusPayload } from "../../shared/modelRound.js";
import { ROUND_TITLES } from "../../shared/rounds.js";
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { el, percent, replaceChildren, setText } from "../lib/dom.js";
import { headCss, headGlyph } from "../lib/headStyle.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";
import { headOptions } from "./watchedRound.js";
import { pointsText } from "../lib/points.js";

type RevealedTable = SentenceAttentionPayload["tables"][number];

/** The key's targets for a word at a table: its team's head, or every head's (sentence round). */
export function keyTargetsOf(attention: SentenceAttentionPayload, head: number | null, position: number): number[] {
  const heads = head === null ? attention.keys.map((_, h) => h) : [head];
  const targets = new Set<number>();
  for (const h of heads) for (const t of attention.keys[h]?.[position] ?? []) targets.add(t.position);
  return [...targets];
}

/** "3 tables · 12 students · 8 words played by the model". */
export function seatingLine(seating: SentenceSeatingPayload): string {
  const seats = seating.tables.flatMap((t) => t.seats);
  const students = seats.filter((s) => !s.isModel).length;
  const model = seats.length - students;
  const parts = [
    `${seating.tables.length} ${seating.tables.length === 1 ? "table" : "tables"} of ${seating.words.length} words`,
    `${students} ${students === 1 ? "student" : "students"}`,
  ];
  if (model > 0) parts.push(`${model} ${model === 1 ? "word" : "words"} played by the model`);
  return parts.join(" · ");
}

export class SentencePanel {
  readonly root: HTMLElement;
  private readonly title = el("h2", { attrs: { id: "sentence-panel-title" } });
  private readonly tag = el("p", { class: "round-label" });
  private readonly sentence = el("p", { class: "model-sentence-host" });
  private readonly summary = el("p", { class: "muted small seating-line" });
  private readonly teams = el("ol", { class: "team-scores", attrs: { "aria-label": "Team scores" } });
  private readonly heads = el("div", { class: "head-picker", attrs: { role: "group", "aria-labelledby": "sentence-head-title" } });
  private readonly headBox: HTMLElement;
  private readonly tables = el("div", { class: "seat-tables" });
  private snapshot: PartySnapshot | null = null;
  private seating: SentenceSeatingPayload | null = null;
  private attention: SentenceAttentionPayload | null = null;
  private head: number | null = null;
  private signature = "";

  constructor(private readonly connection: PartyConnection) {
    this.headBox = el("div", { class: "head-box" }, el("h3", { text: "The projector shows", attrs: { id: "sentence-head-title" } }), this.heads);
    this.root = el(
      "section",
      { class: "card sentence-panel", attrs: { "aria-labelledby": "sentence-panel-title" } },
      el("div", { class: "phase-head" }, this.title, this.tag),
      this.sentence,
      this.summary,
      this.teams,
      this.headBox,
      this.tables,
    );
    this.root.hidden = true;
  }

  setSnapshot(snapshot: PartySnapshot): void {
    if (this.snapshot?.roundNumber !== snapshot.roundNumber) this.head = null;
    this.snapshot = snapshot;
    this.render();
  }

  setSeating(payload: SentenceSeatingPayload): void {
    this.seating = payload;
    this.render();
  }

  setAttention(payload: SentenceAttentionPayload): void {
    this.attention = payload;
    this.render();
  }

  setHeadFocus(payload: HeadFocusPayload): void {
    this.head = payload.head;
    this.render();
  }

  private render(): void {
    const s = this.snapshot;
    const isRound = !!s && (s.roundType === "sentence" || s.roundType === "heads");
    const isShown = isRound && s.phase !== "lobby" && s.phase !== "ended";
    this.root.hidden = !isShown;
    if (!s || !isShown) return;
    const seating = this.seating?.roundNumber === s.roundNumber ? this.seating : null;
    const isAfterReveal = s.phase === "reveal" || s.phase === "scores";
    const attention = isAfterReveal && this.attention?.roundNumber === s.roundNumber ? this.attention : null;
    const isHeads = s.roundType === "heads";
    setText(this.title, ROUND_TITLES[isHeads ? "heads" : "sentence"]);
    setText(this.tag, seating ? `Round ${s.roundNumber} · ${seating.title}` : `Round ${s.roundNumber}`);
    setText(this.sentence, seating ? `“${seating.sentence}”` : "The trained model is reading the sentence…");
    setText(this.summary, seating ? seatingLine(seating) : "");

    // Rebuild the tables only when what they show changed (state patches arrive every 50 ms).
    const guests = new Map(s.guests.map((g) => [g.id, g]));
    const written = seating?.tables.flatMap((t) => t.seats.map((seat) => (seat.guestId ? [guests.get(seat.guestId)?.hasSubmitted, guests.get(seat.guestId)?.connection] : null)));
    const signature = JSON.stringify([s.roundNumber, s.phase, seating, attention?.tables.map((t) => [t.points, t.rows.map((r) => r[0])]), attention?.teams, written, this.head]);
    if (signature === this.signature) return;
    this.signature = signature;

    this.renderTeams(seating, attention, isHeads);
    this.headBox.hidden = !isHeads || !seating;
    this.renderHeads(seating);
    replaceChildren(this.tables, ...(seating?.tables.map((t) => this.tableCard(seating, t, attention?.tables.find((r) => r.index === t.index) ?? null, attention, guests)) ?? []));
  }

  private renderTeams(seating: SentenceSeatingPayload | null, attention: SentenceAttentionPayload | null, isHeads: boolean): void {
    const teams = attention?.teams ?? [];
    this.teams.hidden = !isHeads || !seating;
    if (this.teams.hidden || !seating) return;
    const rows =
      teams.length > 0
        ? [...teams].sort((a, b) => b.score - a.score).map((t) => ({ head: t.head, question: t.question, text: pointsText(t.score), detail: `${t.memberCount} ${t.memberCount === 1 ? "student" : "students"}` }))
        : seating.questions.map((q, h) => {
            const members = seating.tables.filter((t) => t.head === h).flatMap((t) => t.seats.filter((seat) => !seat.isModel)).length;
            return { head: h, question: q, text: "", detail: `${members} ${members === 1 ? "student" : "students"}` };
          });
    replaceChildren(
      this.teams,
      ...rows.map((t) => {
        const li = el(
          "li",
          { class: "team-row", attrs: { "data-head": t.head } },
          el("span", { class: "team-mark", text: headGlyph(t.head), attrs: { "aria-hidden": "true" } }),
          el("span", { class: "team-name", text: `Head ${t.head + 1} · ${t.question}` }),
          el("span", { class: "muted small", text: t.detail }),
          t.text ? el("strong", { class: "team-score", text: t.text }) : null,
        );
        li.style.setProperty("--head", headCss(t.head));
        return li;
      }),
    );
  }

  private renderHeads(seating: SentenceSeatingPayload | null): void {
    if (!seating) return;
    replaceChildren(
      this.heads,
      ...headOptions(seating.questions).map((option) => {
        const isOn = option.head === this.head;
        const b = el("button", {
          class: `btn btn-small head-btn${isOn ? " is-on" : ""}`,
          text: option.head === null ? option.label : `${headGlyph(option.head)} ${option.label}`,
          attrs: { type: "button", title: option.title, "aria-pressed": String(isOn), "data-head": option.head === null ? "all" : option.head },
        });
        if (option.head !== null) b.style.setProperty("--head", headCss(option.head));
        b.addEventListener("click", () => this.connection.send(ClientMessage.selectHead, { head: option.head }));
        return b;
      }),
    );
  }

  private tableCard(
    seating: SentenceSeatingPayload,
    table: SentenceSeatingPayload["tables"][number],
    revealed: RevealedTable | null,
    attention: SentenceAttentionPayload | null,
    guests: Map<string, PartySnapshot["guests"][number]>,
  ): HTMLElement {
    const words = seating.words;
    const card = el(
      "section",
      { class: `seat-table${table.head === null ? "" : " has-head"}`, attrs: { "data-table": table.index, "aria-label": `Table ${table.index + 1}` } },
      el(
        "h3",
        {},
        `Table ${table.index + 1}`,
        table.head === null
          ? null
          : el("span", { class: "table-head", text: ` ${headGlyph(table.head)} Head ${table.head + 1} · ${seating.questions[table.head] ?? ""}` }),
      ),
      el(
        "ol",
        { class: "seat-list" },
        ...table.seats.map((seat, k) => {
          const guest = seat.guestId ? guests.get(seat.guestId) : undefined;
          const points = revealed?.points[k];
          const top = revealed?.rows[k]?.[0];
          const keys = attention ? keyTargetsOf(attention, table.head, seat.position) : [];
          const isOnKey = top !== undefined && keys.includes(top[0]);
          const status = seat.isModel
            ? el("span", { class: "badge badge-model-seat", text: "played by the model" })
            : el("span", {
                class: `seat-state ${guest?.hasSubmitted ? "is-written" : "is-waiting"}`,
                text: guest?.hasSubmitted ? "✓ written" : guest?.connection === "gone" ? "left" : "writing…",
              });
          return el(
            "li",
            { class: `seat${seat.isModel ? " is-model" : ""}`, attrs: { "data-position": seat.position, "data-guest": seat.guestId ?? undefined } },
            el("span", { class: "seat-word", text: words[seat.position] ?? seat.word }),
            // A model seat's badge takes the name's place: nobody sits there.
            seat.isModel ? null : el("span", { class: "seat-name", text: seat.name ?? guest?.name ?? "?" }),
            status,
            revealed
              ? el(
                  "span",
                  { class: "seat-result" },
                  top ? el("span", { class: isOnKey ? "seat-look is-on-key" : "seat-look", text: `→ ${words[top[0]] ?? "?"} ${percent(top[1])}`, attrs: { title: keys.length ? `The key says: ${keys.map((p) => words[p]).join(", ")}` : "No link for this word in the key" } }) : null,
                  el("strong", { class: "seat-points", text: points === null || points === undefined ? "–" : `+${Math.round(points)}`, attrs: { title: points === null ? "Not scored: the key has no link for this word" : "Points" } }),
                )
              : null,
          );
        }),
      ),
    );
    if (table.head !== null) card.style.setProperty("--head", headCss(table.head));
    return card;
  }
}
