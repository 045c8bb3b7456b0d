// Dashboard: the custom-scenario editor (issue #5 item 6), a dialog over the dashboard. A form
// for the common case (title, sentence, hints, per head a question and "word → target words"
// lines) and a JSON tab for everything else; the server checks the text as the author types
// (POST /api/scenarios/check) and each problem is shown next to the field it names; the trained
// model's attention on the sentence is previewed per head with the author's key outlined. Save
// keeps it with this party (POST /api/parties/:code/scenarios), Export downloads the file,
// Import reads one into the JSON tab. The server's checks are the only ones that decide.
import { SCENARIO_LIMITS, MODEL_HEAD_QUESTIONS } from "../../shared/scenario.js";
import type { ScenarioProblem } from "../../shared/scenarioCheck.js";
import { sentenceWords, wordRefOf } from "../../shared/scenarioWords.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import { debounce } from "./debounce.js";
import type { ListedScenario } from "./roundQueue.js";
import { checkScenario, fetchScenarioFile, saveScenario, type ScenarioCheckAnswer } from "./scenarioApi.js";
import {
  draftToFile,
  emptyDraft,
  fieldOfProblem,
  fileToDraft,
  formatFile,
  LEVELS,
  type DraftField,
  type ScenarioDraft,
} from "./scenarioForm.js";
import { previewFigures } from "./scenarioPreview.js";

/** Quiet time after the last keystroke before the server checks the text (each check runs the model). */
const CHECK_DEBOUNCE_MS = 700;

type Tab = "form" | "json";

interface HeadControls {
  root: HTMLElement;
  question: HTMLInputElement;
  links: HTMLTextAreaElement;
  questionError: HTMLElement;
  linksError: HTMLElement;
}

export interface ScenarioEditorOptions {
  /** The party's code and host key (saving needs both). */
  party(): { code: string; hostKey: string } | null;
  /** The scenarios to start from. */
  scenarios(): readonly ListedScenario[];
  /** A scenario was saved: refresh the list and pick it. */
  onSaved(scenarioId: string, title: string): void;
}

export class ScenarioEditor {
  readonly root: HTMLDialogElement;
  private tab: Tab = "form";
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly formPane: HTMLElement;
  private readonly jsonPane: HTMLElement;
  private readonly json = el("textarea", {
    attrs: { id: "scn-json", rows: 24, spellcheck: "false", autocomplete: "off", "aria-describedby": "scn-json-problems", "aria-label": "Scenario JSON" },
  });
  private readonly jsonProblems = el("ul", { class: "problem-list", attrs: { id: "scn-json-problems", "aria-live": "polite" } });
  private readonly jsonNote = el("p", { class: "muted small scenario-json-note" });
  private readonly inputs: {
    title: HTMLInputElement;
    id: HTMLInputElement;
    level: HTMLSelectElement;
    summary: HTMLInputElement;
    sentence: HTMLTextAreaElement;
    hints: HTMLTextAreaElement;
  };
  private readonly errors = new Map<DraftField, HTMLElement>();
  private readonly words = el("p", { class: "scenario-words", attrs: { "aria-live": "polite" } });
  private readonly headList = el("div", { class: "head-drafts" });
  private readonly addHeadButton = el("button", { class: "btn btn-secondary btn-small", text: "+ Add a head", attrs: { type: "button", "data-control": "add-head" } });
  private heads: HeadControls[] = [];
  private readonly status = el("p", { class: "scenario-status", attrs: { role: "status", "data-kind": "idle" } });
  private readonly preview = el("div", { class: "scenario-preview" });
  private readonly startFrom = el("select", { attrs: { id: "scn-start-from", "aria-label": "Start from a scenario" } });
  private readonly saveButton = el("button", { class: "btn btn-primary", text: "Save with this party", attrs: { type: "button", "data-control": "save-scenario" } });
  private readonly importInput = el("input", { attrs: { type: "file", accept: ".json,application/json", hidden: true, "aria-label": "Import a scenario file" } });
  /** Which text the last check answered, so a late answer to an older text is dropped. */
  private checkedText = "";
  private lastAnswer: ScenarioCheckAnswer | null = null;
  /** Problems the form itself found (a line without an arrow…): the server never sees those lines. */
  private localProblems: ScenarioProblem[] = [];
  private readonly scheduleCheck = debounce(() => void this.check(), CHECK_DEBOUNCE_MS);

