// The training course on the projector: the model starts from random weights and trains on the
// corpus in front of the class. Left, the loss falling chunk by chunk; right, the course
// sentence's attention as it is right now — scattered at first, settling on the right words.
import Phaser from "phaser";
import type { CourseProgressPayload } from "../../../shared/modelRound.js";
import { formatSeconds } from "../../lib/serverClock.js";
import { HeadView, displayToken } from "../HeadView.js";
import { HEAD_CSS } from "../modelScreenState.js";
import { modelScreen } from "../modelScreen.js";
import { emptyRoundDrawing, screenModel } from "../ScreenModel.js";
import { visibleTextBoxes } from "../textBoxes.js";
import { COLOR, CSS, WIDTH, drawBackdrop, textStyle } from "../theme.js";
import { HEAD_LEGEND_Y, drawHeadLegend, drawSentenceLine } from "./modelSceneParts.js";

const CHART = { x: 150, y: 340, width: 720, height: 500 };

export class CourseScene extends Phaser.Scene {
  private title!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private timer!: Phaser.GameObjects.Text;
  private panels!: Phaser.GameObjects.Container;
  private body!: Phaser.GameObjects.Container;
  private chart!: Phaser.GameObjects.Graphics;
  private view!: HeadView;
  private signature = "";
  /** Points the loss curve was drawn through. */
  private lossPoints = 0;
  private offs: Array<() => void> = [];

  constructor() {
    super("CourseScene");
  }

  create(): void {
    this.signature = "";
    drawBackdrop(this);
    this.panels = this.add.container(0, 0);
    this.chart = this.add.graphics();
    this.view = new HeadView(this, { x: 980, y: 340, width: 900, height: 660 });
    this.body = this.add.container(0, 0);
    this.title = this.add.text(60, 28, "The training course", textStyle(56, CSS.amber, "bold"));
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
    screenModel.boxes = () => visibleTextBoxes([this.title, this.caption, this.timer, this.body, this.view.labelContainer]);
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
    const text = s?.phase === "write" && s.isWritingOpen && s.phaseEndsAt > 0 ? formatSeconds(screenModel.clock.secondsLeft(s.phaseEndsAt) ?? 0) : "";
    if (this.timer.text !== text) this.timer.setText(text);
  }

