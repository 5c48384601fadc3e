// What a person does with the dashboard, in a real browser (Debian's chromium through
// playwright-core), against the served page and a running node: see why a release passed,
// verify its trail and the artifact files, catch a tampered bundle, see who takes part, cast a
// vote. Every test fails on a console error. Environment (scripts/browser-test.sh):
// DASHBOARD_URL, CHROMIUM, SCREENSHOTS and scripts/e2e.sh's E2E_*.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BertyDao, connectDevKey, connectNode, devSecret, memberKey, addressOf, wasmAttribute, type Contracts, type TxResult } from "@berty-dao/client";
import type { CometClient } from "@cosmjs/tendermint-rpc";

const env = process.env;
function need(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (scripts/browser-test.sh sets it)`);
  return value;
}

const url = env.DASHBOARD_URL ?? "";
const screenshots = env.SCREENSHOTS ?? "";

describe.skipIf(!url)("the dashboard in chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let comet: CometClient;
  let dao: BertyDao;
  let contracts: Contracts;
  const releaseId = env.E2E_RELEASE_ID ?? "";

  beforeAll(async () => {
    contracts = {
      membership: need("E2E_MEMBERSHIP"),
      auditRegistry: need("E2E_AUDIT_REGISTRY"),
      councilVote: need("E2E_COUNCIL_VOTE"),
      release: need("E2E_RELEASE"),
    };
    comet = await connectNode(need("E2E_RPC"));
    dao = new BertyDao(comet, contracts);
    browser = await chromium.launch({ executablePath: env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    comet?.disconnect();
  });

  beforeEach(async () => {
    errors = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  });
  afterEach(async () => {
    await context?.close();
    expect(errors, "console errors").toEqual([]);
  });

  async function open(hash: string): Promise<void> {
    await page.goto(`${url}#${hash}`);
    await page.locator("body[data-ready=true]").waitFor({ timeout: 30_000 });
  }

  it("shows the released release: gates, reports and both colleges passed", async () => {
    const { release } = await dao.releaseOverview(releaseId);
    await open(`/release/${releaseId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Release ${release.version}`);
    for (const college of ["activists", "technologists"]) {
      const group = page.getByRole("group", { name: `College ${college}` });
      expect(await group.textContent()).toMatch(new RegExp(`^${college}: passed`));
      expect(await group.textContent()).toMatch(/turnout \d+ of \d+ eligible .* vs quorum .*: met/);
    }
    const gates = page.getByRole("table", { name: "Gates" });
    expect(await gates.textContent()).toContain("candidatepassed");
    expect(await gates.getByText("blocked").count()).toBe(0);
    expect(await page.getByRole("table", { name: "Audit reports" }).getByText("counted", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText("released", { exact: true }).count()).toBeGreaterThan(0);
    if (screenshots) await page.screenshot({ path: join(screenshots, "release.png"), fullPage: true });
  });

  it("verifies the release's trail in the page with the Rust verifier", async () => {
    const { release } = await dao.releaseOverview(releaseId);
    await open(`/trail/${releaseId}`);
    await page.getByRole("button", { name: "Verify" }).click();
    const result = page.getByRole("region", { name: "Verification" });
    await result.getByText(/^verified: release /).waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`verified: release ${release.version} (released)`);
    expect(await result.textContent()).toContain("against the node's trail head");
  });

  it("checks downloaded artifact files against the finalized digests", async () => {
    const files = need("E2E_ARTIFACTS").split(":");
    const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    await open(`/trail/${releaseId}`);
    const result = page.getByRole("region", { name: "Verification" });
    await page.getByLabel("Artifact files", { exact: true }).setInputFiles(files);
    await page.getByRole("button", { name: "Verify" }).click();
    await result.getByText(/^verified: release /).waitFor({ timeout: 60_000 });
    const checked = result.getByRole("table", { name: "Artifact files checked" }).locator("tbody tr");
    expect(await checked.count()).toBe(files.length);
    for (const file of files) {
      const row = checked.filter({ hasText: basename(file) });
      expect(await row.textContent()).toContain(sha256(readFileSync(file)));
    }
    if (screenshots) await page.screenshot({ path: join(screenshots, "verify.png"), fullPage: true });

    // a file that is not what was finalized fails, naming it and its digest
    const forged = Buffer.from("not the apk the Council approved");
    await page.getByLabel("Artifact files", { exact: true }).setInputFiles({ name: "berty-2.500.0.apk", mimeType: "application/octet-stream", buffer: forged });
    await page.getByRole("button", { name: "Verify" }).click();
    await result.getByText(/^FAILED: /).waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`FAILED: artifact file berty-2.500.0.apk: sha256 ${sha256(forged)} is not the digest of a finalized artifact`);
  });

  it("shows each council member's participation in the last proposals", async () => {
    await open("/members");
    const height = Number((await page.locator("#height").textContent())?.replace("at height ", ""));
    const { activists, technologists, participation } = await dao.membersOverview(height);
    expect(participation.map((p) => p.addr).sort()).toEqual([...activists, ...technologists].map((m) => m.addr).sort());
    expect(participation.some((p) => p.voted > 0)).toBe(true);
    for (const p of participation) {
      const table = page.getByRole("table", { name: `Council: ${p.college}` });
      const row = table.locator("tbody tr").filter({ hasText: p.addr });
      expect(await row.textContent()).toContain(p.window === 0 ? "no proposal since seated" : `voted ${p.voted} of ${p.window} (`);
    }
    if (screenshots) await page.screenshot({ path: join(screenshots, "members.png"), fullPage: true });
  });

  it("names the changed event of a tampered bundle dropped in", async () => {
    const bundle = JSON.parse(readFileSync(need("E2E_BUNDLE"), "utf8")) as {
      votes: { proposal: { id: number }; ballots_log: { event: { seq: number; data: { vote: string } } }[] }[];
    };
    const vote = bundle.votes[0]!;
    const entry = vote.ballots_log[vote.ballots_log.length - 1]!;
    entry.event.data.vote = entry.event.data.vote === "yes" ? "no" : "yes";
    await open("/trail");
    await page.getByLabel("Bundle file").setInputFiles({ name: "tampered.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bundle)) });
    const result = page.getByRole("region", { name: "Verification" });
    await result.getByText(/^FAILED: /).waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`FAILED: ballots log of proposal ${vote.proposal.id}, seq ${entry.event.seq}: hash`);
  });

  it("casts a ballot from the page with a development key, visible through the package", async () => {
    // a council member opens a governance proposal through the package
    const proposer = await connectDevKey(need("E2E_RPC"), "theo", contracts);
    const title = `Browser test ${Date.now()}`;
    const opened = (await proposer.councilVote.propose({ title, description: "opened by the browser test", msgs: [] })) as TxResult;
    proposer.disconnect();
    const proposalId = Number(wasmAttribute(opened, "proposal_id"));
    const voter = "tara";
    const voterAddr = addressOf((await memberKey(devSecret(voter))).pubkey, "wasm");

    await open("/proposals");
    await page.getByLabel("Sign as").selectOption(voter);
    const section = page.getByRole("region", { name: `Open governance proposal "${title}"` });
    await section.getByLabel(`Rationale for proposal ${proposalId}`).fill("cast from the dashboard");
    await section.getByRole("button", { name: "Vote yes" }).click();
    await page.getByRole("status").getByText(/included in block/).waitFor({ timeout: 60_000 });

    const ballot = await (await dao.at()).councilVote.ballot({ proposalId, voter: voterAddr });
    expect(ballot).toMatchObject({ proposal_id: proposalId, voter: voterAddr, vote: "yes", rationale: "cast from the dashboard", college: "technologists" });
    // the page shows it after its re-read
    await section.getByRole("table", { name: `Ballots of proposal ${proposalId}` }).getByText(voterAddr).waitFor();

    // the same ballot again is refused, with the contract's text
    await page.getByLabel("Sign as").selectOption(voter);
    await section.getByRole("button", { name: "Vote no" }).click();
    await page.getByRole("status").getByText(/refused: .*has already voted on proposal/).waitFor({ timeout: 60_000 });
  });
});
