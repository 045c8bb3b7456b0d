// The custom-scenario form: "word → targets" lines into the file the server checks, the file back
// into the form, and the checker's problem paths mapped to the form's fields.
import { describe, expect, it } from "vitest";
import { draftToFile, emptyDraft, fieldOfProblem, fileToDraft, formatFile, parseHints, parseLinks, slugify } from "../../../client/host/scenarioForm.js";
import { checkScenario } from "../../../shared/scenarioCheck.js";

describe("scenario form", () => {
  it("reads links: lists, shares (as fractions or percents), repeated words and several arrow styles", () => {
    const { key, problems } = parseLinks("it → cat\nsat -> cat, mat\nwas => tired 70%, cat 30%\nThe#2: Mat\n\n", "heads[0].key");
    expect(problems).toEqual([]);
    expect(key).toEqual({ it: ["cat"], sat: ["cat", "mat"], was: { tired: 0.7, cat: 0.3 }, "the#2": ["mat"] });
  });

  it("names the line and what is wrong with it", () => {
    const { problems } = parseLinks("it → cat\nwas happy\nsat → cat 0.5, mat\nit → dog", "heads[1].key");
    expect(problems.map((p) => p.path)).toEqual(["heads[1].key", "heads[1].key", "heads[1].key"]);
    expect(problems[0].message).toMatch(/^line 2 \(“was happy”\): write a word, an arrow/);
    expect(problems[1].message).toMatch(/^line 3 .*give every target a share, or none/);
    expect(problems[2].message).toMatch(/^line 4 .*“it” already has a line/);
    expect(parseHints("it: who am I?\nno colon here").problems[0].message).toMatch(/^line 2: write the word, a colon/);
  });

  it("makes a file the real checker accepts, with an id from the title and a summary from the sentence", () => {
    const { file, problems } = draftToFile({
      ...emptyDraft(),
      title: "Dog & the Ball!",
      sentence: "The dog chased the ball because it was happy.",
      hints: "it: Which word do you stand for?",
      heads: [
        { question: "Who did the action?", links: "chased → dog" },
        { question: "Which earlier word is this about?", links: "it → dog" },
      ],
    });
    expect(problems).toEqual([]);
    expect(file.id).toBe("dog-the-ball");
    expect(file.summary).toBe("A sentence of my own: “The dog chased the ball because it was happy.”");
    const checked = checkScenario(JSON.parse(formatFile(file)));
    expect(checked.problems).toEqual([]);
    expect(checked.scenario?.kind).toBe("sentence");
  });

  it("round-trips a file through the form, and refuses what the form cannot show", () => {
    const file = { id: "x-y", title: "X y z", level: "advanced", kind: "sentence", summary: "Something long enough", sentence: "A b.", hints: { a: "hi" }, heads: [{ question: "Q?", key: { a: ["b"], b: { a: 1 } } }] };
    const draft = fileToDraft(file)!;
    expect(draft.heads[0].links).toBe("a → b\nb → a 1");
    expect(draftToFile(draft).file).toEqual({ ...file });
    expect(fileToDraft({ ...file, kind: "party" })).toBeNull();
    expect(fileToDraft({ ...file, extra: 1 })).toBeNull();
    expect(fileToDraft([1, 2])).toBeNull();
  });

  it("maps the checker's paths to the form's fields", () => {
    expect(fieldOfProblem("heads[1].key.it")).toBe("head1.links");
    expect(fieldOfProblem("heads[0].question")).toBe("head0.question");
    expect(fieldOfProblem("heads")).toBe("heads");
    expect(fieldOfProblem("sentence")).toBe("sentence");
    expect(fieldOfProblem("hints.the#3")).toBe("hints");
    expect(fieldOfProblem("")).toBe("file");
    expect(fieldOfProblem("$schema")).toBe("file");
  });

  it("keeps each word's targets on one line in the JSON and slugs ids", () => {
    expect(formatFile({ key: { sat: ["cat", "mat"] } })).toBe('{\n  "key": {\n    "sat": ["cat", "mat"]\n  }\n}');
    expect(slugify("  Élan — vital!  ")).toBe("elan-vital");
  });
});
