// The sentence and heads rounds on the projector. Brief and write: the sentence as a row of words
// and the tables side by side (each a copy of the sentence), who plays each word (the model's
// seats badged) and who has sent. Reveal: every table drawn like a head view — arcs from each word
// to the words it attended to, the answer key dashed below, points per seat; in the heads round
// each team's tables in its head's colour and shape, the team scores, one head or all (the
// dashboard's headFocus or keys 0–6). A click on a word shows its row's percentages (here only).
import Phaser from "phaser";
import type { SentenceAttentionPayload, TableView } from "../../../shared/sentenceRound.js";
import { formatSeconds } from "../../lib/serverClock.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { emptyRoundDrawing, screenModel, type ScreenBox } from "../ScreenModel.js";
import { layoutTables, readableTableCount, tablesToShow, keyTargets, type Rect } from "../sentenceLayout.js";
import { sentenceScreen } from "../sentenceScreen.js";
import { headColor, headCss, headMarker, type PreviewPhase } from "../sentenceScreenState.js";
import { drawMarker, SentenceTable, type SeatHit } from "../SentenceTable.js";
import { visibleTextBoxes } from "../textBoxes.js";
import { CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";
import { drawSentenceLine } from "./modelSceneParts.js";
import { pointsText } from "../../lib/points.js";

/** The reveal grows every arc at once, out of its query's word (ms). */
const GROW_MS = 1400;
const SIDE = 40;
/** Bottom of the footer line: clear of the HUD's key hint in the corner below it. */
const FOOTER_Y = HEIGHT - 38;
/** The caption's line width: the top right is the timer's. */
const CAPTION_WIDTH = WIDTH - 440;
/** Height of one row of the heads' legend. */
const LEGEND_ROW = 40;

interface Focus {
  table: number;
  position: number;
}

export class SentenceScene extends Phaser.Scene {
  private title!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private timer!: Phaser.GameObjects.Text;
  private frames!: Phaser.GameObjects.Graphics;
  private keyArcs!: Phaser.GameObjects.Graphics;
  private arcs!: Phaser.GameObjects.Graphics;
  private body!: Phaser.GameObjects.Container;
  /** Texts of the body outside the tables (sentence line, heads legend, footer, "+k more"): checked like the tables' own. */
  private chrome: Phaser.GameObjects.GameObject[] = [];
  private tables: SentenceTable[] = [];
  private hits: SeatHit[] = [];
  private focus: Focus | null = null;
  private signature = "";
  /** The attention payload whose arcs have grown (a new one grows again). */
  private grownFor: SentenceAttentionPayload | null = null;
  private growStartedAt: number | null = null;
  private offs: Array<() => void> = [];

  constructor() {
    super("SentenceScene");
  }

  create(): void {
    this.signature = "";
    this.focus = null;
    this.grownFor = null;
    this.growStartedAt = null;
    drawBackdrop(this);
    this.frames = this.add.graphics();
    this.keyArcs = this.add.graphics();
    this.arcs = this.add.graphics();
    this.body = this.add.container(0, 0);
    this.title = this.add.text(60, 28, "", textStyle(48, CSS.amber, "bold"));
    this.caption = this.add.text(60, 92, "", { ...textStyle(30), wordWrap: { width: CAPTION_WIDTH } });
    this.timer = this.add.text(WIDTH - 60, 24, "", textStyle(96, CSS.text, "bold")).setOrigin(1, 0);
    this.offs.push(
      sentenceScreen.events.on("changed", () => this.sync()),
      screenModel.connection.on("state", () => this.sync()),
      screenModel.events.on("focus", (guestId) => this.focusGuest(guestId)),
    );
    this.input.on("pointerdown", (pointer: Phaser.Input.Pointer) => this.onClick(pointer.worldX, pointer.worldY));
    this.input.keyboard?.on("keydown", (event: KeyboardEvent) => {
      const n = Number(event.key);
      if (event.key.trim() === "" || !Number.isInteger(n) || sentenceScreen.headCount === 0) return;
      if (n === 0) sentenceScreen.selectHead(null);
      else if (n <= sentenceScreen.headCount) sentenceScreen.selectHead(n - 1);
    });
    screenModel.boxes = () => this.boxes();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.offs.splice(0)) off();
      screenModel.boxes = () => [];
      screenModel.tablesDrawn = 0;
      screenModel.arcsDrawn = 0;
      screenModel.linesDrawn = 0;
      screenModel.keyArcsDrawn = 0;
      screenModel.tablesHidden = 0;
      screenModel.focusedSeat = null;
      screenModel.revealProgress = 1;
      screenModel.drawn = emptyRoundDrawing();
    });
    this.sync();
  }

  override update(time: number): void {
    const s = screenModel.connection.snapshot;
    const left = !sentenceScreen.preview && s?.phase === "write" && s.isWritingOpen && s.phaseEndsAt > 0 ? screenModel.clock.secondsLeft(s.phaseEndsAt) : null;
    const text = left === null ? "" : formatSeconds(left);
    if (this.timer.text !== text) this.timer.setText(text).setColor(left !== null && left <= 10 ? CSS.danger : CSS.text);
    if (this.growStartedAt !== null) {
      const progress = Math.min(1, (time - this.growStartedAt) / GROW_MS);
      this.drawArcs(progress);
      if (progress >= 1) this.growStartedAt = null;
    }
  }

  private get phase(): PreviewPhase | null {
    if (sentenceScreen.preview) return sentenceScreen.preview;
    const phase = screenModel.connection.snapshot?.phase;
    return phase === "brief" || phase === "write" || phase === "reveal" ? phase : null;
  }

  private sync(): void {
    const s = screenModel.connection.snapshot;
    const phase = this.phase;
    // A focus belongs to one reveal.
    if (this.focus && (phase !== "reveal" || !sentenceScreen.attention?.tables.some((t) => t.index === this.focus?.table))) this.focus = null;
    const seating = sentenceScreen.seating;
    const attention = phase === "reveal" ? sentenceScreen.attention : null;
    const submitted = s ? s.guests.filter((g) => g.hasSubmitted).map((g) => g.id) : [];
    const signature = JSON.stringify([phase, s?.roundNumber, s?.isWritingOpen, submitted, seating?.roundNumber, seating?.tables.length, seating?.tables.map((t) => t.seats.map((x) => x.guestId)), attention?.roundNumber, attention?.tables.length, sentenceScreen.head, this.focus, sentenceScreen.preview]);
    // Same signature but new payload objects (a recompute): draw again.
    if (signature === this.signature && attention === this.grownFor) return;
    this.signature = signature;
    this.draw(phase, s, submitted, attention);
  }

  private draw(phase: PreviewPhase | null, s: PartySnapshot | null, submittedIds: string[], attention: SentenceAttentionPayload | null): void {
    this.body.removeAll(true);
    this.frames.clear();
    this.keyArcs.clear();
    this.arcs.clear();
    this.tables = [];
    this.hits = [];
    this.chrome = [];
    const seating = sentenceScreen.seating;
    const roundType = attention?.roundType ?? seating?.roundType ?? (s?.roundType === "heads" ? "heads" : "sentence");
    const isHeads = roundType === "heads";
    this.title.setText(`${isHeads ? "Heads teams" : "Be a sentence"}${seating ? ` · ${seating.title}` : ""}`);
    const words = attention?.words ?? seating?.words ?? [];
    const allTables: TableView[] = attention?.tables ?? seating?.tables ?? [];
    const questions = attention?.questions ?? seating?.questions ?? [];
    if (words.length === 0 || allTables.length === 0) {
      this.setCaption(phase === "reveal" ? "Every word's query is meeting every name tag at its table…" : "Seating the class at the sentence…");
      this.publish(0, null);
      return;
    }
    const isReveal = phase === "reveal" && attention !== null;
    let top = 200;
    if (!isReveal) {
      // The sentence itself, big: what every table is a copy of.
      const line = drawSentenceLine(this, words, WIDTH / 2, 230, WIDTH - 2 * SIDE - 200, {}, 56);
      this.body.add(line);
      this.chrome.push(line);
      top = 290;
    }
    if (isHeads) {
      top += this.drawHeadsLegend(questions, attention, top + 8) + 14;
    }
    const head = isHeads && isReveal ? sentenceScreen.head : null;
    const area: Rect = { x: SIDE, y: top, width: WIDTH - 2 * SIDE, height: FOOTER_Y - 50 - top };
    const { shown, hidden } = tablesToShow(allTables, head, readableTableCount(words.length, area, isReveal));
    const grid = layoutTables(shown.length, words.length, area, isReveal);
    const submitted = new Set(submittedIds);
    const revealedByIndex = new Map((attention?.tables ?? []).map((t) => [t.index, t]));
    shown.forEach((table, k) => {
      const sameHead = allTables.filter((t) => t.head === table.head);
      const number = sameHead.indexOf(table) + 1;
      const label = table.head === null ? `Table ${table.index + 1}` : `${table.head + 1} ${questions[table.head] ?? ""}${sameHead.length > 1 ? ` · table ${number}` : ""}`;
      const view = new SentenceTable(
        this,
        {
          table,
          revealed: isReveal ? (revealedByIndex.get(table.index) ?? null) : null,
          keys: attention?.keys ?? [],
          words,
          cell: grid.cells[k],
          scale: grid.scale,
          title: label,
          submitted,
          focus: this.focus?.table === table.index ? this.focus.position : null,
        },
        this.body,
        this.frames,
      );
      view.drawKeyArcs(this.keyArcs);
      this.tables.push(view);
      this.hits.push(...view.hits);
    });
    if (hidden > 0) {
      // Top right, under where the timer stands: the tables' grid may fill the bottom row.
      const more = this.add.text(WIDTH - 60, 150, `+${hidden} more table${hidden === 1 ? "" : "s"} not shown`, textStyle(30, CSS.amber, "bold")).setOrigin(1, 0);
      this.body.add(more);
      this.chrome.push(more);
    }
    this.drawFooter(s, isReveal, attention, words);
    // Narrower while the "+k more tables" line stands at the top right, under the timer.
    this.caption.setWordWrapWidth(hidden > 0 ? CAPTION_WIDTH - 160 : CAPTION_WIDTH);
    this.setCaption(this.captionFor(phase, s, isHeads, isReveal, questions, attention, words));
    // Grow the arcs once per attention payload; a focus or head change redraws them grown.
    const isNewReveal = isReveal && attention !== this.grownFor;
    if (isNewReveal) this.grownFor = attention;
    if (isNewReveal && !screenModel.isReducedMotion) this.growStartedAt = this.time.now;
    if (this.growStartedAt === null) this.drawArcs(1);
    else this.drawArcs(Math.min(1, (this.time.now - this.growStartedAt) / GROW_MS));
    this.publish(hidden, head);
  }

  private drawArcs(progress: number): void {
    this.arcs.clear();
    for (const t of this.tables) t.drawArcs(this.arcs, progress);
    screenModel.revealProgress = progress;
    screenModel.arcsDrawn = this.tables.reduce((sum, t) => sum + t.arcsDrawn, 0);
    screenModel.linesDrawn = screenModel.arcsDrawn;
  }

  private publish(hidden: number, head: number | null): void {
    const heads = new Set(this.tables.flatMap((t) => (t.head === null ? [] : [t.head])));
    screenModel.drawn = {
      ...emptyRoundDrawing(),
      words: this.tables[0]?.wordsDrawn ?? 0,
      playersNamed: this.tables.reduce((sum, t) => sum + t.playersNamed, 0),
      heads: [...heads].sort((a, b) => a - b),
      headShown: head,
    };
    screenModel.tablesDrawn = this.tables.length;
    screenModel.tablesHidden = hidden;
    screenModel.keyArcsDrawn = this.tables.reduce((sum, t) => sum + t.keyArcsDrawn, 0);
    screenModel.arcsDrawn = this.tables.reduce((sum, t) => sum + t.arcsDrawn, 0);
    screenModel.linesDrawn = screenModel.arcsDrawn;
    screenModel.focusedSeat = this.focus ? `${this.focus.table}:${this.focus.position}` : null;
  }

  /**
   * The heads' legend: shape, number, question and (at the reveal) the team's score, the
   * unselected dimmed, and the keys that pick a head. Items keep their back-row size and go on
   * as many centred rows as they need (four long questions do not fit one). Returns its height.
   */
  private drawHeadsLegend(questions: string[], attention: SentenceAttentionPayload | null, y: number): number {
    const selected = attention ? sentenceScreen.head : null;
    const fontPx = 28;
    const items = questions.map((question, h) => {
      const team = attention?.teams.find((t) => t.head === h);
      const isOn = selected === null || selected === h;
      const g = this.add.graphics();
      drawMarker(g, headMarker(h), 11, 0, 11, headColor(h), isOn ? 1 : 0.35);
      const label = `${h + 1} ${question}${team ? `  ${pointsText(team.score, true)}` : ""}`;
      const text = this.add.text(30, 0, label, textStyle(fontPx, isOn ? headCss(h) : CSS.muted, "bold")).setOrigin(0, 0.5).setAlpha(isOn ? 1 : 0.6);
      return { item: this.add.container(0, 0, [g, text]), width: 30 + text.width };
    });
    const hint = attention ? (selected === null ? `all heads · keys 1–${questions.length}: one` : "key 0: all heads") : "";
    if (hint) {
      const text = this.add.text(0, 0, hint, textStyle(22, CSS.muted)).setOrigin(0, 0.5);
      items.push({ item: this.add.container(0, 0, [text]), width: text.width });
    }
    const gap = 44;
    const rows: Array<typeof items> = [[]];
    let rowWidth = 0;
    for (const it of items) {
      if (rowWidth > 0 && rowWidth + gap + it.width > WIDTH - 2 * SIDE) {
        rows.push([]);
        rowWidth = 0;
      }
      rows[rows.length - 1].push(it);
      rowWidth += (rowWidth > 0 ? gap : 0) + it.width;
    }
    const legend = this.add.container(0, 0);
    rows.forEach((row, r) => {
      const width = row.reduce((sum, it) => sum + it.width, 0) + gap * (row.length - 1);
      let x = (WIDTH - width) / 2;
      for (const it of row) {
        legend.add(it.item.setPosition(x, y + r * LEGEND_ROW));
        x += it.width + gap;
      }
    });
    this.body.add(legend);
    this.chrome.push(legend);
    return rows.length * LEGEND_ROW;
  }

  private drawFooter(s: PartySnapshot | null, isReveal: boolean, attention: SentenceAttentionPayload | null, words: string[]): void {
    let text: string;
    let color: string = CSS.muted;
    if (isReveal && attention && this.focus) {
      text = this.focusLine(attention, words, this.focus);
      color = CSS.amber;
    } else if (isReveal) {
      text = "Arcs above: where each word looked (thicker = more attention) · dashed below: the answer key · click a word for its percentages";
    } else {
      const seats = (sentenceScreen.seating?.tables ?? []).flatMap((t) => t.seats);
      const humans = seats.filter((seat) => !seat.isModel && seat.guestId !== null);
      const sent = humans.filter((seat) => s?.guests.some((g) => g.id === seat.guestId && g.hasSubmitted)).length;
      const modelCount = seats.length - humans.length;
      text = `${sent} of ${humans.length} words written${modelCount > 0 ? ` · the trained model plays the ${modelCount} word${modelCount === 1 ? "" : "s"} marked “model”` : ""}`;
      color = CSS.teal;
    }
    const footer = this.add.text(WIDTH / 2, FOOTER_Y, text, { ...textStyle(isReveal ? 28 : 34, color, "bold"), align: "center" }).setOrigin(0.5, 1);
    if (footer.width > WIDTH - 2 * SIDE) footer.setScale((WIDTH - 2 * SIDE) / footer.width);
    this.body.add(footer);
    this.chrome.push(footer);
  }

  /** "“it” (Ada) looked at: cat 62% · mat 20% — the key says: cat". */
  private focusLine(attention: SentenceAttentionPayload, words: string[], focus: Focus): string {
    const table = attention.tables.find((t) => t.index === focus.table);
    const k = table?.seats.findIndex((seat) => seat.position === focus.position) ?? -1;
    if (!table || k < 0) return "";
    const seat = table.seats[k];
    const who = seat.isModel ? "the model" : (seat.name ?? "?");
    const row = (table.rows[k] ?? []).filter(([, w]) => w >= 0.04).map(([p, w]) => `${words[p]} ${Math.round(w * 100)}%`);
    const key = keyTargets(attention.keys, table.head, focus.position).map((t) => words[t.position]);
    const tag = table.nameTags[k] ? ` · its name tag: “${table.nameTags[k]}”` : "";
    return `“${seat.word}” (${who}) looked at ${row.join(" · ") || "nothing"}  —  ${key.length ? `the key says: ${key.join(", ")}` : "no link in the key"}${tag}`;
  }

  private captionFor(phase: PreviewPhase | null, s: PartySnapshot | null, isHeads: boolean, isReveal: boolean, questions: string[], attention: SentenceAttentionPayload | null, words: string[]): string {
    if (isReveal && attention) {
      const head = sentenceScreen.head;
      if (this.focus) {
        const seat = attention.tables.find((t) => t.index === this.focus?.table)?.seats.find((x) => x.position === this.focus?.position);
        return `“${seat?.word ?? words[this.focus.position]}” sent one query to every word at once; the percentages say how its attention split over their name tags.`;
      }
      if (isHeads && head !== null) return `Head ${head + 1} asks “${questions[head] ?? ""}” — its arcs should land where the dashed key arcs do.`;
      if (isHeads) return "One sentence, several heads: each team asked its own question of the same words, so each head's arcs land on different words.";
      return "Every word looked at every other word at once: each arc runs from a word's query to the name tags that answered it best.";
    }
    if (phase === "reveal") return "Every word's query is meeting every name tag at its table…";
    if (phase === "write" && s?.isWritingOpen === false && !sentenceScreen.preview) return "Writing is closed: next, every word's query meets every name tag at its table — all at once.";
    if (isHeads) return "Each team is one attention head with its own question: write your word's query (what I need) and name tag (what I offer) for your head's question.";
    return "Every word writes what it needs (query) and what it offers (name tag); each table is its own sentence.";
  }

  private onClick(x: number, y: number): void {
    const hit = this.hits.find((h) => x >= h.rect.x && x <= h.rect.x + h.rect.width && y >= h.rect.y && y <= h.rect.y + h.rect.height);
    const isSame = hit && this.focus?.table === hit.table && this.focus.position === hit.position;
    this.setFocus(hit && !isSame ? { table: hit.table, position: hit.position } : null);
  }

  /** The dashboard's focus (a guest id): that guest's word, when it is on screen. */
  private focusGuest(guestId: string | null): void {
    if (guestId === null) return this.setFocus(null);
    const table = (sentenceScreen.attention?.tables ?? sentenceScreen.seating?.tables ?? []).find((t) => t.seats.some((seat) => seat.guestId === guestId));
    const seat = table?.seats.find((x) => x.guestId === guestId);
    if (table && seat) this.setFocus({ table: table.index, position: seat.position });
  }

  private setFocus(focus: Focus | null): void {
    if (focus?.table === this.focus?.table && focus?.position === this.focus?.position) return;
    // Only a revealed row has percentages; before the reveal a click has nothing to show.
    this.focus = focus && this.phase === "reveal" && sentenceScreen.attention ? focus : null;
    this.sync();
  }

  private setCaption(text: string): void {
    if (this.caption.text !== text) this.caption.setText(text);
    screenModel.caption = text;
  }

  /** The visible texts, for the test hook's overlap check: the tables' (with ids per seat) and the scene's own. */
  boxes(): ScreenBox[] {
    return [...this.tables.flatMap((t) => t.boxes), ...visibleTextBoxes([this.title, this.caption, this.timer, ...this.chrome])];
  }
}
