// Signing with a member's key: a CosmJS wallet of a secret key (the local node's
// development keys: sha256("berty-demo/NAME"), localnet/README.md), the generated execute
// clients over it, and a ballot signed over its SPEC 6 digest.
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import { DirectSecp256k1Wallet, type OfflineSigner } from "@cosmjs/proto-signing";
import { sha256 } from "@cosmjs/crypto";
import { toUtf8 } from "@cosmjs/encoding";
import { cosmjsSigningClient, type SigningOptions, type TxResult } from "./cosmjs.ts";
import { AuditRegistryClient } from "./generated/AuditRegistry.client.ts";
import { CouncilVoteClient } from "./generated/CouncilVote.client.ts";
import type { Vote } from "./generated/CouncilVote.types.ts";
import type { ReportStatus } from "./generated/AuditRegistry.types.ts";
import { MembershipClient } from "./generated/Membership.client.ts";
import { ReleaseClient } from "./generated/Release.client.ts";
import { connectNode } from "./query.ts";
import { memberKey, pubkeyBinary, signBallot, signReport, type MemberKey } from "./keys.ts";
import type { Contracts } from "./overview.ts";

/** The bech32 prefix of wasmd's addresses. */
export const WASM_PREFIX = "wasm";

/** The secret key of a development key of the local node: sha256("berty-demo/NAME"). */
export function devSecret(name: string): Uint8Array {
  return sha256(toUtf8(`berty-demo/${name}`));
}

/** A CosmJS wallet of a development key. */
export function devWallet(name: string, prefix = WASM_PREFIX): Promise<DirectSecp256k1Wallet> {
  return DirectSecp256k1Wallet.fromKey(devSecret(name), prefix);
}

/** The generated execute clients of the four contracts, signed by one account. */
export interface DaoSigner {
  sender: string;
  membership: MembershipClient;
  auditRegistry: AuditRegistryClient;
  councilVote: CouncilVoteClient;
  release: ReleaseClient;
  /** The member key that signs ballots and reports, when known (a development key). */
  key: MemberKey | null;
  disconnect(): void;
}

/** Connects `signer` (its first account) to the node at `rpc`. */
export async function connectSigner(
  rpc: string,
  signer: OfflineSigner,
  contracts: Contracts,
  options: SigningOptions & { key?: MemberKey } = {},
): Promise<DaoSigner> {
  const [account] = await signer.getAccounts();
  if (!account) throw new Error("the signer has no account");
  const cosmjs = SigningCosmWasmClient.createWithSigner(await connectNode(rpc), signer);
  const client = cosmjsSigningClient(cosmjs, options);
  const sender = account.address;
  return {
    sender,
    membership: new MembershipClient(client, sender, contracts.membership),
    auditRegistry: new AuditRegistryClient(client, sender, contracts.auditRegistry),
    councilVote: new CouncilVoteClient(client, sender, contracts.councilVote),
    release: new ReleaseClient(client, sender, contracts.release),
    key: options.key ?? null,
    disconnect: () => cosmjs.disconnect(),
  };
}

/** Connects a development key of the local node; ballots it casts are signed with it. */
export async function connectDevKey(rpc: string, name: string, contracts: Contracts, options: SigningOptions = {}): Promise<DaoSigner> {
  const secret = devSecret(name);
  return connectSigner(rpc, await DirectSecp256k1Wallet.fromKey(secret, WASM_PREFIX), contracts, {
    ...options,
    key: await memberKey(secret),
  });
}

/** A ballot as `castBallot` sends it. */
export interface BallotInput {
  proposalId: number;
  vote: Vote;
  rationale?: string | null;
}

/**
 * Whether to sign a ballot or a report: "auto" signs when the signer's member key is the one
 * registered for its address (the contracts refuse a signature from a sender with no
 * registered key: `MissingPubkey`), "always" signs whenever the signer has a key, "never"
 * sends none.
 */
export type SignBallot = "auto" | "always" | "never";

async function signing(signer: DaoSigner, sign: SignBallot): Promise<MemberKey | null> {
  const key = signer.key;
  return key !== null && (sign === "always" || (sign === "auto" && (await keyRegistered(signer)))) ? key : null;
}

/** Whether the signer's member key is the key registered for its address in membership. */
export async function keyRegistered(signer: DaoSigner): Promise<boolean> {
  if (!signer.key) return false;
  const member = await signer.membership.member({ addr: signer.sender });
  return member.pubkey === pubkeyBinary(signer.key);
}

/**
 * Sends a ballot, signed over its SPEC 6 digest with the signer's member key (see
 * `SignBallot`; the contract checks the signature against the voter's registered key).
 */
export async function castBallot(signer: DaoSigner, chainId: string, ballot: BallotInput, sign: SignBallot = "auto"): Promise<TxResult> {
  const rationale = ballot.rationale ?? null;
  const key = await signing(signer, sign);
  const signature = key
    ? await signBallot(key, { chainId, contract: signer.councilVote.contractAddress, proposalId: ballot.proposalId, vote: ballot.vote, rationale })
    : undefined;
  return (await signer.councilVote.vote({
    proposalId: ballot.proposalId,
    vote: ballot.vote,
    rationale: rationale ?? undefined,
    signature,
  })) as TxResult;
}

/** An audit report as `sendReport` sends it (SPEC 4.2 `submit_report`). */
export interface ReportInput {
  releaseId: string;
  status: ReportStatus;
  reportUri: string;
  /** sha256 of the report document, 64 hex characters. */
  reportDigest: string;
}

/**
 * Submits an audit report, signed over its SPEC 6 digest with the signer's member key (see
 * `SignBallot`; the registry checks the signature against the auditor's registered key).
 */
export async function sendReport(signer: DaoSigner, chainId: string, report: ReportInput, sign: SignBallot = "auto"): Promise<TxResult> {
  const key = await signing(signer, sign);
  const signature = key ? await signReport(key, { chainId, contract: signer.auditRegistry.contractAddress, ...report }) : undefined;
  return (await signer.auditRegistry.submitReport({ ...report, signature })) as TxResult;
}
