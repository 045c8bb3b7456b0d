// Plays one whole sentence or heads round with bot students against a running server and reports
// what happened: the tables (who played which word, the model's seats), every student's texts and
// points against the key, team scores, the leaderboard and the reveal's timings.
import { performance } from "node:perf_hooks";
import { ClientMessage, ServerMessage } from "../../shared/protocol.js";
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { BotStudent } from "./BotStudent.js";
import { HostDriver, wsUrlOf } from "./HostDriver.js";
import { botName, seededRandom } from "./partyRehearsal.js";
import { sentenceBotTexts } from "./sentenceTexts.js";

export interface SentenceRehearsalOptions {
  httpUrl: string;
  scenarioId: string;
  roundType: "sentence" | "heads";
  students: number;
  seed?: number;
  writeSeconds?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (x: number) => Math.round(x * 10) / 10;

export async function runSentenceRehearsal(options: SentenceRehearsalOptions) {
  const random = seededRandom(options.seed ?? 42);
  const host = await HostDriver.createParty(options.httpUrl, options.writeSeconds ?? 300);
  const wsUrl = wsUrlOf(options.httpUrl);

  const joinStarted = performance.now();
  const bots: BotStudent[] = [];
  for (let i = 0; i < options.students; i++) bots.push(await new BotStudent(wsUrl, botName(i)).join(host.code));
  const joinMs = performance.now() - joinStarted;
  await host.waitFor((s) => s.guests.size === options.students, `${options.students} guests`);

  const seatingArrived = host.nextMessage<SentenceSeatingPayload>(ServerMessage.sentenceSeating, 60_000);
  const seated = bots.map((b) => b.next(ServerMessage.seat, 60_000));
  const startSent = performance.now();
  host.send(ClientMessage.startRound, { roundType: options.roundType, scenarioId: options.scenarioId });
  // A refused start (unknown scenario, a party scenario) ends the rehearsal with the server's reason.
  let stopListening = () => {};
  const refused = new Promise<never>((_, reject) => {
    stopListening = host.room.onMessage(ServerMessage.error, (e: { message: string }) => reject(new Error(`the server refused the round: ${e.message}`)));
  });
  const seating = await Promise.race([seatingArrived, refused]).finally(() => stopListening());
  await Promise.all(seated);
  const startMs = performance.now() - startSent;
  await host.waitForPhase("brief");

  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write");
  await Promise.all(bots.map((bot) => bot.submit(sentenceBotTexts(bot.seat!, random))));

  const results = bots.map((b) => b.next(ServerMessage.sentenceResult, 60_000));
  const staffPayload = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
  const revealStarted = performance.now();
  host.send(ClientMessage.reveal);
  const attention = await staffPayload;
  const staffMs = performance.now() - revealStarted;
  await Promise.all(results);
  const perPhoneMs = bots.map((b) => b.resultAt - revealStarted).sort((a, b) => a - b);
  host.send(ClientMessage.showScores);
  await host.waitForPhase("scores");

  const state = host.room.state as unknown as { backend: string; guests: Map<string, { score: number; rank: number; name: string }> };
  const leaderboard = bots
    .map((b) => {
      const g = state.guests.get(b.welcome!.guestId)!;
      return { rank: g.rank, name: g.name, score: g.score };
    })
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));

  host.send(ClientMessage.endSession);
  await host.waitForPhase("ended");

  const { words, questions } = attention;
  const document = {
    code: host.code,
    sessionId: host.created.sessionId,
    hostKey: host.hostKey,
    backend: state.backend,
    roundType: options.roundType,
    scenario: { id: seating.scenarioId, title: seating.title, sentence: seating.sentence, words, questions },
    tables: attention.tables.map((table) => ({
      index: table.index,
      head: table.head,
      question: table.head === null ? null : questions[table.head],
      seats: table.seats.map((seat, k) => ({
        position: seat.position,
        word: seat.word,
        player: seat.isModel && seat.guestId === null ? "model" : seat.name,
        isModel: seat.isModel,
        nameTag: table.nameTags[k],
        points: table.points[k],
        attendedTo: table.rows[k].slice(0, 3).map(([j, w]) => ({ word: words[j], weight: w })),
      })),
    })),
    modelPlayedWords: attention.tables.flatMap((table) => table.seats.filter((s) => s.isModel).map((s) => ({ table: table.index, position: s.position, word: s.word }))),
    guests: bots.map((b) => {
      const r = b.sentenceResult!;
      return {
        name: b.welcome!.name,
        guestId: b.welcome!.guestId,
        table: b.seat!.tableIndex,
        head: r.head,
        question: r.headQuestion,
        position: r.position,
        word: r.word,
        hint: b.seat!.hint,
        query: b.submitted!.query,
        key: b.submitted!.key,
        value: b.submitted!.value,
        unknownWords: b.submitted!.unknownWords,
        attendedTo: r.attendedTo,
        keyTargets: r.keyTargets.map((t) => t.word),
        keyMass: r.keyMass,
        points: r.points,
        reason: r.pointsReason,
        teamScore: r.teamScore,
        total: r.totalScore,
        rank: r.rank,
      };
    }),
    teams: attention.teams,
    leaderboard,
    timings: {
      joinMs: Math.round(joinMs),
      /** Host sends startRound → every phone has its seat (the model reads the sentence first). */
      startMs: ms(startMs),
      /** Host sends reveal → the projector's payload; then → the last phone's result. */
      revealStaffMs: ms(staffMs),
      revealMs: ms(perPhoneMs[perPhoneMs.length - 1]),
      revealMsP50: ms(percentile(perPhoneMs, 50)),
      revealMsP95: ms(percentile(perPhoneMs, 95)),
    },
    errors: [...host.errors, ...bots.flatMap((b) => b.errors)],
  };
  await Promise.all(bots.map((b) => b.leave()));
  await host.leave();
  return document;
}
