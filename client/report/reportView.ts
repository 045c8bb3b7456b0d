// Renders a session report (GET /api/sessions/:id/report.json) as plain DOM: the session's
// summary, the final leaderboard, then per round participation, average attention on the
// targets, the best queries and name tags and the round's leaderboard. Printable as it is.
import { el } from "../lib/dom.js";
import type { SessionReport } from "./reportApi.js";
import { barWidth, describeParticipation, formatDateTime, formatPoints, formatShare } from "./reportFormat.js";

type RoundReport = SessionReport["rounds"][number];
type LeaderboardEntry = SessionReport["leaderboard"][number];

/** Longer leaderboards show this many rows and fold the rest (unfolded for printing). */
const LEADERBOARD_SHOWN = 10;

export function renderReport(report: SessionReport): HTMLElement {
  const { session } = report;
  const revealed = report.rounds.filter((r) => r.averageMatchMass !== null && r.measure === "attention");
  const meanMass = revealed.length === 0 ? null : revealed.reduce((s, r) => s + (r.averageMatchMass ?? 0), 0) / revealed.length;
  const played = report.rounds.filter((r) => r.measure !== "none");
  const meanParticipation = played.length === 0 ? null : played.reduce((s, r) => s + r.participation.percent, 0) / played.length / 100;
  return el(
    "article",
    { class: "report", attrs: { "data-session": session.id } },
    el(
      "header",
      { class: "report-head card" },
      el("h1", {}, "Party ", el("span", { class: "report-code", text: session.code })),
      el(
        "p",
        { class: "muted" },
        `${formatDateTime(session.createdAt)} · `,
        session.status === "ended" && session.endedAt ? `ended ${formatDateTime(session.endedAt)}` : "still open",
      ),
      el(
        "dl",
        { class: "stat-tiles" },
        tile("Players", String(session.playerCount), session.kickedCount > 0 ? `${session.kickedCount} removed` : ""),
        tile("Rounds", String(session.roundCount), `${revealed.length} revealed`),
        tile("Participation", formatShare(meanParticipation), "mean per round"),
        tile("Attention on targets", formatShare(meanMass), "mean per revealed round"),
      ),
    ),
    el(
      "section",
      { class: "card report-final", attrs: { "aria-labelledby": "final-title" } },
      el("h2", { text: "Final leaderboard", attrs: { id: "final-title" } }),
      report.leaderboard.length === 0
        ? el("p", { class: "muted", text: "Nobody scored." })
        : leaderboardTable(report.leaderboard, null),
    ),
    ...(report.rounds.length === 0
      ? [el("section", { class: "card" }, el("p", { class: "muted", text: "No rounds were played in this session." }))]
      : report.rounds.map(roundSection)),
    el("p", { class: "muted small report-generated", text: `Report generated ${formatDateTime(report.generatedAt)} · session ${session.id}` }),
  );
}

function tile(label: string, value: string, detail: string): HTMLElement {
  return el("div", { class: "stat-tile" }, el("dt", { text: label }), el("dd", {}, el("span", { class: "stat-value", text: value }), detail ? el("span", { class: "muted small", text: detail }) : null));
}

function meter(label: string, share: number | null, text: string): HTMLElement {
  return el(
    "div",
    { class: "meter" },
    el("div", { class: "meter-label" }, el("span", { text: label }), el("strong", { text })),
    el("div", { class: "meter-track", attrs: { "aria-hidden": "true" } }, el("div", { class: "meter-fill", attrs: { style: `width: ${barWidth(share)}` } })),
  );
}

