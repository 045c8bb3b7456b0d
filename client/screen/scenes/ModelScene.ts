// The model round on the projector. Before the reveal: the sentence, the question the phones are
// answering and how many have answered. At the reveal: the untrained and the trained model side
// by side on the same sentence with the source's captions — random lines that flicker on the
// left, settled lines to the right places on the right — for one head or all four.
import Phaser from "phaser";
import { formatSeconds } from "../../lib/serverClock.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { HeadView, displayToken } from "../HeadView.js";
import { HEAD_CSS } from "../modelScreenState.js";
import { modelScreen } from "../modelScreen.js";
import { emptyRoundDrawing, screenModel } from "../ScreenModel.js";
import { visibleTextBoxes } from "../textBoxes.js";
import { COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";
import { HEAD_LEGEND_Y, drawHeadLegend, drawSentenceLine } from "./modelSceneParts.js";

const FLICKER_MS = 450;
/** The two panels' top and bottom: the class's guesses go on one line below them, clear of the HUD's key hint. */
const PANEL = { top: 225, bottom: 1000 } as const;

export class ModelScene extends Phaser.Scene {
  private title!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private timer!: Phaser.GameObjects.Text;
  private body!: Phaser.GameObjects.Container;
  /** Panel backgrounds: under the lines, which are under the texts. */
  private panels!: Phaser.GameObjects.Container;
  private untrained!: HeadView;
  private trained!: HeadView;
  private signature = "";
  private offs: Array<() => void> = [];

  constructor() {
    super("ModelScene");
  }

  create(): void {
    this.signature = "";
    drawBackdrop(this);
    this.panels = this.add.container(0, 0);
    this.untrained = new HeadView(this, { x: 40, y: 350, width: 900, height: PANEL.bottom - 350 - 15 });
    this.trained = new HeadView(this, { x: 980, y: 350, width: 900, height: PANEL.bottom - 350 - 15 });
    this.body = this.add.container(0, 0);
    this.title = this.add.text(60, 28, "", textStyle(56, CSS.amber, "bold"));
    this.caption = this.add.text(60, 100, "", { ...textStyle(30), wordWrap: { width: WIDTH - 400 } });
    this.timer = this.add.text(WIDTH - 60, 36, "", textStyle(56, CSS.text, "bold")).setOrigin(1, 0);
    this.offs.push(
      modelScreen.events.on("changed", () => this.sync()),
      screenModel.connection.on("state", () => this.sync()),
    );
    this.input.keyboard?.on("keydown", (event: KeyboardEvent) => {
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 0 && n <= 4) modelScreen.selectHead(n === 0 ? null : n - 1);
    });
    this.time.addEvent({ delay: FLICKER_MS, loop: true, callback: () => this.flicker() });
    screenModel.boxes = () => visibleTextBoxes([this.title, this.caption, this.timer, this.body, this.untrained.labelContainer, this.trained.labelContainer]);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.offs.splice(0)) off();
      screenModel.boxes = () => [];
      screenModel.linesDrawn = 0;
      screenModel.drawn = emptyRoundDrawing();
    });
    this.sync();
  }

  override update(): void {
    const s = screenModel.connection.snapshot;
    if (s?.phase === "write" && s.isWritingOpen && s.phaseEndsAt > 0) {
      const text = formatSeconds(screenModel.clock.secondsLeft(s.phaseEndsAt) ?? 0);
      if (this.timer.text !== text) this.timer.setText(text);
    } else if (this.timer.text !== "") this.timer.setText("");
  }

  private sync(): void {
    const s = screenModel.connection.snapshot;
    const sentence = modelScreen.sentence;
    if (!s) return;
    const answered = s.guests.filter((g) => g.isPlaying && g.hasSubmitted).length;
    const playing = s.guests.filter((g) => g.isPlaying).length;
    const attention = modelScreen.attention;
    const signature = JSON.stringify([s.phase, s.roundNumber, answered, playing, sentence?.roundNumber, attention?.sentence, modelScreen.head, s.isWritingOpen]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.title.setText("Untrained vs trained");
    this.body.removeAll(true);
    this.panels.removeAll(true);
    const isRevealed = s.phase !== "brief" && s.phase !== "write" && attention !== null;
    this.untrained.setVisible(isRevealed);
    this.trained.setVisible(isRevealed);
    if (!sentence) this.setCaption("Both models are reading the sentence…");
    else if (!isRevealed) this.drawQuestion(s, answered, playing);
    else this.drawReveal(attention);
    this.publish(isRevealed ? attention.trained.tokens.length - 1 : (sentence?.tokens.length ?? 1) - 1, isRevealed, sentence && !isRevealed ? answered : 0);
  }

  /** What is on screen, for the test hook: the words, and at the reveal each panel's lines. */
  private publish(words: number, isRevealed: boolean, answered: number): void {
    const untrainedLines = isRevealed ? this.untrained.linesDrawn : 0;
    const trainedLines = isRevealed ? this.trained.linesDrawn : 0;
    const heads = isRevealed ? [...new Set([...this.untrained.headsDrawn, ...this.trained.headsDrawn])].sort((a, b) => a - b) : [];
    screenModel.linesDrawn = untrainedLines + trainedLines;
    screenModel.drawn = { ...emptyRoundDrawing(), words, heads, headShown: isRevealed ? modelScreen.head : null, untrainedLines, trainedLines, answered };
  }

  private drawQuestion(s: PartySnapshot, answered: number, playing: number): void {
    const sentence = modelScreen.sentence!;
    const { question } = sentence;
    this.setCaption(
      s.phase === "brief"
        ? "A model never stores answers — it stores a recipe for where to look. Which word will it look at here?"
        : "Predict the trained model: on your phone, pick the word it will pay the most attention to.",
    );
    // A long sentence takes two lines: it starts high enough for both to stand clear of the question.
    this.body.add(drawSentenceLine(this, sentence.tokens.slice(1), WIDTH / 2, 300, WIDTH - 200, { [question.wordIndex - 1]: CSS.amber }));
    const color = HEAD_CSS[question.head];
    this.body.add(this.add.text(WIDTH / 2, 500, `Which word will “${question.word}” pay attention to?`, textStyle(72, CSS.text, "bold")).setOrigin(0.5));
    this.body.add(this.add.text(WIDTH / 2, 600, `Head ${question.head + 1} asks: ${question.headQuestion}`, textStyle(46, color, "bold")).setOrigin(0.5));
    const choices = question.choices.map((i) => displayToken(sentence.tokens[i])).join("   ·   ");
    this.body.add(this.add.text(WIDTH / 2, 720, choices, { ...textStyle(44, CSS.muted), align: "center", wordWrap: { width: WIDTH - 300 } }).setOrigin(0.5, 0));
    const status = s.phase === "brief" ? "The question opens in a moment." : s.isWritingOpen ? `${answered} of ${playing} have answered` : `Answers closed · ${answered} of ${playing} answered`;
    this.body.add(this.add.text(WIDTH / 2, 930, status, textStyle(44, CSS.teal, "bold")).setOrigin(0.5));
    if (sentence.unknownWords.length > 0) {
      this.body.add(this.add.text(WIDTH / 2, 1010, `Left out (the models do not know them): ${sentence.unknownWords.join(", ")}`, textStyle(28, CSS.muted)).setOrigin(0.5));
    }
  }

  private drawReveal(attention: NonNullable<typeof modelScreen.attention>): void {
    const head = modelScreen.head;
    const question = attention.question;
    const focusRow = question && (head === null || head === question.head) ? question.wordIndex : null;
    this.setCaption(
      question
        ? `Same words, same architecture. Only the recipe differs: random weights on the left, trained weights on the right.`
        : `A new sentence the model never saw: the trained recipe still finds who did what, where, and who “it” is.`,
    );
    const panel = (x: number, label: string, tagline: string, color: string) => {
      const back = this.add.graphics();
      back.fillStyle(COLOR.table, 0.55).fillRoundedRect(x, PANEL.top, 900, PANEL.bottom - PANEL.top, 24);
      this.panels.add(back);
      this.body.add([this.add.text(x + 30, 238, label, textStyle(44, color, "bold")), this.add.text(x + 30, 294, tagline, textStyle(32, CSS.text))]);
    };
    panel(40, "Untrained model", "Random attention — nothing makes sense", CSS.danger);
    panel(980, "Trained model", "Attention goes to the right places", CSS.teal);
    this.untrained.show(attention.untrained, { head, focusRow, flicker: screenModel.isReducedMotion ? 0 : 0.7 });
    this.trained.show(attention.trained, { head, focusRow });
    this.body.add(drawHeadLegend(this, WIDTH / 2, HEAD_LEGEND_Y, head));
    if (question) {
      const votes = Object.entries(attention.votes)
        .sort((a, b) => b[1] - a[1])
        .map(([i, n]) => `${displayToken(attention.trained.tokens[Number(i)])} ${n}`)
        .join(" · ");
      const row = attention.trained.heads[question.head].weights[question.wordIndex];
      const best = row.indexOf(Math.max(...row));
      const text = `Class guessed: ${votes || "no answers"}   →   the trained model chose “${displayToken(attention.trained.tokens[best])}” (${Math.round(row[best] * 100)}%)`;
      const guessed = this.add.text(WIDTH / 2, HEIGHT - 36, text, textStyle(32, CSS.amber, "bold")).setOrigin(0.5, 1);
      if (guessed.width > WIDTH - 2 * 40) guessed.setScale((WIDTH - 2 * 40) / guessed.width);
      this.body.add(guessed);
    }
  }

  private flicker(): void {
    if (screenModel.isReducedMotion || !modelScreen.attention) return;
    this.untrained.redraw();
  }

  private setCaption(text: string): void {
    if (this.caption.text !== text) this.caption.setText(text);
    screenModel.caption = text;
  }
}
