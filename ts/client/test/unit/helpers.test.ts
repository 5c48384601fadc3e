import { describe, expect, it } from "vitest";
import {
  asBallotEvent,
  asMemberEvent,
  asReleaseEvent,
  asReportEvent,
  autoFee,
  collegeResult,
  contractError,
  dateToTimestamp,
  decimalAtoms,
  eventDate,
  notCountedReason,
  optionalDate,
  timestampToDate,
  type ReleaseEvent,
} from "../../src/index.ts";
import type { EventForReleaseEventKindAndReleaseEventData } from "../../src/generated/Release.types.ts";

describe("Timestamps", () => {
  it("turns nanoseconds into a Date and back", () => {
    expect(timestampToDate("1571797424879305533").toISOString()).toBe("2019-10-23T02:23:44.879Z");
    expect(dateToTimestamp(new Date("2019-10-23T02:23:44.879Z"))).toBe("1571797424879000000");
    expect(optionalDate(null)).toBeNull();
    expect(optionalDate(undefined)).toBeNull();
    expect(optionalDate("0")?.getTime()).toBe(0);
  });
  it("refuses what is no Timestamp", () => {
    expect(() => timestampToDate("1.5")).toThrow(/not a Timestamp/);
    expect(() => timestampToDate("-1")).toThrow(/not a Timestamp/);
    expect(() => dateToTimestamp(new Date(Number.NaN))).toThrow();
  });
});

const header = { seq: 0, height: 12, time: "1700000000000000000", contract: "wasm1release", actor: "wasm1carol", pubkey: null };

describe("log events as discriminated unions", () => {
  it("narrows data by kind", () => {
    const raw: EventForReleaseEventKindAndReleaseEventData = {
      ...header,
      kind: "decision",
      data: {
        proposal_id: 3,
        passed: true,
        tally: {
          activists: { yes: 2, no: 0, abstain: 0, eligible: 3 },
          technologists: { yes: 3, no: 0, abstain: 0, eligible: 3 },
        },
        ballots_log: { length: 5, head: "ab".repeat(32) },
      },
    };
    const e: ReleaseEvent = asReleaseEvent(raw);
    let text = "";
    switch (e.kind) {
      case "decision":
        text = `${e.data.passed} ${e.data.ballots_log.length}`;
        break;
      default:
        text = e.kind;
    }
    expect(text).toBe("true 5");
    expect(eventDate(e).toISOString()).toBe("2023-11-14T22:13:20.000Z");
  });
  it("refuses a kind with another kind's data", () => {
    expect(() => asReleaseEvent({ ...header, kind: "published", data: { reason: "x" } })).toThrow(/published/);
    expect(() =>
      asReleaseEvent({
        ...header,
        kind: "vote_opened",
        data: {
          proposal_id: 1,
          artifacts: [],
          build: { builder: "b" },
          reports_log: { length: 0, head: "" },
          members_log: { length: 0, head: "" },
        },
      }),
    ).toThrow(/vote_opened/);
    expect(() => asReportEvent({ ...header, kind: "slashed", data: { auditor: "a", status: "go", report_uri: "u", report_digest: "d" } })).toThrow();
    expect(() => asMemberEvent({ ...header, kind: "pubkey", data: { addr: "a", role: "auditor" } })).toThrow();
    expect(asMemberEvent({ ...header, kind: "granted", data: { addr: "a", role: { council: { college: "activists" } } } }).kind).toBe("granted");
    expect(asBallotEvent({ ...header, kind: "ballot", data: { voter: "v", college: "activists", vote: "yes" } }).data.vote).toBe("yes");
    expect(asReportEvent({ ...header, kind: "report", data: { auditor: "a", status: "no_go", report_uri: "u", report_digest: "d" } }).kind).toBe("report");
  });
});