function roundSection(round: RoundReport): HTMLElement {
  const titleId = `round-${round.number}-title`;
  const isWalkthrough = round.measure === "none";
  const isRevealed = round.revealedAt !== null && round.averageMatchMass !== null;
  const status = isWalkthrough ? " · a walk-through on the projector (nothing to score)" : isRevealed ? "" : " · not revealed (skipped or unfinished)";
  const scoreLabel = round.measure === "prediction" ? "Predicted the trained model" : "Average attention on targets";
  return el(
    "section",
    { class: "card report-round", attrs: { "aria-labelledby": titleId, "data-round": round.number } },
    el(
      "div",
      { class: "report-round-head" },
      el("h2", { text: `Round ${round.number} · ${round.type}`, attrs: { id: titleId } }),
      el("p", { class: "muted small", text: `${formatDateTime(round.startedAt)}${status}` }),
    ),
    isWalkthrough
      ? null
      : el(
          "div",
          { class: "meters" },
          meter("Participation", round.participation.players === 0 ? 0 : round.participation.percent / 100, describeParticipation(round.participation)),
          meter(scoreLabel, round.averageMatchMass, isRevealed ? formatShare(round.averageMatchMass, 1) : "–"),
        ),
    isRevealed && round.measure === "attention"
      ? el(
          "div",
          { class: "best-grid" },
          bestList(
            "Best queries",
            "the attention they put on the guests who had what they needed",
            round.bestQueries.map((q) => ({ name: q.name, text: q.query, share: q.matchMass, kind: "q" })),
          ),
          bestList(
            "Best name tags",
            "the attention they drew from the others",
            round.bestNameTags.map((t) => ({ name: t.name, text: t.key, share: t.attentionDrawn, kind: "k" })),
          ),
        )
      : null,
    round.leaderboard.length > 0 ? el("div", {}, el("h3", { text: "Leaderboard after this round" }), leaderboardTable(round.leaderboard, "Points")) : null,
    round.entries.length > 0 ? entriesTable(round) : null,
  );
}

function bestList(title: string, explanation: string, items: Array<{ name: string; text: string; share: number; kind: "q" | "k" }>): HTMLElement {
  return el(
    "div",
    { class: "best" },
    el("h3", { text: title }),
    el("p", { class: "muted small", text: `Ranked by ${explanation}.` }),
    items.length === 0
      ? el("p", { class: "muted", text: "None to show." })
      : el(
          "ol",
          { class: "best-list" },
          ...items.map((item) =>
            el(
              "li",
              {},
              el("q", { class: `best-text text-${item.kind}`, text: item.text }),
              el("span", { class: "best-meta" }, el("span", { class: "best-name", text: item.name }), el("span", { class: "best-share", text: formatShare(item.share) })),
            ),
          ),
        ),
  );
}

/**
 * `pointsLabel` null leaves out the points column: in the final standings "points of the last
 * round" would read as 0 for everyone after a skipped round, which says nothing.
 */
function leaderboardTable(entries: LeaderboardEntry[], pointsLabel: string | null): HTMLElement {
  const row = (e: LeaderboardEntry) =>
    el(
      "tr",
      { class: e.rank <= 3 ? `podium podium-${e.rank}` : "" },
      el("td", { class: "rank", text: `#${e.rank}` }),
      el("th", { attrs: { scope: "row" }, text: e.name }),
      pointsLabel === null ? null : el("td", { class: "score", text: formatPoints(e.points) }),
      el("td", { class: "score total", text: formatPoints(e.total) }),
    );
  const headers = pointsLabel === null ? ["Rank", "Name", "Total"] : ["Rank", "Name", pointsLabel, "Total"];
  const head = el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { text: h, attrs: { scope: "col" } }))));
  const table = el("table", { class: "report-table leaderboard" }, head, el("tbody", {}, ...entries.slice(0, LEADERBOARD_SHOWN).map(row)));
  if (entries.length <= LEADERBOARD_SHOWN) return table;
  const rest = el("table", { class: "report-table leaderboard" }, el("tbody", {}, ...entries.slice(LEADERBOARD_SHOWN).map(row)));
  return el("div", {}, table, el("details", { class: "fold" }, el("summary", { text: `${entries.length - LEADERBOARD_SHOWN} more` }), rest));
}

function entriesTable(round: RoundReport): HTMLElement {
  return el(
    "details",
    { class: "fold entries" },
    el("summary", { text: `Everything written in round ${round.number} (${round.entries.length} guests)` }),
    el(
      "div",
      { class: "report-scroll" },
      el(
        "table",
        { class: "report-table" },
        el("thead", {}, el("tr", {}, ...["Name", "Query", "Name tag", "Value", "On targets", "Points"].map((h) => el("th", { text: h, attrs: { scope: "col" } })))),
        el(
          "tbody",
          {},
          ...round.entries.map((e) =>
            el(
              "tr",
              { class: e.moderation === "hidden" || e.moderation === "flagged" ? "is-hidden" : "" },
              el("th", { attrs: { scope: "row" }, text: e.name }),
              el("td", { class: "text-q", text: e.query }),
              el("td", { class: "text-k", text: e.key }),
              el("td", { class: "text-v", text: e.value }),
              el("td", { class: "score", text: formatShare(e.matchMass) }),
              el("td", { class: "score", text: formatPoints(e.points) }),
            ),
          ),
        ),
      ),
    ),
  );
}
