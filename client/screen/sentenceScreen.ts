// The one SentenceScreenState of a projector page, on the page's connection; the test hook's
// showSentence reaches it through screenModel (which must not import the scene-side modules).
import { screenModel } from "./ScreenModel.js";
import { SentenceScreenState } from "./sentenceScreenState.js";

export const sentenceScreen = new SentenceScreenState(screenModel.connection);
screenModel.showSentence = (seating, attention, phase) => sentenceScreen.show(seating, attention, phase);
screenModel.selectSentenceHead = (head) => sentenceScreen.selectHead(head);
