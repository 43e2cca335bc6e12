/**
 * Parents' meetings in the workspace (plan 003, stage 3), one file per municipality:
 *
 *   state/meetings/<municipality>.json   {municipality, meetings: [{institution, date, parents, protocol, submitted_at, source}]}
 *
 * A meeting is known by its institution and protocol number: submitting it again replaces it. The
 * deadlines module reads `meetings` (src/features/deadlines/store.ts): fields may be added, none renamed.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';

const meetingSchema = z.object({
  institution: z.string(),
  municipality: z.string(),
  date: z.string(),
  parents: z.number().int().min(1),
  protocol: z.string(),
  submitted_at: z.string(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string() }),
});
export type StoredMeeting = z.infer<typeof meetingSchema>;

const fileSchema = z.object({ municipality: z.string(), meetings: z.array(meetingSchema) });
export type StoredMeetings = z.infer<typeof fileSchema>;

const store = new KeyedStore('meetings', fileSchema, (v) => v.municipality);

export function loadMeetings(ws: Workspace, municipality: string): StoredMeetings {
  return store.load(ws, municipality) ?? { municipality, meetings: [] };
}

export async function saveMeetings(ws: Workspace, value: StoredMeetings): Promise<string> {
  return store.save(ws, value);
}