  constructor(private readonly options: ScenarioEditorOptions) {
    const input = (id: string, attrs: Record<string, string | number> = {}) => el("input", { attrs: { id, type: "text", autocomplete: "off", spellcheck: "false", ...attrs } });
    this.inputs = {
      title: input("scn-title", { maxlength: 80, placeholder: "The dog and the ball" }),
      id: input("scn-id", { maxlength: 60, placeholder: "made from the title" }),
      level: el("select", { attrs: { id: "scn-level" } }, ...LEVELS.map((l) => el("option", { text: l, attrs: { value: l } }))),
      summary: input("scn-summary", { maxlength: 240, placeholder: "What this scenario shows (for you; optional)" }),
      sentence: el("textarea", { attrs: { id: "scn-sentence", rows: 2, maxlength: 400, spellcheck: "false", placeholder: "The dog chased the ball because it was happy." } }),
      hints: el("textarea", { attrs: { id: "scn-hints", rows: 3, spellcheck: "false", placeholder: "it: A pronoun — which word do you stand for?\ndog: The one who acts." } }),
    };
    const field = (name: DraftField, label: string, control: HTMLElement, help?: string) => {
      const error = el("p", { class: "field-error", attrs: { id: `scn-${name}-error`, "data-field": name } });
      this.errors.set(name, error);
      control.setAttribute("aria-describedby", `scn-${name}-error`);
      return el(
        "div",
        { class: `scn-field scn-field-${name}` },
        el("label", { class: "scn-label", attrs: { for: control.id } }, label),
        control,
        help ? el("p", { class: "muted small", text: help }) : null,
        error,
      );
    };
    this.addHeadButton.addEventListener("click", () => {
      this.addHead({ question: "", links: "" });
      this.heads.at(-1)?.question.focus();
      this.formChanged();
    });
    const headsError = el("p", { class: "field-error", attrs: { id: "scn-heads-error", "data-field": "heads" } });
    this.errors.set("heads", headsError);
    const fileError = el("p", { class: "field-error", attrs: { id: "scn-file-error", "data-field": "file" } });
    this.errors.set("file", fileError);
    this.formPane = el(
      "div",
      { class: "scn-form", attrs: { role: "tabpanel", id: "scn-form-pane", "aria-labelledby": "scn-tab-form" } },
      el(
        "div",
        { class: "scn-grid" },
        field("title", "Title", this.inputs.title),
        field("id", "Id", this.inputs.id),
        field("level", "Level", this.inputs.level),
      ),
      field("summary", "Summary", this.inputs.summary),
      field("sentence", "Sentence", this.inputs.sentence, "The model reads lower-case words, punctuation dropped; every word needs a student (or the model)."),
      this.words,
      field("hints", "Hints for the phones (optional, one per line: word: hint)", this.inputs.hints),
      el("h3", { class: "scn-heads-title", text: "Heads — one question each; one link per line: word → the words it should attend to" }),
      el("p", { class: "muted small", text: "“it → cat”; several right answers: “sat → cat, mat”; with shares: “sat → cat 0.7, mat 0.3”. A repeated word: “the#2”. Use one of the model's four questions to compare with its attention." }),
      this.headList,
      headsError,
      this.addHeadButton,
      el("datalist", { attrs: { id: "scn-model-questions" } }, ...MODEL_HEAD_QUESTIONS.map((q) => el("option", { attrs: { value: q } }))),
    );
    this.jsonPane = el(
      "div",
      { class: "scn-json", attrs: { role: "tabpanel", id: "scn-json-pane", "aria-labelledby": "scn-tab-json" } },
      this.jsonNote,
      this.json,
      this.jsonProblems,
    );
    const tab = (id: Tab, text: string) => {
      const b = el("button", { class: "scn-tab", text, attrs: { type: "button", role: "tab", id: `scn-tab-${id}`, "aria-controls": `scn-${id}-pane`, "data-tab": id } });
      b.addEventListener("click", () => this.showTab(id));
      return b;
    };
    this.tabs = { form: tab("form", "Form"), json: tab("json", "JSON") };

    for (const control of [this.inputs.title, this.inputs.id, this.inputs.summary, this.inputs.sentence, this.inputs.hints]) {
      control.addEventListener("input", () => this.formChanged());
    }
    this.inputs.level.addEventListener("change", () => this.formChanged());
    this.json.addEventListener("input", () => {
      this.localProblems = [];
      this.scheduleCheck();
      this.setStatus("Checking as you type…", "busy");
    });
    this.startFrom.addEventListener("change", () => void this.loadFrom(this.startFrom.value));
    this.importInput.addEventListener("change", () => void this.importFile());
    this.saveButton.addEventListener("click", () => void this.save());
    const importButton = el("button", { class: "btn btn-secondary", text: "Import…", attrs: { type: "button", "data-control": "import-scenario", title: "Read a scenario file into the JSON tab" } });
    importButton.addEventListener("click", () => this.importInput.click());
    const exportButton = el("button", { class: "btn btn-secondary", text: "Export", attrs: { type: "button", "data-control": "export-scenario", title: "Download this scenario as a JSON file" } });
    exportButton.addEventListener("click", () => this.exportFile());
    const closeButton = el("button", { class: "btn btn-quiet scn-close", text: "✕", attrs: { type: "button", "aria-label": "Close the scenario editor", "data-control": "close-scenario" } });
    closeButton.addEventListener("click", () => this.close());

    this.root = el(
      "dialog",
      { class: "scenario-dialog", attrs: { "aria-labelledby": "scn-title-heading" } },
      el(
        "div",
        { class: "scn-head" },
        el("h2", { text: "Write a scenario", attrs: { id: "scn-title-heading" } }),
        el("label", { class: "scn-start-from" }, "Start from ", this.startFrom),
        closeButton,
      ),
      el(
        "div",
        { class: "scn-body" },
        el("div", { class: "scn-edit" }, el("div", { class: "scn-tabs", attrs: { role: "tablist", "aria-label": "Edit as" } }, this.tabs.form, this.tabs.json), this.formPane, this.jsonPane),
        el(
          "aside",
          { class: "scn-side", attrs: { "aria-label": "Check and preview" } },
          this.status,
          fileError,
          el("h3", { text: "The trained model's attention on your sentence" }),
          el("p", { class: "muted small", text: "Each row is a word looking at the others; darker = more attention; outlined = what your key says." }),
          this.preview,
        ),
      ),
      el("div", { class: "scn-foot control-row" }, importButton, this.importInput, exportButton, el("span", { class: "scn-foot-gap" }), this.saveButton),
    );
    this.root.addEventListener("close", () => this.scheduleCheck.cancel());
    this.fill(emptyDraft());
    this.showTab("form");
  }

