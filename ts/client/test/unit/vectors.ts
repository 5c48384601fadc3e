// ../shared/vectors/trail-v1.json, read where it sits beside the repository (never copied).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

interface SignatureVector {
  pubkey: string;
  address: string;
  payload: string;
  digest: string;
  signature: string;
}

export interface TrailVectors {
  chain_id: string;
  contracts: { release: string; audit_registry: string; council_vote: string };
  release_log: { key: string; hash_0_text: string; hash_0: string; event_json: string; hash_1: string };
  ballots_log_empty: { key: string; hash_0_text: string; hash_0: string };
  report_signature: SignatureVector;
  ballot_signature: SignatureVector;
}

export function trailVectors(): TrailVectors {
  return JSON.parse(readFileSync(resolve(repoRoot, "../shared/vectors/trail-v1.json"), "utf8")) as TrailVectors;
}
