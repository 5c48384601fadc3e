// A college's result as a page shows it: turnout against quorum and the yes share against
// the threshold, decided in exact decimal arithmetic the way council-vote decides (SPEC 4.3):
// turnout `yes + no + abstain >= quorum * E`, approval `yes > threshold * (yes + no)`.
import type { CollegeRules, CollegeTally } from "./generated/CouncilVote.types.ts";

const SCALE = 10n ** 18n;

/** A cosmwasm-std `Decimal` string (up to 18 fractional digits) scaled by 10^18. */
export function decimalAtoms(decimal: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,18}))?$/.exec(decimal);
  if (!m) throw new Error(`not a Decimal: ${JSON.stringify(decimal)}`);
  return BigInt(m[1]!) * SCALE + BigInt((m[2] ?? "").padEnd(18, "0"));
}

/** One college of a vote, as a page shows it. */
export interface CollegeResult {
  eligible: number;
  voted: number;
  yes: number;
  no: number;
  abstain: number;
  /** voted / eligible (0 when nobody is eligible). */
  turnout: number;
  quorum: number;
  turnoutMet: boolean;
  /** yes / (yes + no) (0 with no yes or no). */
  yesShare: number;
  threshold: number;
  approvalMet: boolean;
  passed: boolean;
}

/** The college's turnout and approval against its rules. */
export function collegeResult(tally: CollegeTally, rules: CollegeRules): CollegeResult {
  const { yes, no, abstain, eligible } = tally;
  const voted = yes + no + abstain;
  const quorum = decimalAtoms(rules.quorum);
  const threshold = decimalAtoms(rules.threshold);
  const turnoutMet = BigInt(voted) * SCALE >= quorum * BigInt(eligible);
  const approvalMet = BigInt(yes) * SCALE > threshold * BigInt(yes + no);
  return {
    eligible,
    voted,
    yes,
    no,
    abstain,
    turnout: eligible === 0 ? 0 : voted / eligible,
    quorum: Number(rules.quorum),
    turnoutMet,
    yesShare: yes + no === 0 ? 0 : yes / (yes + no),
    threshold: Number(rules.threshold),
    approvalMet,
    passed: turnoutMet && approvalMet,
  };
}