  open(): void {
    const scenarios = this.options.scenarios().filter((s) => s.kind === "sentence");
    replaceChildren(
      this.startFrom,
      el("option", { text: "a blank page", attrs: { value: "" } }),
      ...scenarios.map((s) => el("option", { text: `${s.isCustom ? "★ " : ""}${s.title}`, attrs: { value: s.id } })),
    );
    if (!this.root.open) this.root.showModal();
    (this.tab === "form" ? this.inputs.title : this.json).focus();
  }

  close(): void {
    if (this.root.open) this.root.close();
  }

  // ---- the two tabs ---------------------------------------------------------------------------

  private showTab(tab: Tab): void {
    if (tab === "form" && this.tab === "json") {
      // Back to the form only when the JSON says nothing the form cannot show.
      let draft: ScenarioDraft | null = null;
      try {
        draft = fileToDraft(JSON.parse(this.json.value));
      } catch {
        draft = null;
      }
      if (!draft) {
        setText(this.jsonNote, "This scenario has parts the form cannot show (or the JSON does not parse yet): keep editing it here.");
        return;
      }
      this.fill(draft);
    }
    this.tab = tab;
    setText(this.jsonNote, tab === "json" ? "The whole scenario file. Problems the check finds are listed under the text with the field they belong to." : "");
    for (const [id, b] of Object.entries(this.tabs) as Array<[Tab, HTMLButtonElement]>) {
      b.setAttribute("aria-selected", String(id === tab));
      b.classList.toggle("is-on", id === tab);
    }
    this.formPane.hidden = tab !== "form";
    this.jsonPane.hidden = tab !== "json";
    this.showProblems(this.lastAnswer?.problems ?? []);
  }

