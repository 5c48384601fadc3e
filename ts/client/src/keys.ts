// Signing helpers for a member's registered key (SPEC 3): a 33-byte compressed secp256k1
// key whose address is ripemd160(sha256(key)); reports and ballots are signed over their
// canonical digest (payloads.ts) with the 64-byte r ‖ s signature the contracts verify.
import { ripemd160, Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBase64, toBase64, toBech32, toUtf8 } from "@cosmjs/encoding";
import { ballotDigest, reportDigest, type BallotPayload, type ReportPayload } from "./payloads.ts";

/** A member's secp256k1 key pair, the public key compressed (33 bytes). */
export interface MemberKey {
  readonly privkey: Uint8Array;
  readonly pubkey: Uint8Array;
}

/** The key pair of a 32-byte secret key. */
export async function memberKey(privkey: Uint8Array): Promise<MemberKey> {
  const { pubkey } = await Secp256k1.makeKeypair(privkey);
  return { privkey, pubkey: Secp256k1.compressPubkey(pubkey) };
}

/** The key of the demo's seeds: secret key = sha256("berty-demo/<name>") (localnet, demo). */
export function demoKey(name: string): Promise<MemberKey> {
  return memberKey(sha256(toUtf8(`berty-demo/${name}`)));
}

/** The address of a compressed public key: bech32(prefix, ripemd160(sha256(pubkey))). */
export function addressOf(pubkey: Uint8Array, prefix: string): string {
  if (pubkey.length !== 33) throw new Error(`a registered key is 33 bytes (compressed secp256k1), not ${pubkey.length}`);
  return toBech32(prefix, ripemd160(sha256(pubkey)));
}

/** The 64-byte r ‖ s signature of a 32-byte digest, base64 (a `Binary` for a message). */
export async function signDigest(key: MemberKey, digest: Uint8Array): Promise<string> {
  if (digest.length !== 32) throw new Error(`a digest is 32 bytes, not ${digest.length}`);
  const signature = await Secp256k1.createSignature(digest, key.privkey);
  return toBase64(new Uint8Array([...signature.r(32), ...signature.s(32)]));
}

/** Whether a base64 r ‖ s signature of `digest` verifies with the base64 compressed `pubkey`. */
export async function verifyDigest(pubkey: string, digest: Uint8Array, signature: string): Promise<boolean> {
  const bytes = fromBase64(signature);
  if (bytes.length !== 64) return false;
  return Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(bytes), digest, fromBase64(pubkey));
}

/** The signature of a report (what `submit_report`'s `signature` carries). */
export function signReport(key: MemberKey, payload: ReportPayload): Promise<string> {
  return signDigest(key, reportDigest(payload));
}

/** The signature of a ballot (what `vote`'s `signature` carries). */
export function signBallot(key: MemberKey, payload: BallotPayload): Promise<string> {
  return signDigest(key, ballotDigest(payload));
}

/** The key as `register_pubkey` takes it (base64 `Binary`). */
export function pubkeyBinary(key: MemberKey): string {
  return toBase64(key.pubkey);
}
