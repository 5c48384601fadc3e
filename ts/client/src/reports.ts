// Why an audit report does not count now, in words a release page can show. The registry
// answers only `counted: false`; the reason follows from what it and membership answer at
// the same height (SPEC 4.2: a report counts while its auditor is active, in staked mode
// with a bond of at least `min_bond`, and no executed slash voided it).
import type { ReportResponse, StakeResponse, StakingConfig } from "./generated/AuditRegistry.types.ts";
import type { MemberResponse } from "./generated/Membership.types.ts";

/** The reason `report` is not counted, given its auditor's record and (in staked mode) stake. */
export function notCountedReason(report: ReportResponse, member: MemberResponse, stake: StakeResponse | null, staking: StakingConfig | null): string {
  if (report.voided) return VOIDED;
  if (member.barred) return "barred: governance removed this auditor";
  // before the role: falling below the minimum is what takes the role in staked mode
  if (staking && stake && BigInt(stake.bonded) < BigInt(staking.min_bond)) {
    return `bond ${stake.bonded}${staking.denom} below the minimum ${staking.min_bond}${staking.denom}`;
  }
  if (member.role !== "auditor") return "no longer an auditor";
  return "its auditor is not active";
}

/** The reason for a report voided by an executed slash. */
export const VOIDED = "void: an upheld challenge slashed it (a newer report would count)";

/** The reason for an auditor that has left the gate's iteration (neither the role nor a bond now). */
export const LEFT_THE_GATE = "no longer an auditor";