  private fill(draft: ScenarioDraft): void {
    this.inputs.title.value = draft.title;
    this.inputs.id.value = draft.id;
    this.inputs.level.value = draft.level;
    this.inputs.summary.value = draft.summary;
    this.inputs.sentence.value = draft.sentence;
    this.inputs.hints.value = draft.hints;
    for (const head of this.heads) head.root.remove();
    this.heads = [];
    for (const head of draft.heads) this.addHead(head);
    this.renderWords();
  }

  private addHead(head: { question: string; links: string }): void {
    const h = this.heads.length;
    const question = el("input", {
      attrs: { id: `scn-head${h}-question`, type: "text", maxlength: SCENARIO_LIMITS.question, list: "scn-model-questions", placeholder: "Who did the action?", autocomplete: "off", "aria-describedby": `scn-head${h}-question-error` },
    });
    const links = el("textarea", {
      attrs: { id: `scn-head${h}-links`, rows: 3, spellcheck: "false", placeholder: "sat → dog\nit → dog", "aria-describedby": `scn-head${h}-links-error` },
    });
    question.value = head.question;
    links.value = head.links;
    const questionError = el("p", { class: "field-error", attrs: { id: `scn-head${h}-question-error`, "data-field": `head${h}.question` } });
    const linksError = el("p", { class: "field-error", attrs: { id: `scn-head${h}-links-error`, "data-field": `head${h}.links` } });
    const remove = el("button", { class: "btn btn-quiet btn-small", text: "Remove", attrs: { type: "button", "aria-label": `Remove head ${h + 1}` } });
    const root = el(
      "fieldset",
      { class: "head-draft", attrs: { "data-head": h } },
      el("legend", {}, `Head ${h + 1}`),
      el("label", { class: "scn-label", attrs: { for: question.id } }, "Question"),
      question,
      questionError,
      el("label", { class: "scn-label", attrs: { for: links.id } }, "Links (word → target words)"),
      links,
      linksError,
      remove,
    );
    const controls: HeadControls = { root, question, links, questionError, linksError };
    remove.addEventListener("click", () => {
      const draft = this.draft();
      draft.heads.splice(this.heads.indexOf(controls), 1);
      this.fill(draft.heads.length > 0 ? draft : { ...draft, heads: [{ question: "", links: "" }] });
      this.formChanged();
    });
    question.addEventListener("input", () => this.formChanged());
    links.addEventListener("input", () => this.formChanged());
    this.heads.push(controls);
    this.headList.append(root);
    this.addHeadButton.disabled = this.heads.length >= SCENARIO_LIMITS.maxHeads;
  }

  private draft(): ScenarioDraft {
    return {
      id: this.inputs.id.value,
      title: this.inputs.title.value,
      level: this.inputs.level.value as ScenarioDraft["level"],
      summary: this.inputs.summary.value,
      sentence: this.inputs.sentence.value,
      hints: this.inputs.hints.value,
      heads: this.heads.map((h) => ({ question: h.question.value, links: h.links.value })),
    };
  }

