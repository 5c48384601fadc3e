// The Rust verifier (packages/trail-verifier-wasm) in the page, through its C ABI:
// trail_alloc / trail_free / verify_trail; each answer is a u32 LE length then UTF-8 JSON.

/** What verify_trail answers (the crate's `Answer`). */
export type VerifyAnswer =
  | {
      outcome: "verified";
      version: string;
      release_id: string;
      status: string;
      release_log_head: string;
      release_log_length: number;
      signatures_checked: number;
      artifacts: { file: string; artifact: string; digest: string }[];
      summary: string;
      account: string;
    }
  | { outcome: "failed"; failure: string }
  | { outcome: "unreadable"; error: string };

interface VerifierExports {
  memory: WebAssembly.Memory;
  trail_alloc(len: number): number;
  trail_free(ptr: number, len: number): void;
  verify_trail(bundlePtr: number, bundleLen: number, filesPtr: number, filesLen: number, headPtr: number, headLen: number): number;
}

let module: Promise<VerifierExports> | null = null;

function load(url: string): Promise<VerifierExports> {
  module ??= (async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {});
    return instance.exports as unknown as VerifierExports;
  })();
  return module;
}

function put(ex: VerifierExports, bytes: Uint8Array): [number, number] {
  if (bytes.length === 0) return [0, 0];
  const ptr = ex.trail_alloc(bytes.length);
  new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
  return [ptr, bytes.length];
}

/** Verifies a bundle's bytes, optionally against an expected release log head. */
export async function verifyBundle(url: string, bundle: Uint8Array, trailHead = ""): Promise<VerifyAnswer> {
  const ex = await load(url);
  const [bp, bl] = put(ex, bundle);
  const [hp, hl] = put(ex, new TextEncoder().encode(trailHead));
  const out = ex.verify_trail(bp, bl, 0, 0, hp, hl);
  if (bl) ex.trail_free(bp, bl);
  if (hl) ex.trail_free(hp, hl);
  const len = new DataView(ex.memory.buffer).getUint32(out, true);
  const json = new TextDecoder().decode(new Uint8Array(ex.memory.buffer, out + 4, len));
  ex.trail_free(out, 4 + len);
  return JSON.parse(json) as VerifyAnswer;
}
