// A custom sentence scenario that passes every check (the trained model reads all its words):
// what the scenario API and dashboard tests save, play and delete.
export const DOG_SCENARIO = {
  id: "dog-in-the-park",
  title: "The dog in the park",
  level: "beginner",
  kind: "sentence",
  summary: "Who chased whom, and where: two heads on one short sentence.",
  sentence: "The dog chased the cat in the park because it was angry.",
  hints: { chased: "An action. Who chased, and where?" },
  heads: [
    { question: "Who did the action?", key: { chased: ["dog"] } },
    { question: "Where did it happen?", key: { chased: ["park"] } },
  ],
};
