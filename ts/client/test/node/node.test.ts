// Against a running node with the demo's state (scripts/e2e.sh runs this through
// scripts/browser-test.sh, with E2E_RPC and the rest of its environment); skipped without it.
import { readFileSync } from "node:fs";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { fromBase64 } from "@cosmjs/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BertyDao,
  ballotDigest,
  castBallot,
  collegeResult,
  connectDevKey,
  connectNode,
  contractError,
  exportBundle,
  keyRegistered,
  pubkeyBinary,
  verifyDigest,
  wasmAttribute,
  type Contracts,
  type DaoSigner,
  type TxResult,
} from "../../src/index.ts";

const env = process.env;
const rpc = env.E2E_RPC;

function need(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (scripts/e2e.sh sets it)`);
  return value;
}

describe.skipIf(!rpc)("on the node (E2E_RPC)", () => {
  let comet: CometClient;
  let dao: BertyDao;
  let contracts: Contracts;
  const signers: DaoSigner[] = [];

  beforeAll(async () => {
    contracts = {
      membership: need("E2E_MEMBERSHIP"),
      auditRegistry: need("E2E_AUDIT_REGISTRY"),
      councilVote: need("E2E_COUNCIL_VOTE"),
      release: need("E2E_RELEASE"),
    };
    comet = await connectNode(need("E2E_RPC"));
    dao = new BertyDao(comet, contracts);
  });
  afterAll(() => {
    for (const s of signers) s.disconnect();
    comet?.disconnect();
  });

  async function dev(name: string): Promise<DaoSigner> {
    const s = await connectDevKey(need("E2E_RPC"), name, contracts);
    signers.push(s);
    return s;
  }

  it("reads the released release at one height: gates, reports, both colleges passed, the trail head", async () => {
    const releaseId = need("E2E_RELEASE_ID");
    const o = await dao.releaseOverview(releaseId);
    expect(o.release.release_id).toBe(releaseId);
    expect(o.release.status).toBe("released");
    expect(o.gates.candidate.passed && o.gates.audit.passed && o.gates.council.passed).toBe(true);
    expect(o.auditGate.passed).toBe(true);
    expect(o.reports.some((r) => r.counted && r.status !== "no_go")).toBe(true);
    const vote = o.vote!;
    expect(vote.proposal.kind).toBe("release");
    expect(vote.proposal.status).toBe("passed");
    for (const college of ["activists", "technologists"] as const) {
      expect(collegeResult(vote.proposal.tally[college], vote.proposal.rules[college]).passed).toBe(true);
    }
    expect(vote.ballots.length).toBe(vote.proposal.ballots_log.length);
    if (env.E2E_TRAIL_HEAD) expect(o.trailHead.head).toBe(env.E2E_TRAIL_HEAD);
    // the same read at an earlier height answers the state of then
    const before = await dao.releaseOverview(releaseId, o.height - 1);
    expect(before.height).toBe(o.height - 1);
    expect(before.trailHead.length).toBeLessThanOrEqual(o.trailHead.length);
  });

  it("exports the release's bundle at one height, as berty-trail export does through the CLI", async () => {
    // E2E_BUNDLE is the CLI's export (Rust, re-serialized from typed answers) of an earlier
    // height; the release's logs have not moved since, and the members log only grows.
    const cli = JSON.parse(readFileSync(need("E2E_BUNDLE"), "utf8")) as Record<string, unknown> & { members_log: unknown[] };
    const exported = await exportBundle(await dao.at(), need("E2E_CHAIN_ID"), need("E2E_RELEASE_ID"));
    const { members_log, ...rest } = exported;
    const { members_log: cliMembers, ...cliRest } = cli;
    expect(rest).toEqual(cliRest);
    expect(members_log.slice(0, cliMembers.length)).toEqual(cliMembers);
  });

  it("sends a ballot signed with the voter's registered key and reads it back", async () => {
    const proposer = await dev("alice");
    const opened = (await proposer.councilVote.propose({
      title: "client node test",
      description: "A governance proposal the TypeScript client's node test votes on.",
      msgs: [],
    })) as TxResult;
    const proposalId = Number(wasmAttribute(opened, "proposal_id"));
    expect(Number.isSafeInteger(proposalId)).toBe(true);

    const voter = await dev("ana");
    if (!(await keyRegistered(voter))) {
      await voter.membership.registerPubkey({ pubkey: pubkeyBinary(voter.key!) });
    }
    expect(await keyRegistered(voter)).toBe(true);
    const rationale = "Signed through @berty-dao/client.";
    const sent = await castBallot(voter, need("E2E_CHAIN_ID"), { proposalId, vote: "yes", rationale });
    expect(sent.transactionHash).toMatch(/^[0-9A-F]{64}$/);

    const at = await dao.at();
    const ballot = await at.councilVote.ballot({ proposalId, voter: voter.sender });
    expect(ballot).toMatchObject({ proposal_id: proposalId, voter: voter.sender, vote: "yes", rationale, college: "activists" });
    expect(ballot.pubkey).toBe(pubkeyBinary(voter.key!));
    const digest = ballotDigest({ chainId: need("E2E_CHAIN_ID"), contract: contracts.councilVote, proposalId, vote: "yes", rationale });
    expect(fromBase64(ballot.signature!)).toHaveLength(64);
    expect(await verifyDigest(ballot.pubkey!, digest, ballot.signature!)).toBe(true);
    const log = await at.councilVote.ballotLog({ proposalId });
    expect(log.events.at(-1)?.event.data.signature).toBe(ballot.signature);

    // a second ballot by the same voter is refused with the contract's text
    const again = await castBallot(voter, need("E2E_CHAIN_ID"), { proposalId, vote: "no" }).catch((e: unknown) => e);
    expect(contractError(again)).toMatch(/already voted/i);
  });
});
