// The party round's deck: things a guest can need or offer. A card pairs one item to need with
// another to offer, so needs and offers match across guests. Bot texts let rehearsal bots
// write realistic queries, name tags and values for an item.
import { z } from "zod";
import { TEXT_LIMITS } from "./text.js";

export const DeckItemSchema = z
  .object({
    /** Stable id, lower-case kebab (e.g. "truck"). */
    id: z.string().regex(/^[a-z0-9-]{2,40}$/),
    /** What the card says to a guest who needs this item ("Someone to help you move house"). */
    need: z.string().min(3).max(90),
    /** What the card says to a guest who offers it ("You own a pickup truck"). */
    offer: z.string().min(3).max(90),
    /** Example queries a guest needing this item might write (bots pick one). */
    botQueries: z.array(z.string().min(3).max(TEXT_LIMITS.query)).min(2),
    /** Example name tags for a guest offering it. */
    botKeys: z.array(z.string().min(3).max(TEXT_LIMITS.key)).min(2),
    /** Example values for a guest offering it. */
    botValues: z.array(z.string().min(3).max(TEXT_LIMITS.value)).min(2),
  })
  .strict();
export type DeckItem = z.infer<typeof DeckItemSchema>;

export const PartyDeckSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    items: z.array(DeckItemSchema).min(40),
  })
  .strict()
  .superRefine((deck, ctx) => {
    const seen = new Set<string>();
    deck.items.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["items", i, "id"], message: `duplicate id "${item.id}"` });
      }
      seen.add(item.id);
    });
  });
export type PartyDeck = z.infer<typeof PartyDeckSchema>;
