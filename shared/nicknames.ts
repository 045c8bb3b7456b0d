// "Surprise me" nicknames for the join form: a friendly adjective and an animal ("Jazzy Otter"),
// always within the nickname limit and clean enough for a projector in front of a class.
export const NICKNAME_ADJECTIVES = [
  "Bubbly", "Breezy", "Brave", "Bouncy", "Chatty", "Cheery", "Clever", "Cosmic", "Curious", "Dapper",
  "Dashing", "Dreamy", "Fizzy", "Funky", "Gentle", "Golden", "Groovy", "Jazzy", "Jolly", "Lively",
  "Lucky", "Mellow", "Merry", "Mighty", "Nifty", "Peppy", "Plucky", "Quirky", "Snazzy", "Sparkly",
  "Spry", "Sunny", "Swanky", "Velvet", "Witty", "Zesty", "Zippy",
] as const;

export const NICKNAME_ANIMALS = [
  "Alpaca", "Axolotl", "Badger", "Beaver", "Capybara", "Dolphin", "Falcon", "Flamingo", "Fox", "Gecko",
  "Hedgehog", "Heron", "Koala", "Lemur", "Lynx", "Meerkat", "Moose", "Narwhal", "Ocelot", "Octopus",
  "Otter", "Owl", "Panda", "Pelican", "Penguin", "Platypus", "Puffin", "Quokka", "Raccoon", "Sloth",
  "Tapir", "Toucan", "Walrus", "Wombat", "Yak",
] as const;

/**
 * A random "Adjective Animal" (every pair fits TEXT_LIMITS.nickname; the test checks them all).
 * `random` returns uniform numbers in [0, 1) (injectable for tests); `avoid` is the name already
 * in the field, so pressing the button again always changes it.
 */
export function surpriseNickname(random: () => number = Math.random, avoid = ""): string {
  const index = (length: number) => Math.min(length - 1, Math.floor(random() * length));
  const adjective = NICKNAME_ADJECTIVES[index(NICKNAME_ADJECTIVES.length)];
  const animal = index(NICKNAME_ANIMALS.length);
  const name = `${adjective} ${NICKNAME_ANIMALS[animal]}`;
  return name !== avoid ? name : `${adjective} ${NICKNAME_ANIMALS[(animal + 1) % NICKNAME_ANIMALS.length]}`;
}
