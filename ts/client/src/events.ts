// The log events of SPEC 6 as discriminated unions on `kind`. The schemas give each log's
// `kind` and `data` as two independent types (the data is untagged); these types tie each
// kind to its data, so `switch (event.kind)` narrows `event.data`. `asReleaseEvent` and the
// others check the pairing at run time, the way the verifier does (`KindDataMismatch`).
import type {
  EventForReportEventKindAndReportEventData,
  ReportStatus,
  LogHead,
} from "./generated/AuditRegistry.types.ts";
import type { EventForBallotEventKindAndBallotEventData, BallotEventData } from "./generated/CouncilVote.types.ts";
import type { EventForMemberEventKindAndMemberEventData, Role } from "./generated/Membership.types.ts";
import type {
  Artifact,
  BuildInfo,
  EventForReleaseEventKindAndReleaseEventData,
  Rules,
  Tally,
} from "./generated/Release.types.ts";
import { timestampToDate } from "./time.ts";

/** What every event of every log carries (SPEC 6: `{ seq, height, time, contract, actor, pubkey?, kind, data }`). */
export interface EventHeader {
  seq: number;
  height: number;
  /** `Timestamp`: nanoseconds as a decimal string. */
  time: string;
  contract: string;
  actor: string;
  pubkey?: string | null;
}

type Tagged<K extends string, D> = EventHeader & { kind: K; data: D };

/** An event of a `release` log. */
export type ReleaseEvent =
  | Tagged<"proposed", { app_name: string; version: string; source_uri: string; commit?: string | null; notes_uri?: string | null }>
  | Tagged<"vote_opened", { proposal_id: number; reports_log: LogHead; members_log: LogHead }>
  | Tagged<"decision", { proposal_id: number; passed: boolean; tally: Tally; rules?: Rules | null; ballots_log: LogHead }>
  | Tagged<"finalized", { proposal_id: number; artifacts: Artifact[]; build: BuildInfo; reports_log: LogHead; members_log: LogHead }>
  | Tagged<"published", { channel: string; artifact_digest: string; listing_uri?: string | null }>
  | Tagged<"withdrawn", { reason: string }>;

/** An event of a `reports` log. */
export type ReportEvent =
  | Tagged<"report", { auditor: string; status: ReportStatus; report_uri: string; report_digest: string; signature?: string | null }>
  | Tagged<"slashed", { auditor: string; challenge_id: number; slash_ratio: string; amount: string; voided_report?: number | null }>;

/** An event of a `ballots` log. */
export type BallotEvent = Tagged<"ballot", BallotEventData>;

/** An event of the `members` log. */
export type MemberEvent =
  | Tagged<"granted", { addr: string; role: Role }>
  | Tagged<"revoked", { addr: string; role: Role }>
  | Tagged<"pubkey", { addr: string; key: string }>;

/** Any log event. */
export type LogEvent = ReleaseEvent | ReportEvent | BallotEvent | MemberEvent;

/** An entry of a log query's answer, with its event typed. */
export interface Entry<E> {
  event: E;
  hash: string;
}

// The fields that only one kind's data has, as the verifier tells the kinds apart.
const releaseKeys: Record<ReleaseEvent["kind"], string> = {
  proposed: "app_name",
  vote_opened: "reports_log",
  decision: "ballots_log",
  finalized: "artifacts",
  published: "channel",
  withdrawn: "reason",
};
const reportKeys: Record<ReportEvent["kind"], string> = { report: "report_uri", slashed: "challenge_id" };
const memberKeys: Record<MemberEvent["kind"], string> = { granted: "role", revoked: "role", pubkey: "key" };

function check(kind: string, data: object, key: string | undefined): void {
  if (key === undefined || !(key in data)) throw new Error(`log event of kind ${kind} with the data of another kind`);
  if (kind === "vote_opened" && "artifacts" in data) throw new Error("log event of kind vote_opened with the data of another kind");
}

/** A release log event, typed by its kind (throws when kind and data disagree). */
export function asReleaseEvent(e: EventForReleaseEventKindAndReleaseEventData): ReleaseEvent {
  check(e.kind, e.data, releaseKeys[e.kind]);
  return e as ReleaseEvent;
}

/** A reports log event, typed by its kind. */
export function asReportEvent(e: EventForReportEventKindAndReportEventData): ReportEvent {
  check(e.kind, e.data, reportKeys[e.kind]);
  return e as ReportEvent;
}

/** A ballots log event. */
export function asBallotEvent(e: EventForBallotEventKindAndBallotEventData): BallotEvent {
  check(e.kind, e.data, e.kind === "ballot" ? "vote" : undefined);
  return e as BallotEvent;
}

/** A members log event, typed by its kind. */
export function asMemberEvent(e: EventForMemberEventKindAndMemberEventData): MemberEvent {
  check(e.kind, e.data, memberKeys[e.kind]);
  return e as MemberEvent;
}

/** The event's block time as a `Date`. */
export function eventDate(e: EventHeader): Date {
  return timestampToDate(e.time);
}
