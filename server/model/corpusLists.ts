// The word lists and templates of the training corpus (assets/corpus/*.json), validated with zod
// and split into the training part and the held-out part the accuracy table is measured on.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** assets/corpus/ at the repository root (this file sits two folders below it). */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL("../../assets/corpus/", import.meta.url));

export type Split = "train" | "heldOut";
export const SPLITS: readonly Split[] = ["train", "heldOut"];

const word = z.string().regex(/^[a-z]+$/, "lower-case letters only");
const noun = z.object({ sg: word, pl: word });
const person = noun.extend({ gender: z.enum(["f", "m", "n"]) });
const verb = z.object({ word, frame: z.enum(["social", "solo", "handle"]) });
const adjective = z.object({ word, sentiment: z.enum(["positive", "negative"]), for: z.enum(["animate", "thing"]) });
const template = z.object({ id: z.string().min(1), text: z.string().min(1) });
const pronounForms = z.object({ female: word, male: word, thing: word, plural: word });

/** Every list has a training part and a held-out part that must not overlap. */
function splitList<T extends z.ZodTypeAny>(item: T) {
  return z.object({ train: z.array(item).min(1), heldOut: z.array(item).min(1) });
}

const pronounsFile = z.object({
  subject: pronounForms,
  object: pronounForms,
  be: z.object({ singular: word, plural: word }),
});

export type Person = z.infer<typeof person>;
export type Noun = z.infer<typeof noun>;
export type Verb = z.infer<typeof verb>;
export type VerbFrame = Verb["frame"];
export type Adjective = z.infer<typeof adjective>;
export type Template = z.infer<typeof template>;
export type Pronouns = z.infer<typeof pronounsFile>;
export type PronounClass = keyof Pronouns["subject"];

/** One split's worth of vocabulary and templates. */
export interface CorpusPart {
  people: Person[];
  animals: Noun[];
  objects: Noun[];
  places: string[];
  verbs: Verb[];
  adjectives: Adjective[];
  templates: Template[];
}

export interface CorpusLists {
  train: CorpusPart;
  heldOut: CorpusPart;
  /** Shared by both splits: closed-class words cannot be held out. */
  pronouns: Pronouns;
  /** Words put before / after a template's sentence (often none), as word lists: they shift positions. */
  openers: string[][];
  closers: string[][];
}

function readJson<T extends z.ZodTypeAny>(dir: string, file: string, schema: T): z.infer<T> {
  const path = `${dir.replace(/\/?$/, "/")}${file}`;
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`corpus: ${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Surface words of a part's open-class vocabulary (both numbers of every noun). */
export function partWords(part: CorpusPart): string[] {
  return [
    ...[...part.people, ...part.animals, ...part.objects].flatMap((n) => [n.sg, n.pl]),
    ...part.places,
    ...part.verbs.map((v) => v.word),
    ...part.adjectives.map((a) => a.word),
  ];
}

/** Loads and checks the corpus: valid shapes, no word in both splits, no word listed twice. */
export function loadCorpusLists(dir: string = DEFAULT_CORPUS_DIR): CorpusLists {
  const people = readJson(dir, "people.json", splitList(person));
  const animals = readJson(dir, "animals.json", splitList(noun));
  const objects = readJson(dir, "objects.json", splitList(noun));
  const places = readJson(dir, "places.json", splitList(word));
  const verbs = readJson(dir, "verbs.json", splitList(verb));
  const adjectives = readJson(dir, "adjectives.json", splitList(adjective));
  const phrase = z.string().regex(/^([a-z]+( [a-z]+)*)?$/, "lower-case words or empty");
  const templates = readJson(dir, "templates.json", splitList(template).extend({ openers: z.array(phrase).min(1), closers: z.array(phrase).min(1) }));
  const words = (p: string) => (p === "" ? [] : p.split(" "));
  const pronouns = readJson(dir, "pronouns.json", pronounsFile);
  const part = (split: Split): CorpusPart => ({
    people: people[split],
    animals: animals[split],
    objects: objects[split],
    places: places[split],
    verbs: verbs[split],
    adjectives: adjectives[split],
    templates: templates[split],
  });
  const lists: CorpusLists = {
    train: part("train"),
    heldOut: part("heldOut"),
    pronouns,
    openers: templates.openers.map(words),
    closers: templates.closers.map(words),
  };
  const seen = new Map<string, Split>();
  for (const split of SPLITS) {
    for (const w of partWords(lists[split])) {
      if (seen.has(w)) throw new Error(`corpus: "${w}" is listed twice (${seen.get(w)} and ${split})`);
      seen.set(w, split);
    }
  }
  const ids = [...lists.train.templates, ...lists.heldOut.templates].map((t) => t.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`corpus: template id "${duplicate}" is used twice`);
  return lists;
}
