// The signing payloads of SPEC 6: a report's and a ballot's canonical digest is the sha256 of
// a compact JSON object with its fields in this order; an optional signature is the 64-byte
// r ‖ s secp256k1 signature of that digest (what the contracts check with
// `api.secp256k1_verify`). Tested on ../shared/vectors/trail-v1.json.
import { sha256 } from "@cosmjs/crypto";
import { toHex, toUtf8 } from "@cosmjs/encoding";
import type { ReportStatus } from "./generated/AuditRegistry.types.ts";
import type { Vote } from "./generated/CouncilVote.types.ts";

/** What a report's signature covers; `contract` is the audit registry's address. */
export interface ReportPayload {
  chainId: string;
  contract: string;
  releaseId: string;
  status: ReportStatus;
  reportUri: string;
  reportDigest: string;
}

/** What a ballot's signature covers; `contract` is council-vote's address. */
export interface BallotPayload {
  chainId: string;
  contract: string;
  proposalId: number;
  vote: Vote;
  /** The rationale text, or `null` when the ballot has none. */
  rationale: string | null;
}

/** The report's canonical JSON: `{"chain_id","contract","release_id","status","report_uri","report_digest"}`. */
export function reportPayloadJson(p: ReportPayload): string {
  // JSON.stringify keeps insertion order and writes no whitespace, as serde_json does.
  return JSON.stringify({
    chain_id: p.chainId,
    contract: p.contract,
    release_id: p.releaseId,
    status: p.status,
    report_uri: p.reportUri,
    report_digest: p.reportDigest,
  });
}

/** The ballot's canonical JSON: `{"chain_id","contract","proposal_id","vote","rationale"}`. */
export function ballotPayloadJson(p: BallotPayload): string {
  if (!Number.isSafeInteger(p.proposalId) || p.proposalId < 0) throw new Error(`proposal id ${p.proposalId} is not a u64 JSON number`);
  return JSON.stringify({
    chain_id: p.chainId,
    contract: p.contract,
    proposal_id: p.proposalId,
    vote: p.vote,
    rationale: p.rationale,
  });
}

/** sha256 of the report's canonical JSON: the 32 bytes a signature signs. */
export function reportDigest(p: ReportPayload): Uint8Array {
  return sha256(toUtf8(reportPayloadJson(p)));
}

/** sha256 of the ballot's canonical JSON: the 32 bytes a signature signs. */
export function ballotDigest(p: BallotPayload): Uint8Array {
  return sha256(toUtf8(ballotPayloadJson(p)));
}

/** sha256 of bytes or UTF-8 text, as 64 lowercase hex characters (a SPEC `digest`). */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(typeof data === "string" ? toUtf8(data) : data));
}