describe("a college's result, in exact decimals", () => {
  const rules = { quorum: "0.666666666666666666", threshold: "0.5" };
  it("2 of 3 meets a 2/3 quorum rounded down; 1 yes 1 no is not above a half", () => {
    const r = collegeResult({ yes: 1, no: 1, abstain: 0, eligible: 3 }, rules);
    expect(r.turnoutMet).toBe(true);
    expect(r.approvalMet).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.yesShare).toBe(0.5);
  });
  it("passes with 2 yes of 3", () => {
    const r = collegeResult({ yes: 2, no: 0, abstain: 0, eligible: 3 }, rules);
    expect(r).toMatchObject({ voted: 2, turnoutMet: true, approvalMet: true, passed: true });
    expect(r.turnout).toBeCloseTo(2 / 3);
  });
  it("misses the quorum with 1 of 3 and handles nobody eligible", () => {
    expect(collegeResult({ yes: 1, no: 0, abstain: 0, eligible: 3 }, rules).turnoutMet).toBe(false);
    expect(collegeResult({ yes: 0, no: 0, abstain: 0, eligible: 0 }, rules)).toMatchObject({ turnout: 0, yesShare: 0, approvalMet: false });
  });
  it("reads Decimals exactly", () => {
    expect(decimalAtoms("1")).toBe(10n ** 18n);
    expect(decimalAtoms("0.000000000000000001")).toBe(1n);
    expect(() => decimalAtoms("1e3")).toThrow(/Decimal/);
  });
});

describe("CosmJS adapter helpers", () => {
  it("autoFee adjusts the simulated gas and pays its price", () => {
    expect(autoFee(100_000)).toEqual({ amount: [], gas: "130000" });
    expect(autoFee(100_000, { gasAdjustment: 1.5, gasPrice: { denom: "stake", amount: 0.025 } })).toEqual({
      amount: [{ denom: "stake", amount: "3750" }],
      gas: "150000",
    });
  });
  it("contractError finds the contract's own text", () => {
    const simulated = new Error(
      "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: Unauthorized: wasm1xyz is not a council member: execute wasm contract failed [CosmWasm/wasmd/x/wasm/keeper/keeper.go:452] with gas used: '12345': unknown request",
    );
    expect(contractError(simulated)).toBe("Unauthorized: wasm1xyz is not a council member");
    expect(contractError(new Error("rpc error: code = Unknown desc = release 00ff not found: query wasm contract failed: unknown request"))).toBe(
      "release 00ff not found",
    );
    expect(contractError("plain")).toBe("plain");
  });
});

describe("why a report does not count", () => {
  const report = { auditor: "wasm1victor", counted: false, voided: false, height: 1, release_id: "ab".repeat(32), report_digest: "cd".repeat(32), report_uri: "ipfs://r", seq: 0, status: "no_go" as const, time: "0" };
  const member = { addr: "wasm1victor", barred: false, role: "auditor" as const };
  const staking = { denom: "uberty", min_bond: "1000000", unbonding_period: 60 };
  const stake = (bonded: string) => ({ auditor: "wasm1victor", active: false, bonded, locked: false, unbonding: [] });

  it("names the first reason: void, barred, bond below the minimum (which takes the role), role", () => {
    expect(notCountedReason({ ...report, voided: true }, { ...member, barred: true, role: null }, stake("0"), staking)).toMatch(/^void: an upheld challenge slashed it/);
    expect(notCountedReason(report, { ...member, barred: true, role: null }, stake("0"), staking)).toBe("barred: governance removed this auditor");
    expect(notCountedReason(report, { ...member, role: null }, stake("10"), staking)).toBe("bond 10uberty below the minimum 1000000uberty");
    expect(notCountedReason(report, { ...member, role: "core_team_rep" }, null, null)).toBe("no longer an auditor");
    expect(notCountedReason(report, member, stake("999999"), staking)).toBe("bond 999999uberty below the minimum 1000000uberty");
    expect(notCountedReason(report, member, stake("1000000"), staking)).toBe("its auditor is not active");
  });
});