  /** The words as the model reads them, with the names a key uses for repeated words ("the#2"). */
  private renderWords(): void {
    const words = sentenceWords(this.inputs.sentence.value);
    if (words.length === 0) {
      replaceChildren(this.words);
      return;
    }
    replaceChildren(
      this.words,
      el("span", { class: "muted small", text: `${words.length} words: ` }),
      ...words.map((_, i) => el("span", { class: "word-chip", text: wordRefOf(words, i) })),
    );
  }

  /** The form changed: the JSON follows, the form's own problems show at once, the server checks after a pause. */
  private formChanged(): void {
    const { file, problems } = draftToFile(this.draft());
    this.json.value = formatFile(file);
    this.localProblems = problems;
    this.renderWords();
    this.showProblems(this.lastAnswer?.problems ?? []);
    this.setStatus("Checking as you type…", "busy");
    this.scheduleCheck();
  }

  // ---- checking, preview, problems ------------------------------------------------------------

  private async check(): Promise<ScenarioCheckAnswer | null> {
    const text = this.json.value;
    if (!text.trim()) {
      this.setStatus("Write a scenario to check it.", "idle");
      return null;
    }
    this.checkedText = text;
    let answer: ScenarioCheckAnswer;
    try {
      answer = await checkScenario(text);
    } catch {
      if (this.checkedText === text) this.setStatus("The server could not be reached; try again.", "error");
      return null;
    }
    if (this.checkedText !== text || this.json.value !== text) return null; // the text moved on
    this.lastAnswer = answer;
    this.showProblems(answer.problems);
    let file: unknown = null;
    try {
      file = JSON.parse(text);
    } catch {
      file = null;
    }
    if (answer.preview) replaceChildren(this.preview, previewFigures(answer.preview, file));
    else if (!answer.ok) replaceChildren(this.preview, el("p", { class: "muted small", text: "The preview appears once the sentence reads." }));
    const count = answer.problems.length + this.localProblems.length;
    if (count > 0) this.setStatus(`${count} ${count === 1 ? "problem" : "problems"} to fix before saving`, "error");
    else this.setStatus("✓ The scenario checks out — ready to save.", "ok");
    return answer;
  }

  /** Each problem next to its field (form tab) or listed under the JSON (JSON tab); the rest at the side. */
  private showProblems(serverProblems: ScenarioProblem[]): void {
    const all = [...this.localProblems, ...serverProblems];
    const byField = new Map<DraftField, string[]>();
    for (const p of all) {
      let field = fieldOfProblem(p.path);
      // A head the form does not have (a JSON edit) reports at the side.
      const head = /^head(\d+)\./.exec(field);
      if (head && Number(head[1]) >= this.heads.length) field = "heads";
      byField.set(field, [...(byField.get(field) ?? []), p.path && field === "file" ? `${p.path}: ${p.message}` : p.message]);
    }
    const isForm = this.tab === "form";
    for (const [field, node] of this.errors) {
      // In the JSON tab every problem is listed under the text instead.
      const messages = isForm ? (byField.get(field) ?? []) : [];
      setText(node, messages.join(" · "));
    }
    this.heads.forEach((h, i) => {
      const q = isForm ? (byField.get(`head${i}.question`) ?? []) : [];
      const l = isForm ? (byField.get(`head${i}.links`) ?? []) : [];
      setText(h.questionError, q.join(" · "));
      setText(h.linksError, l.join(" · "));
      h.question.toggleAttribute("aria-invalid", q.length > 0);
      h.links.toggleAttribute("aria-invalid", l.length > 0);
    });
    for (const [name, control] of Object.entries(this.inputs) as Array<[DraftField, HTMLElement]>) {
      control.toggleAttribute("aria-invalid", isForm && (byField.get(name)?.length ?? 0) > 0);
    }
    replaceChildren(
      this.jsonProblems,
      ...(isForm ? [] : all.map((p) => el("li", {}, p.path ? el("code", { text: p.path }) : el("code", { text: "file" }), ` ${p.message}`))),
    );
    this.json.toggleAttribute("aria-invalid", !isForm && all.length > 0);
  }

  private setStatus(text: string, kind: "idle" | "busy" | "ok" | "error"): void {
    setText(this.status, text);
    this.status.dataset.kind = kind;
  }

