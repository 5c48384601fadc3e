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

/** A file the user picked, to be matched against the finalized artifacts' digests. */
export interface ArtifactFile {
  name: string;
  bytes: Uint8Array;
}

/** The crate's files encoding: per file `u32 LE name length, name, u32 LE length, bytes`. */
export function encodeFiles(files: ArtifactFile[]): Uint8Array {
  const names = files.map((f) => new TextEncoder().encode(f.name));
  const out = new Uint8Array(files.reduce((n, f, i) => n + 8 + names[i]!.length + f.bytes.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  files.forEach((f, i) => {
    for (const part of [names[i]!, f.bytes]) {
      view.setUint32(at, part.length, true);
      out.set(part, at + 4);
      at += 4 + part.length;
    }
  });
  return out;
}

/**
 * Verifies a bundle's bytes, optionally against an expected release log head, and matches
 * each artifact file's sha256 with a finalized artifact (`berty-trail verify --artifact`).
 */
export async function verifyBundle(url: string, bundle: Uint8Array, trailHead = "", files: ArtifactFile[] = []): Promise<VerifyAnswer> {
  const ex = await load(url);
  const inputs: [number, number][] = [];
  let out: number;
  try {
    inputs.push(put(ex, bundle), put(ex, encodeFiles(files)), put(ex, new TextEncoder().encode(trailHead)));
    const [[bp, bl], [fp, fl], [hp, hl]] = inputs as [[number, number], [number, number], [number, number]];
    out = ex.verify_trail(bp, bl, fp, fl, hp, hl);
  } catch (e) {
    // a trap (say, out of memory on a large file) leaves the instance unusable: load anew next time
    module = null;
    throw e;
  }
  for (const [ptr, len] of inputs) {
    if (len) ex.trail_free(ptr, len);
  }
  const len = new DataView(ex.memory.buffer).getUint32(out, true);
  const json = new TextDecoder().decode(new Uint8Array(ex.memory.buffer, out + 4, len));
  ex.trail_free(out, 4 + len);
  return JSON.parse(json) as VerifyAnswer;
}
