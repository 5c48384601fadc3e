// A report's or ballot's signature checked in the page, over its SPEC 6 digest with the key
// the contract recorded beside it: the contracts verified it on chain, and the page shows
// that anyone can check it again from what the node answers.
import { ballotDigest, reportDigest, verifyDigest, type AuditRegistryTypes, type CouncilVoteTypes } from "@berty-dao/client";
import type { DashboardConfig } from "./config.ts";
import { h } from "./dom.ts";

async function check(pubkey: string | null | undefined, signature: string | null | undefined, digest: () => Uint8Array): Promise<HTMLElement> {
  if (!signature) return h("span", {}, "unsigned");
  const valid = pubkey ? await verifyDigest(pubkey, digest(), signature).catch(() => false) : false;
  return valid ? h("span", { class: "passed" }, "verified") : h("span", { class: "failed" }, "INVALID");
}

export function reportSignature(config: DashboardConfig, r: AuditRegistryTypes.ReportResponse): Promise<HTMLElement> {
  return check(r.pubkey, r.signature, () =>
    reportDigest({ chainId: config.chainId, contract: config.contracts.auditRegistry, releaseId: r.release_id, status: r.status, reportUri: r.report_uri, reportDigest: r.report_digest }),
  );
}

export function ballotSignature(config: DashboardConfig, b: CouncilVoteTypes.BallotResponse): Promise<HTMLElement> {
  return check(b.pubkey, b.signature, () =>
    ballotDigest({ chainId: config.chainId, contract: config.contracts.councilVote, proposalId: b.proposal_id, vote: b.vote, rationale: b.rationale ?? null }),
  );
}