  private sync(): void {
    const s = screenModel.connection.snapshot;
    const sentence = modelScreen.sentence;
    if (!s) return;
    const course = modelScreen.course;
    const answered = s.guests.filter((g) => g.isPlaying && g.hasSubmitted).length;
    const playing = s.guests.filter((g) => g.isPlaying).length;
    const signature = JSON.stringify([s.phase, s.roundNumber, s.isWritingOpen, answered, playing, sentence?.roundNumber, course?.step, course?.isFinished, modelScreen.head]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.body.removeAll(true);
    this.panels.removeAll(true);
    this.chart.clear();
    this.lossPoints = 0;
    const isTraining = s.phase !== "brief" && s.phase !== "write";
    this.view.setVisible(isTraining && course !== null);
    if (!sentence) this.setCaption("Getting the course ready…");
    else if (!isTraining) this.drawBefore(s.phase === "brief", s.isWritingOpen, answered, playing);
    else this.drawTraining(course);
    this.publish(isTraining ? course : null, (sentence?.tokens.length ?? 1) - 1, sentence && !isTraining ? answered : 0);
  }

  /** What is on screen, for the test hook: the step and curve drawn, and the pattern's lines. */
  private publish(course: CourseProgressPayload | null, words: number, answered: number): void {
    const isShown = course !== null && this.view.isVisible;
    screenModel.linesDrawn = isShown ? this.view.linesDrawn : 0;
    screenModel.drawn = {
      ...emptyRoundDrawing(),
      words,
      heads: isShown ? [...this.view.headsDrawn] : [],
      headShown: isShown ? modelScreen.head : null,
      courseStep: course?.step ?? 0,
      isCourseFinished: course?.isFinished ?? false,
      lossPoints: this.lossPoints,
      answered,
    };
  }

  private drawBefore(isBrief: boolean, isOpen: boolean, answered: number, playing: number): void {
    const sentence = modelScreen.sentence!;
    const { question } = sentence;
    this.setCaption(
      isBrief
        ? "This model has never been trained: its weights are random. Watch it learn, from thousands of example sentences, where to look."
        : "Before it trains: predict which word it will look at once the course is over.",
    );
    // A long sentence takes two lines: it starts high enough for both to stand clear of the question.
    this.body.add(drawSentenceLine(this, sentence.tokens.slice(1), WIDTH / 2, 300, WIDTH - 200, { [question.wordIndex - 1]: CSS.amber }));
    this.body.add(this.add.text(WIDTH / 2, 520, `After training, which word will “${question.word}” pay attention to?`, textStyle(64, CSS.text, "bold")).setOrigin(0.5));
    this.body.add(this.add.text(WIDTH / 2, 620, `Head ${question.head + 1} asks: ${question.headQuestion}`, textStyle(44, HEAD_CSS[question.head], "bold")).setOrigin(0.5));
    const status = isBrief ? "The question opens in a moment." : isOpen ? `${answered} of ${playing} have answered` : `Answers closed · ${answered} of ${playing} answered — ready to train`;
    this.body.add(this.add.text(WIDTH / 2, 800, status, textStyle(44, CSS.teal, "bold")).setOrigin(0.5));
  }

  private drawTraining(course: CourseProgressPayload | null): void {
    const sentence = modelScreen.sentence!;
    const back = this.add.graphics();
    back.fillStyle(COLOR.table, 0.55).fillRoundedRect(40, 225, 900, 800, 24).fillRoundedRect(980, 225, 900, 800, 24);
    this.panels.add(back);
    this.body.add(this.add.text(70, 238, "Loss (how wrong it still is)", textStyle(40, CSS.text, "bold")));
    if (!course) {
      this.setCaption("Training starts from random weights…");
      return;
    }
    const seconds = (course.elapsedMs / 1000).toFixed(1);
    this.setCaption(
      course.isFinished
        ? `Trained in ${seconds} s. The model learned a recipe — where to look — not the answers: it works on sentences it never saw.`
        : "Every step shows it a batch of sentences and nudges the weights toward the right links. The loss falls; the lines settle.",
    );
    this.drawChart(course);
    const pct = Math.round(course.accuracy * 100);
    this.body.add([
      this.add.text(70, 900, `step ${course.step} / ${course.totalSteps}`, textStyle(44, CSS.amber, "bold")),
      this.add.text(70, 960, `${pct}% of this sentence's links right · ${seconds} s`, textStyle(34, CSS.text)),
    ]);
    const head = modelScreen.head;
    const { question } = sentence;
    this.body.add(this.add.text(1010, 238, course.isFinished ? "Attention now: trained" : "Attention right now", textStyle(40, course.isFinished ? CSS.teal : CSS.text, "bold")));
    this.view.show(course.pattern, { head, focusRow: head === null || head === question.head ? question.wordIndex : null });
    this.body.add(drawHeadLegend(this, WIDTH / 2, HEAD_LEGEND_Y, head));
    const row = course.pattern.heads[question.head].weights[question.wordIndex];
    const best = row.indexOf(Math.max(...row));
    this.body.add(this.add.text(1010, 292, `“${question.word}” → “${displayToken(course.pattern.tokens[best])}” ${Math.round(row[best] * 100)}%`, textStyle(34, CSS.amber, "bold")));
  }

  private drawChart(course: CourseProgressPayload): void {
    const g = this.chart;
    const { x, y, width, height } = CHART;
    g.lineStyle(3, COLOR.muted, 0.8).lineBetween(x, y, x, y + height).lineBetween(x, y + height, x + width, y + height);
    const maxLoss = Math.max(0.5, ...course.losses.map(([, l]) => l));
    this.body.add([
      this.add.text(x - 14, y, maxLoss.toFixed(1), textStyle(26, CSS.muted)).setOrigin(1, 0.5),
      this.add.text(x - 14, y + height, "0", textStyle(26, CSS.muted)).setOrigin(1, 0.5),
      this.add.text(x + width, y + height + 16, `${course.totalSteps} steps`, textStyle(26, CSS.muted)).setOrigin(1, 0),
      this.add.text(x, y + height + 16, "0", textStyle(26, CSS.muted)),
    ]);
    const px = (step: number) => x + (width * step) / course.totalSteps;
    const py = (loss: number) => y + height - (height * Math.min(loss, maxLoss)) / maxLoss;
    g.lineStyle(6, COLOR.pink, 1);
    g.beginPath();
    course.losses.forEach(([step, loss], i) => (i === 0 ? g.moveTo(px(step), py(loss)) : g.lineTo(px(step), py(loss))));
    g.strokePath();
    this.lossPoints = course.losses.length;
    const [lastStep, lastLoss] = course.losses[course.losses.length - 1] ?? [0, maxLoss];
    g.fillStyle(COLOR.amber, 1).fillCircle(px(lastStep), py(lastLoss), 10);
  }

  private setCaption(text: string): void {
    if (this.caption.text !== text) this.caption.setText(text);
    screenModel.caption = text;
  }
}
