/**
 * state/cards.json: the schools whose card came back and was applied (textbook plan, stage 3). Read
 * by src/features/deadlines/store.ts, which completes the stage per school from `returned`.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';

const returnedSchema = z.object({
  /** when the card was applied, with the campaign zone's offset */
  at: z.string(),
  file: z.string(),
  sha256: z.string(),
  /** values the card changed in the registry */
  changes: z.number().int().min(0),
});
export type ReturnedCard = z.infer<typeof returnedSchema>;

const cardsSchema = z.object({ returned: z.record(z.string(), returnedSchema) });

const CARDS = 'cards';

export function loadReturnedCards(ws: Workspace): Record<string, ReturnedCard> {
  return ws.readState(CARDS, cardsSchema)?.returned ?? {};
}

export async function saveReturnedCards(ws: Workspace, returned: Record<string, ReturnedCard>): Promise<string> {
  return (await ws.writeState(CARDS, { returned })).path;
}
