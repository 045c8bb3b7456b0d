// Profanity detection with a maintained word list (obscenity), tolerant of l33t-speak and
// spacing tricks. Used for nicknames now and for text moderation.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export function isProfane(text: string): boolean {
  return matcher.hasMatch(text);
}
