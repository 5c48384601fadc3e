// src/generated/ is what scripts/codegen.mjs writes from the committed schemas: regenerate
// into a temporary folder and compare file by file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const out = mkdtempSync(join(tmpdir(), "berty-codegen-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("codegen drift", () => {
  it("src/generated/ is the codegen of ../../schema (else: npm run codegen -w ts/client)", () => {
    // vitest sets NODE_ENV=test, under which ts-codegen writes "@latest" in each header
    const env = { ...process.env, NODE_ENV: "production" };
    execFileSync(process.execPath, [join(pkg, "scripts/codegen.mjs"), out], { stdio: "pipe", env });
    const committed = join(pkg, "src/generated");
    expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort());
    for (const file of readdirSync(out)) {
      expect(readFileSync(join(committed, file), "utf8"), `src/generated/${file}`).toBe(readFileSync(join(out, file), "utf8"));
    }
  });
});
