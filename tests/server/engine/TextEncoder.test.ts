import { beforeAll, describe, expect, it } from "vitest";
import { TextEncoder } from "../../../server/engine/TextEncoder.js";

let encoder: TextEncoder;
beforeAll(() => {
  encoder = TextEncoder.load();
});

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

describe("TextEncoder", () => {
  it("loads the 100k-word, 100-d cache", () => {
    expect(encoder.vocabularySize).toBe(100_000);
    expect(encoder.dimension).toBe(100);
  });

  it("returns a unit vector and lists known words", () => {
    const r = encoder.encode("Who can help me move furniture?");
    expect(r.vector).toHaveLength(100);
    expect(Math.sqrt(dot(r.vector, r.vector))).toBeCloseTo(1, 5);
    expect(r.knownWords).toEqual(["who", "can", "help", "me", "move", "furniture"]);
    expect(r.unknownWords).toEqual([]);
  });

  it("reports unknown words instead of dropping them, and gives zeros when nothing is known", () => {
    const mixed = encoder.encode("my qwzxvy needs blorptang");
    expect(mixed.unknownWords).toEqual(["qwzxvy", "blorptang"]);
    expect(mixed.knownWords).toEqual(["my", "needs"]);
    const nothing = encoder.encode("qwzxvy blorptang !!!");
    expect(Array.from(nothing.vector).every((x) => x === 0)).toBe(true);
    expect(encoder.unknownWords("qwzxvy and cake")).toEqual(["qwzxvy"]);
  });

  it("follows GloVe's apostrophe conventions and fills in the clitics this vocabulary lacks", () => {
    expect(encoder.embeddedWords("don't")).toEqual(["do", "not"]);
    expect(encoder.embeddedWords("can't won't")).toEqual(["can", "not", "will", "not"]);
    expect(encoder.embeddedWords("it's they're I'm")).toEqual(["it", "they", "are", "am"]);
    expect(encoder.encode("Don’t worry, it's fine").unknownWords).toEqual([]);
  });

  it("handles accents, small numbers and the one-letter words the vocabulary drops", () => {
    expect(encoder.embeddedWords("café naïve")).toEqual(["cafe", "naive"]);
    expect(encoder.embeddedWords("2 cats")).toEqual(["two", "cats"]);
    expect(encoder.encode("I have a dog").unknownWords).toEqual([]);
    expect(encoder.unknownWords("in 2024")).toEqual(["2024"]);
  });

  it("puts related texts closer than unrelated ones", () => {
    const move = encoder.encode("who can help me move furniture").vector;
    const truck = encoder.encode("truck driver moving furniture").vector;
    const cake = encoder.encode("I bake chocolate cake").vector;
    expect(dot(move, truck)).toBeGreaterThan(dot(move, cake) + 0.05);
    const doctor = encoder.encode("I need a doctor for my fever").vector;
    const nurse = encoder.encode("nurse at the hospital").vector;
    expect(dot(doctor, nurse)).toBeGreaterThan(dot(doctor, cake));
  });

  it("nearestWords returns readable neighbours, honouring exclude", () => {
    const cake = encoder.encode("I bake chocolate cake").vector;
    const near = encoder.nearestWords(cake, 5);
    expect(near).toHaveLength(5);
    expect(near).toContain("chocolate");
    const without = encoder.nearestWords(cake, 5, ["cake", "chocolate", "bake"]);
    expect(without).not.toContain("chocolate");
    expect(without).not.toContain("cake");
    expect(without.every((w) => /^\p{L}{2,}$/u.test(w))).toBe(true);
    expect(encoder.nearestWords(new Float32Array(100), 5)).toEqual([]);
  });
});
