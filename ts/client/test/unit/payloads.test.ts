import { fromBase64, fromHex, toHex } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import { describe, expect, it } from "vitest";
import {
  addressOf,
  ballotDigest,
  ballotPayloadJson,
  memberKey,
  reportDigest,
  reportPayloadJson,
  sha256Hex,
  signBallot,
  signDigest,
  verifyDigest,
  type BallotPayload,
  type ReportPayload,
} from "../../src/index.ts";
import type { ReportStatus } from "../../src/generated/AuditRegistry.types.ts";
import type { Vote } from "../../src/generated/CouncilVote.types.ts";
import { trailVectors } from "./vectors.ts";

const v = trailVectors();

function reportOf(json: string): ReportPayload {
  const p = JSON.parse(json) as Record<string, string>;
  return {
    chainId: p.chain_id!,
    contract: p.contract!,
    releaseId: p.release_id!,
    status: p.status as ReportStatus,
    reportUri: p.report_uri!,
    reportDigest: p.report_digest!,
  };
}

function ballotOf(json: string): BallotPayload {
  const p = JSON.parse(json) as { chain_id: string; contract: string; proposal_id: number; vote: Vote; rationale: string | null };
  return { chainId: p.chain_id, contract: p.contract, proposalId: p.proposal_id, vote: p.vote, rationale: p.rationale };
}

describe("SPEC 6 signing payloads (../shared/vectors/trail-v1.json)", () => {
  it("writes the report payload byte for byte and its digest", () => {
    const r = v.report_signature;
    const payload = reportOf(r.payload);
    expect(payload.contract).toBe(v.contracts.audit_registry);
    expect(reportPayloadJson(payload)).toBe(r.payload);
    expect(toHex(reportDigest(payload))).toBe(r.digest);
  });

  it("writes the ballot payload byte for byte and its digest", () => {
    const b = v.ballot_signature;
    const payload = ballotOf(b.payload);
    expect(payload.contract).toBe(v.contracts.council_vote);
    expect(ballotPayloadJson(payload)).toBe(b.payload);
    expect(toHex(ballotDigest(payload))).toBe(b.digest);
  });

  it("writes a ballot without rationale with rationale null", () => {
    const payload: BallotPayload = { ...ballotOf(v.ballot_signature.payload), rationale: null };
    expect(ballotPayloadJson(payload)).toBe(
      `{"chain_id":"${v.chain_id}","contract":"${v.contracts.council_vote}","proposal_id":7,"vote":"no","rationale":null}`,
    );
  });

  it("refuses a proposal id that is no u64 JSON number", () => {
    const payload = ballotOf(v.ballot_signature.payload);
    expect(() => ballotPayloadJson({ ...payload, proposalId: -1 })).toThrow(/u64/);
    expect(() => ballotPayloadJson({ ...payload, proposalId: 1.5 })).toThrow(/u64/);
  });

  it("verifies the vectors' signatures with their keys, and their addresses", async () => {
    for (const s of [v.report_signature, v.ballot_signature]) {
      expect(await verifyDigest(s.pubkey, fromHex(s.digest), s.signature)).toBe(true);
      expect(fromBase64(s.signature)).toHaveLength(64);
      expect(addressOf(fromBase64(s.pubkey), "cosmwasm")).toBe(s.address);
    }
  });

  it("rejects a signature of another digest", async () => {
    const b = v.ballot_signature;
    expect(await verifyDigest(b.pubkey, fromHex(v.report_signature.digest), b.signature)).toBe(false);
  });

  it("reproduces the hash_0 texts and the chained hash", () => {
    const { release_log: r, ballots_log_empty: e } = v;
    expect(r.hash_0_text).toBe(`berty-dao/release/v1\n${v.chain_id}\n${v.contracts.release}\n${r.key}`);
    expect(sha256Hex(r.hash_0_text)).toBe(r.hash_0);
    expect(e.hash_0_text).toBe(`berty-dao/ballots/v1\n${v.chain_id}\n${v.contracts.council_vote}\n${e.key}`);
    expect(sha256Hex(e.hash_0_text)).toBe(e.hash_0);
    const chained = new Uint8Array([...fromHex(r.hash_0), ...new TextEncoder().encode(r.event_json)]);
    expect(toHex(sha256(chained))).toBe(r.hash_1);
  });
});

describe("signing with a member key", () => {
  it("signs r || s (64 bytes, low s) that verifies with the compressed key", async () => {
    const key = await memberKey(sha256(new TextEncoder().encode("berty-demo/alice")));
    expect(key.pubkey).toHaveLength(33);
    const payload = ballotOf(v.ballot_signature.payload);
    const signature = await signBallot(key, payload);
    const bytes = fromBase64(signature);
    expect(bytes).toHaveLength(64);
    // low-s: s <= n/2, as cosmwasm's secp256k1_verify requires
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    expect(BigInt(`0x${toHex(bytes.slice(32))}`) <= n / 2n).toBe(true);
    const pubkey = Buffer.from(key.pubkey).toString("base64");
    expect(await verifyDigest(pubkey, ballotDigest(payload), signature)).toBe(true);
    // RFC 6979: the same digest and key give the same signature
    expect(await signDigest(key, ballotDigest(payload))).toBe(signature);
  });

  it("refuses a digest that is not 32 bytes and a key that is not compressed", async () => {
    const key = await memberKey(sha256(new TextEncoder().encode("berty-demo/tom")));
    await expect(signDigest(key, new Uint8Array(31))).rejects.toThrow(/32 bytes/);
    expect(() => addressOf(new Uint8Array(65), "wasm")).toThrow(/33 bytes/);
  });
});
