import { describe, expect, it } from "vitest";
import { isValidJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode, randomJoinCode } from "../../shared/joinCode.js";

describe("join codes", () => {
  it("use no look-alike characters", () => {
    for (const ch of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });
  it("are typed case-insensitively with stray spaces and dashes", () => {
    expect(normalizeJoinCode(" ab-cd e")).toBe("ABCDE");
    expect(isValidJoinCode(normalizeJoinCode("k7m2p"))).toBe(true);
  });
  it("reject wrong lengths and look-alikes", () => {
    expect(isValidJoinCode("ABCD")).toBe(false);
    expect(isValidJoinCode("ABCD0")).toBe(false);
    expect(isValidJoinCode("ABCDL")).toBe(false);
  });
  it("are generated from the alphabet", () => {
    let x = 0;
    const code = randomJoinCode(() => (x = (x + 0.37) % 1));
    expect(isValidJoinCode(code)).toBe(true);
  });
});
