import { fromUtf8, toUtf8 } from "@cosmjs/encoding";
import { QuerySmartContractStateRequest, QuerySmartContractStateResponse } from "cosmjs-types/cosmwasm/wasm/v1/query";
import { describe, expect, it } from "vitest";
import { BertyDao, cosmjsSigningClient, QueryError, SMART_QUERY_PATH, type AbciClient, type Contracts } from "../../src/index.ts";
import { CouncilVoteClient } from "../../src/generated/CouncilVote.client.ts";

const contracts: Contracts = { membership: "wasm1m", auditRegistry: "wasm1a", councilVote: "wasm1c", release: "wasm1r" };
const rid = "30f8c755c391534f8c4c9873610b0f333586be92ec1808a10b58fb1039fc9970";
type Q = Record<string, Record<string, unknown>>;

/** A node that answers smart queries from `answer(contract, query, height)` and records them. */
function fakeNode(latest: number, answer: (contract: string, query: Q, height: number) => unknown): AbciClient & { seen: { contract: string; query: Q; height?: number }[] } {
  const seen: { contract: string; query: Q; height?: number }[] = [];
  return {
    seen,
    async abciInfo() {
      return { lastBlockHeight: latest };
    },
    async abciQuery({ path, data, height }) {
      expect(path).toBe(SMART_QUERY_PATH);
      const req = QuerySmartContractStateRequest.decode(data);
      const query = JSON.parse(fromUtf8(req.queryData)) as Q;
      seen.push({ contract: req.address, query, height });
      const h = height ?? latest;
      let value: unknown;
      try {
        value = answer(req.address, query, h);
      } catch (e) {
        return { value: new Uint8Array(), code: 1, log: `${(e as Error).message}: query wasm contract failed`, height: h };
      }
      return { value: QuerySmartContractStateResponse.encode({ data: toUtf8(JSON.stringify(value)) }).finish(), height: h };
    },
  };
}

const tally = { activists: { yes: 2, no: 0, abstain: 0, eligible: 3 }, technologists: { yes: 3, no: 0, abstain: 0, eligible: 3 } };

function dao(contract: string, q: Q, height: number): unknown {
  const [name, args] = Object.entries(q)[0]!;
  const key = `${contract} ${name}`;
  switch (key) {
    case "wasm1r release":
      if (args.release_id !== rid) throw new Error(`release ${String(args.release_id)} not found`);
      return { release_id: rid, version: "2.5.0", status: "released", proposal_id: 4, proposed_at: "1", proposer: "wasm1carol", source_uri: "ipfs://x", artifacts: [], publications: [], height };
    case "wasm1r gates":
      return { release_id: rid, status: "released", candidate: { passed: true, blockers: [] }, audit: { passed: true, blockers: [] }, council: { passed: true, blockers: [] }, blockers: [], finalizable: false };
    case "wasm1a audit_gate":
      return { passed: true, positive: ["wasm1x"], blocking: [], not_counted: [], reports_log: { length: 3, head: "00" } };
    case "wasm1a reports": {
      // 150 auditors, paged by 100 after start_after
      const all = Array.from({ length: 150 }, (_, i) => ({ auditor: `wasm1aud${String(i).padStart(3, "0")}`, counted: true }));
      const start = args.start_after ? all.findIndex((r) => r.auditor === args.start_after) + 1 : 0;
      return { reports: all.slice(start, start + Number(args.limit)) };
    }
    case "wasm1c proposal":
      return { id: args.proposal_id, status: "passed", tally, height };
    case "wasm1c ballots":
      return { ballots: args.start_after ? [] : [{ voter: "wasm1alice", vote: "yes", college: "activists" }] };
    case "wasm1r trail_head":
      return { length: 5, head: "ff".repeat(32), height };
    default:
      throw new Error(`unexpected ${key}`);
  }
}