  // ---- save, export, import, start from -------------------------------------------------------

  private async save(): Promise<void> {
    const party = this.options.party();
    if (!party) {
      this.setStatus("Open a party first: scenarios are saved with a party.", "error");
      return;
    }
    if (this.localProblems.length > 0) {
      this.showProblems(this.lastAnswer?.problems ?? []);
      this.setStatus("Fix the lines marked in the form first.", "error");
      return;
    }
    this.scheduleCheck.cancel();
    const text = this.json.value;
    this.saveButton.disabled = true;
    this.setStatus("Saving…", "busy");
    try {
      const answer = await saveScenario(party.code, party.hostKey, text);
      if (!answer.ok) {
        this.lastAnswer = { ok: false, problems: answer.problems };
        this.showProblems(answer.problems);
        this.setStatus(`Not saved: ${answer.problems.length} ${answer.problems.length === 1 ? "problem" : "problems"} to fix`, "error");
        return;
      }
      const id = answer.summary?.id ?? "";
      const title = answer.summary?.title ?? id;
      this.setStatus(`✓ Saved “${title}”${answer.isReplaced ? " (replaced the earlier version)" : ""}.`, "ok");
      this.options.onSaved(id, title);
      this.close();
    } catch {
      this.setStatus("The server could not be reached; nothing was saved.", "error");
    } finally {
      this.saveButton.disabled = false;
    }
  }

  private exportFile(): void {
    const text = this.json.value.trim() ? this.json.value : formatFile(draftToFile(this.draft()).file);
    let id = "scenario";
    try {
      const parsed = JSON.parse(text) as { id?: unknown };
      if (typeof parsed.id === "string" && /^[a-z0-9-]{1,60}$/.test(parsed.id)) id = parsed.id;
    } catch {
      /* not JSON yet: exported as typed, under a neutral name */
    }
    const url = URL.createObjectURL(new Blob([text.endsWith("\n") ? text : `${text}\n`], { type: "application/json" }));
    const link = el("a", { attrs: { href: url, download: `${id}.json` } });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** A file → the JSON tab (the form too when it fits); a file over the limit is not read at all. */
  private async importFile(): Promise<void> {
    const file = this.importInput.files?.[0];
    this.importInput.value = "";
    if (!file) return;
    if (file.size > SCENARIO_LIMITS.maxBytes) {
      const size = file.size >= 1024 * 1024 ? `${(file.size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(file.size / 1024)} KB`;
      this.showTab("json");
      this.setStatus(`“${file.name}” is ${size}; a scenario may be at most ${SCENARIO_LIMITS.maxBytes / 1024} KB, so it was not read.`, "error");
      return;
    }
    this.loadText(await file.text(), "json");
    this.setStatus(`Imported “${file.name}” — checking…`, "busy");
  }

  private async loadFrom(id: string): Promise<void> {
    const party = this.options.party();
    const scenario = this.options.scenarios().find((s) => s.id === id);
    if (!id || !scenario) {
      this.fill(emptyDraft());
      this.formChanged();
      return;
    }
    try {
      this.loadText(await fetchScenarioFile(party?.code ?? "", party?.hostKey ?? "", scenario), this.tab);
    } catch {
      this.setStatus(`Could not load “${scenario.title}”.`, "error");
    }
  }

  /** Puts a file's text in the JSON tab, fills the form when it can, then checks it. */
  private loadText(text: string, tab: Tab): void {
    this.json.value = text.replace(/^\uFEFF/, "");
    this.localProblems = [];
    this.lastAnswer = null;
    let draft: ScenarioDraft | null = null;
    try {
      draft = fileToDraft(JSON.parse(this.json.value));
    } catch {
      draft = null;
    }
    if (draft) this.fill(draft);
    if (tab === "json" || !draft) {
      this.tab = "json"; // no round trip through the form: the file stays exactly as written
      this.showTab("json");
    } else {
      this.showTab("form");
    }
    this.scheduleCheck();
    this.scheduleCheck.flush();
  }
}
