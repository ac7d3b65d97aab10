// The workspace API (scenarios, briefings, participation, accounts, audit) as zod schemas: the server validates with
// them, the OpenAPI document is generated from them, and the client imports the types. Pure and browser-safe.
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'planner', 'council', 'citizen']);
export type RoleName = z.infer<typeof roleSchema>;

/** A lone high surrogate not followed by a low one, or a lone low surrogate. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text people type: NFC, no NUL or unpaired surrogates (RELIABILITY.md #12), trimmed, bounded. */
export function plainText(maxLength: number, minLength = 1) {
  return z
    .string()
    .refine((s) => !s.includes('\u0000') && !UNPAIRED_SURROGATE.test(s), 'contains a NUL character or an unpaired surrogate')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(minLength).max(maxLength));
}

/** Ids are random and unguessable (UUID v4 from crypto.randomUUID), never sequential (RELIABILITY.md #14). */
export const idSchema = z.uuid();

// ---------------------------------------------------------------------------------------------------------------------
// Accounts and sessions: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me
// A signed-in session is an HttpOnly, SameSite=Strict cookie `tweeling_session`; every state-changing request from a
// signed-in user carries the header `X-CSRF-Token` with the token from login/me (403 without it).
// ---------------------------------------------------------------------------------------------------------------------
export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({ id: idSchema, username: z.string(), role: roleSchema });
export type User = z.infer<typeof userSchema>;

/** Answer of login and of GET /api/auth/me (user null = anonymous citizen). */
export const sessionInfoSchema = z.object({ user: userSchema.nullable(), csrfToken: z.string().nullable() });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Saved views: camera, layers, time, scenario. Used by scenarios (their views) and briefing steps.
// ---------------------------------------------------------------------------------------------------------------------
export const cameraViewSchema = z.strictObject({
  lonDeg: z.number().min(-180).max(180),
  latDeg: z.number().min(-90).max(90),
  heightM: z.number().min(-500).max(50_000_000),
  headingDeg: z.number().min(-360).max(360),
  pitchDeg: z.number().min(-90).max(90),
});
export type CameraView = z.infer<typeof cameraViewSchema>;