describe("releaseOverview", () => {
  it("reads everything at one height, the latest committed one", async () => {
    const node = fakeNode(42, dao);
    const o = await new BertyDao(node, contracts).releaseOverview(rid);
    expect(o.height).toBe(42);
    expect(node.seen.every((s) => s.height === 42)).toBe(true);
    expect(node.seen.map((s) => Object.keys(s.query)[0]).sort()).toEqual(
      ["audit_gate", "ballots", "gates", "proposal", "release", "reports", "reports", "trail_head"].sort(),
    );
    expect(o.release.version).toBe("2.5.0");
    expect(o.reports).toHaveLength(150);
    expect(o.vote?.proposal.id).toBe(4);
    expect(o.vote?.ballots.map((b) => b.voter)).toEqual(["wasm1alice"]);
    expect(o.trailHead.length).toBe(5);
    expect(o.auditGate.passed).toBe(true);
  });

  it("says why a report does not count, reading only the auditors the gate still lists", async () => {
    // aud000 left (no role, no bond), aud001 is void, aud002 is barred but bonded (listed)
    const uncounted = (contract: string, q: Q, height: number): unknown => {
      const [name, args] = Object.entries(q)[0]!;
      if (`${contract} ${name}` === "wasm1a audit_gate") return { passed: true, positive: ["wasm1aud003"], blocking: [], not_counted: ["wasm1aud002"], reports_log: { length: 4, head: "00" } };
      if (`${contract} ${name}` === "wasm1a reports") {
        const reports = [0, 1, 2, 3].map((i) => ({ auditor: `wasm1aud00${i}`, counted: i === 3, voided: i === 1 }));
        return { reports: args.start_after ? [] : reports };
      }
      if (`${contract} ${name}` === "wasm1a config") return { staking: { denom: "uberty", min_bond: "100", unbonding_period: 60 } };
      if (`${contract} ${name}` === "wasm1m member") return { addr: args.addr, barred: true, role: null };
      if (`${contract} ${name}` === "wasm1a stake") return { auditor: args.auditor, active: false, bonded: "500", locked: false, unbonding: [] };
      return dao(contract, q, height);
    };
    const node = fakeNode(42, uncounted);
    const o = await new BertyDao(node, contracts).releaseOverview(rid);
    expect(o.notCounted).toEqual({
      wasm1aud000: "no longer an auditor",
      wasm1aud001: "void: an upheld challenge slashed it (a newer report would count)",
      wasm1aud002: "barred: governance removed this auditor",
    });
    const about = (name: string) => node.seen.filter((s) => Object.keys(s.query)[0] === name).map((s) => Object.values(s.query)[0]);
    expect(about("member")).toEqual([{ addr: "wasm1aud002" }]);
    expect(about("stake")).toEqual([{ auditor: "wasm1aud002" }]);
  });

  it("reads at a given height", async () => {
    const node = fakeNode(42, dao);
    const o = await new BertyDao(node, contracts).releaseOverview(rid, 17);
    expect(o.height).toBe(17);
    expect(new Set(node.seen.map((s) => s.height))).toEqual(new Set([17]));
  });

  it("throws the contract's error", async () => {
    const node = fakeNode(42, dao);
    const err = await new BertyDao(node, contracts).releaseOverview("00").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as Error).message).toMatch(/release 00 not found/);
  });

  it("refuses an answer for another height", async () => {
    const node = fakeNode(42, dao);
    const lying: AbciClient = { abciInfo: node.abciInfo, abciQuery: async (p) => ({ ...(await node.abciQuery(p)), height: 41 }) };
    await expect(new BertyDao(lying, contracts).releaseOverview(rid, 42)).rejects.toThrow(/height 42.*41/);
  });
});

describe("the CosmJS signing adapter", () => {
  it("sends what the generated client builds, simulating the gas for 'auto'", async () => {
    const calls: unknown[][] = [];
    const fake = {
      queryContractSmart: async () => ({}),
      simulate: async (...args: unknown[]) => {
        calls.push(["simulate", ...args]);
        return 100_000;
      },
      execute: async (...args: unknown[]) => {
        calls.push(["execute", ...args]);
        return { transactionHash: "AB", height: 9, gasUsed: 90_000n, gasWanted: 130_000n, events: [], logs: [] };
      },
    };
    const client = new CouncilVoteClient(cosmjsSigningClient(fake as never), "wasm1alice", "wasm1c");
    const result = (await client.vote({ proposalId: 3, vote: "yes" })) as { transactionHash: string };
    expect(result.transactionHash).toBe("AB");
    expect(calls[0]![0]).toBe("simulate");
    expect(calls[1]).toEqual(["execute", "wasm1alice", "wasm1c", { vote: { proposal_id: 3, vote: "yes" } }, { amount: [], gas: "130000" }, undefined, []]);
    await client.close({ proposalId: 3 }, 250_000);
    expect(calls[2]![4]).toEqual({ amount: [], gas: "250000" });
  });
});
