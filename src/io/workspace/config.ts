/**
 * The marker file `uchebnik.json`: it makes a directory a workspace and holds the campaign's
 * identity and settings. Other areas keep their own settings beside ours; unknown keys survive.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';

export const DEFAULT_SETTINGS = { reserve_percent: 10, max_class_size: 25 } as const;

export const settingsSchema = z.looseObject({
  /** extra copies ordered on top of the student count, in percent */
  reserve_percent: z.number().min(0).max(100).default(DEFAULT_SETTINGS.reserve_percent),
  max_class_size: z.number().int().min(1).default(DEFAULT_SETTINGS.max_class_size),
});
export type WorkspaceSettings = z.infer<typeof settingsSchema>;

/**
 * Is `zone` an IANA time zone? The runtime's list of zones answers for the usual names without making
 * a date formatter, which luxon's check does and which costs 40–80 ms the first time in a process —
 * paid by every command that opens a workspace, most of which format no date (issue 20: start-up).
 * Any other name (an alias such as Europe/Kyiv on an older list, UTC) is still asked of luxon.
 */
export function isTimeZone(zone: string): boolean {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return zones.has(zone) || IANAZone.isValidZone(zone);
}
let zones: Set<string> | undefined;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const campaignSchema = z.object({
  id: z.string().min(1),
  /** the school year the books are ordered for starts in this year */
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
  region: z.string().min(1),
  /** IANA zone in which deadlines end at midnight (Europe/Samara for Udmurtia) */
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  created_at: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** The marker without its `schema` field (which the schema layer checks and strips). */
export const markerSchema = z.object({
  kind: z.literal('uchebnik-workspace'),
  campaign: campaignSchema,
  settings: settingsSchema.prefault({}),
});
export type WorkspaceConfig = z.infer<typeof markerSchema>;