export const savedViewSchema = z.strictObject({
  camera: cameraViewSchema,
  /** Layer ids from /api/layers that are visible. */
  layers: z.array(z.string().min(1).max(100)).max(100),
  /** ISO instant for time-dependent layers (sensors), optional. */
  time: z.iso.datetime({ offset: true }).optional(),
  /** Scenario shown in this view, optional. */
  scenarioId: idSchema.optional(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Scenarios: /api/scenarios
//   GET    /                      → { scenarios: Scenario[] } (planner/council/admin: drafts and published; citizen: published only)
//   POST   /                      create (planner)                         body scenarioInputSchema → 201 Scenario
//   GET    /:id                   one, latest version (citizen: 404 unless published)
//   PUT    /:id                   new version (planner) body scenarioUpdateSchema (expectedVersion → 409 on mismatch)
//   POST   /:id/duplicate         copy as a new draft (planner)             → 201 Scenario
//   GET    /:id/versions          → { versions: ScenarioVersion[] } newest first: who / when / what changed (planner, council)
//   POST   /:id/restore           body { version } → Scenario: a new version equal to the old one (planner)
//   POST   /:id/publish | /:id/unpublish (planner) → Scenario
//   DELETE /:id                   soft delete (planner) → 204; gone from lists, kept for the audit trail
//   POST   /:id/run               computes the results (indicators) from the inputs with the 5G and fibre engines
//                                 (planner); synchronous: → Scenario with `indicators` set (a few seconds on Demostad)
//   GET    /compare?a=ID&b=ID|current   → Comparison: both side by side with differences (planner, council)
// ---------------------------------------------------------------------------------------------------------------------
export const antennaInputSchema = z.strictObject({
  id: z.string().min(1).max(64),
  /** RD New metres. */
  x: z.number().min(-7000).max(300_000),
  y: z.number().min(289_000).max(629_000),
  heightM: z.number().min(1).max(300),
  azimuthDeg: z.number().min(0).max(360),
  tiltDeg: z.number().min(-10).max(30),
  eirpDbm: z.number().min(0).max(90),
  frequencyGHz: z.number().min(0.4).max(100),
});

export const scenarioInputsSchema = z.strictObject({
  /** Candidate antennas added to the existing ones (5G). */
  antennas: z.array(antennaInputSchema).max(200).default([]),
  /** Fibre design: POP position (RD New) and target buurten (empty = all), unit-cost overrides. */
  fibre: z
    .strictObject({
      popPositionRd: z.tuple([z.number(), z.number()]),
      buurtCodes: z.array(z.string().regex(/^BU\d{8}$/)).max(500).default([]),
      unitCostOverrides: z.record(z.string().max(64), z.number().min(0).max(1e7)).default({}),
      takeRate: z.number().min(0).max(1).default(0.5),
    })
    .optional(),
  /** Visible layers and camera views that belong to the scenario. */
  layers: z.array(z.string().min(1).max(100)).max(100).default([]),
  views: z.array(savedViewSchema).max(50).default([]),
});
export type ScenarioInputs = z.infer<typeof scenarioInputsSchema>;

export const scenarioInputSchema = z.strictObject({
  name: plainText(120),
  description: plainText(4000, 0).default(''),
  inputs: scenarioInputsSchema,
});

export const scenarioUpdateSchema = scenarioInputSchema.extend({
  /** The version the edit was based on; 409 Conflict when someone saved in between. */
  expectedVersion: z.number().int().min(1),
  /** What changed, in the editor's words (shown in the version history). */
  changeNote: plainText(500, 0).default(''),
});

/** Results computed by POST /:id/run; null until run, and reset to null when the inputs change. */
export const scenarioIndicatorsSchema = z.object({
  computedAt: z.string(),
  /** % of addresses with indoor RSRP ≥ the coverage threshold. */
  coveragePct: z.number().nullable(),
  addressesCovered: z.number().nullable(),
  /** Addresses where EMF exposure exceeds the attention level (% of the ICNIRP reference level, see DOMAIN.md). */
  addressesAboveExposureThreshold: z.number().nullable(),
  /** Highest exposure at any address, % of the ICNIRP reference level. */
  maxExposurePctIcnirp: z.number().nullable(),
  antennaCount: z.number().nullable(),
  trenchM: z.number().nullable(),
  homesPassed: z.number().nullable(),
  costPerHomePassedEur: z.number().nullable(),
  capexTotalEur: z.number().nullable(),
});
export type ScenarioIndicators = z.infer<typeof scenarioIndicatorsSchema>;

export const scenarioSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  status: z.enum(['draft', 'published']),
  version: z.number().int(),
  inputs: scenarioInputsSchema,
  indicators: scenarioIndicatorsSchema.nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioVersionSchema = z.object({
  version: z.number().int(),
  author: z.string(),
  time: z.string(),
  changeNote: z.string(),
  /** Top-level fields that differ from the previous version, e.g. ['name', 'inputs.antennas']. */
  changed: z.array(z.string()),
});
export type ScenarioVersion = z.infer<typeof scenarioVersionSchema>;

export const INDICATOR_KEYS = [
  'coveragePct',
  'addressesCovered',
  'addressesAboveExposureThreshold',
  'maxExposurePctIcnirp',
  'antennaCount',
  'trenchM',
  'homesPassed',
  'costPerHomePassedEur',
  'capexTotalEur',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const comparisonSchema = z.object({
  a: z.object({ id: z.string(), name: z.string(), indicators: scenarioIndicatorsSchema.nullable() }),
  /** b.id is 'current' for the current situation (existing antennas, existing fibre). */
  b: z.object({ id: z.string(), name: z.string(), indicators: scenarioIndicatorsSchema.nullable() }),
  rows: z.array(
    z.object({
      key: z.enum(INDICATOR_KEYS),
      a: z.number().nullable(),
      b: z.number().nullable(),
      /** b − a, null when either is missing. */
      difference: z.number().nullable(),
      /**
       * Whether b is better than a: higher is better for coveragePct, addressesCovered and homesPassed; lower is
       * better for addressesAboveExposureThreshold, maxExposurePctIcnirp, trenchM, costPerHomePassedEur and
       * capexTotalEur; antennaCount is neutral (always null). Null too when either value is missing.
       */
      better: z.enum(['a', 'b', 'equal']).nullable(),
    }),
  ),
});
export type Comparison = z.infer<typeof comparisonSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Briefings for the council: /api/briefings
//   GET / → { briefings } (planner, council), POST / (planner) → 201, GET /:id (planner, council), PUT /:id (planner),
//   DELETE /:id (planner) → 204
// ---------------------------------------------------------------------------------------------------------------------
export const briefingStepSchema = z.strictObject({
  title: plainText(120),
  text: plainText(2000, 0).default(''),
  view: savedViewSchema,
});

export const briefingInputSchema = z.strictObject({
  title: plainText(160),
  summary: plainText(4000, 0).default(''),
  steps: z.array(briefingStepSchema).min(1).max(40),
});

export const briefingSchema = briefingInputSchema.extend({
  id: idSchema,
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Briefing = z.infer<typeof briefingSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Participation: /api/participation
//   POST   /sessions                        create a session on a published scenario (planner) → 201 ParticipationSession
//   GET    /sessions                        list (planner) → { sessions: ParticipationSession[] }
//   GET    /sessions/:id                    anyone; a closed session is still readable (status 'closed') so the page can say so
//   POST   /sessions/:id/close              (planner) → ParticipationSession; 409 when already closed
//   GET    /sessions/:id/qr.svg             QR code of the session URL (planner)
//   POST   /sessions/:id/comments           place a comment (citizen; anonymous) → 201 Comment (status pending)
//        A random per-session participant token is set as the HttpOnly cookie `tweeling_participant` on the first post
//        (no name, e-mail or IP stored); rate limit per token (5 per 10 minutes) → 429 + Retry-After.
//        Texts with an e-mail address, phone number, postcode + house number or BSN-like number → 400 code
//        'personal-data' with `explanation: { nl, en }` and `kinds`. Closed session → 409. RateLimit headers on every post.
//   GET    /sessions/:id/comments           approved comments (anyone) → { comments: Comment[] }, createdAt to the day
//                                           (YYYY-MM-DD); ?status=pending|hidden|all (planner) = queue, full createdAt
//   POST   /comments/:id/moderate           { action: approve|hide, answer? } (planner) → Comment; answer '' removes it
//   GET    /sessions/:id/comments.geojson | comments.csv   approved comments for the participation report (anyone)
// ---------------------------------------------------------------------------------------------------------------------
export const participationSessionInputSchema = z.strictObject({
  title: plainText(160),
  /** Plain-language introduction shown to citizens. */
  introduction: plainText(4000, 0).default(''),
  scenarioId: idSchema,
  /** When commenting closes; retention (hard delete) follows from it. */
  closesAt: z.iso.datetime({ offset: true }),
});

export const participationSessionSchema = participationSessionInputSchema.extend({
  id: idSchema,
  status: z.enum(['open', 'closed']),
  /** After this, comments of the session are hard-deleted (secure_delete). */
  retentionUntil: z.string(),
  /** Path citizens open, e.g. /?mode=participation&session=ID */
  url: z.string(),
});
export type ParticipationSession = z.infer<typeof participationSessionSchema>;

export const COMMENT_CATEGORIES = ['idea', 'concern', 'question'] as const;

export const commentInputSchema = z.strictObject({
  category: z.enum(COMMENT_CATEGORIES),
  text: plainText(1000),
  /** Where the pin is: CRS84 longitude/latitude and height above the ellipsoid in metres. */
  position: z.strictObject({
    lonDeg: z.number().min(-180).max(180),
    latDeg: z.number().min(-90).max(90),
    heightM: z.number().min(-100).max(1000),
  }),
  /** The building the pin is on, when placed on a building. */
  buildingId: z.string().min(1).max(100).optional(),
});
export type CommentInput = z.infer<typeof commentInputSchema>;

export const commentSchema = commentInputSchema.extend({
  id: idSchema,
  sessionId: idSchema,
  status: z.enum(['pending', 'approved', 'hidden']),
  createdAt: z.string(),
  /** The planner's public answer, shown with approved comments. */
  answer: z.string().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const moderationSchema = z.strictObject({
  action: z.enum(['approve', 'hide']),
  answer: plainText(2000, 0).optional(),
});

// ---------------------------------------------------------------------------------------------------------------------
// Audit log: GET /api/audit?limit&before (admin) → { entries: AuditEntry[] }, GET /api/audit/verify (admin)
// ---------------------------------------------------------------------------------------------------------------------
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  actorRole: z.string(),
  /** Account id; null for anonymous citizens. */
  actorId: z.string().nullable(),
  /** Dotted verb, e.g. scenario.update, auth.login-failed, auth.denied. */
  action: z.string(),
  /** What was acted on, e.g. scenario:ID; for auth.denied the method and path. */
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({ ok: z.boolean(), entries: z.number().int(), brokenAt: z.number().int().optional() });
