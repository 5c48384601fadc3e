// What a person does with the dashboard, in a real browser (Debian's chromium through
// playwright-core), against the served page and a running node: see why a release passed,
// verify its trail and the artifact files, catch a tampered bundle, see who takes part,
// propose a release, report on it, cast a vote, sign with Keplr. Every test fails on a console error. Environment (scripts/browser-test.sh):
// DASHBOARD_URL, CHROMIUM, SCREENSHOTS and scripts/e2e.sh's E2E_*.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BertyDao,
  addressOf,
  connectDevKey,
  connectNode,
  devSecret,
  devWallet,
  memberKey,
  reportDigest,
  verifyDigest,
  wasmAttribute,
  type Contracts,
  type TxResult,
} from "@berty-dao/client";
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
    const height = Number((await page.locator("#height").textContent())?.replace("at height ", ""));
    for (const college of ["activists", "technologists"]) {
      const group = page.getByRole("group", { name: `College ${college}` });
      expect(await group.textContent()).toMatch(new RegExp(`^${college}: passed`));
      expect(await group.textContent()).toMatch(/turnout \d+ of \d+ eligible .* vs quorum .*: met/);
    }
    const gates = page.getByRole("table", { name: "Gates" });
    expect(await gates.textContent()).toContain("candidatepassed");
    expect(await gates.getByText("blocked").count()).toBe(0);
    expect(await page.getByRole("table", { name: "Audit reports" }).getByText("counted", { exact: true }).count()).toBeGreaterThan(0);
    // every signature the node answers is checked again in the page
    const { reports, vote } = await dao.releaseOverview(releaseId, height);
    const signedReports = reports.filter((r) => r.signature).length;
    expect(signedReports).toBeGreaterThan(0);
    expect(await page.getByRole("table", { name: "Audit reports" }).getByText("verified", { exact: true }).count()).toBe(signedReports);
    const ballots = page.getByRole("table", { name: `Ballots of proposal ${vote!.proposal.id}` });
    expect(await ballots.getByText("verified", { exact: true }).count()).toBe(vote!.ballots.filter((b) => b.signature).length);
    expect(await page.getByText("INVALID").count()).toBe(0);
    expect(await page.getByText("released", { exact: true }).count()).toBeGreaterThan(0);
    const published = page.getByRole("table", { name: "Publications" });
    expect(await published.locator("tbody tr").count()).toBe(release.publications.length);
    for (const p of release.publications) expect(await published.textContent()).toContain(p.artifact_digest);
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
    // the bundle the page exported and verified, downloaded: what `berty-trail export` wrote
    // through the CLI (the members log may have grown since)
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the bundle" }).click();
    const downloaded = JSON.parse(readFileSync((await (await downloading).path())!, "utf8")) as Record<string, unknown> & { members_log: unknown[] };
    const cli = JSON.parse(readFileSync(need("E2E_BUNDLE"), "utf8")) as Record<string, unknown> & { members_log: unknown[] };
    const { members_log, ...rest } = downloaded;
    const { members_log: cliMembers, ...cliRest } = cli;
    expect(rest).toEqual(cliRest);
    expect(members_log.slice(0, cliMembers.length)).toEqual(cliMembers);
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

  it("takes a release from proposal to released, every step from the page", async () => {
    const addr = async (name: string) => addressOf((await memberKey(devSecret(name))).pubkey, "wasm");
    const [ctr, auditor] = ["carol", "ursula"]; // the demo's CTR, and an auditor with a registered key
    const stamp = Date.now();
    const candidate = createHash("sha256").update(`browser test source ${stamp}`).digest("hex");
    const version = `9.${stamp % 1_000_000}.0`;
    const status = page.getByRole("status");

    await open("/");
    await page.getByLabel("Sign as").selectOption(ctr);
    const propose = page.getByRole("form", { name: "Propose a release (CTR)" });
    await propose.getByLabel("Source archive sha256 (release id)").fill(candidate);
    await propose.getByLabel("Version (semver)").fill(version);
    await propose.getByLabel("Source URI").fill(`ipfs://browser-test-${stamp}`);
    await propose.getByRole("button", { name: "Propose the release" }).click();
    await status.getByText(`propose ${version} as ${ctr}: included in block`).waitFor({ timeout: 60_000 });
    const rows = page.getByRole("table", { name: "Releases, newest first" }).locator("tbody tr");
    await expect.poll(() => rows.first().textContent()).toContain(version); // the newest first (after the re-read)
    if (screenshots) await page.screenshot({ path: join(screenshots, "releases.png"), fullPage: true });
    const listed = rows.filter({ hasText: version });
    expect(await listed.textContent()).toContain("auditing");
    expect((await (await dao.at()).release.release({ releaseId: candidate })).proposer).toBe(await addr(ctr));

    await listed.getByRole("link", { name: version }).click();
    await page.getByRole("heading", { level: 1, name: `Release ${version}` }).waitFor();
    const reportUri = `ipfs://browser-test-report-${stamp}`;
    const digest = createHash("sha256").update(reportUri).digest("hex");
    const send = async (who: string) => {
      await page.getByLabel("Sign as").selectOption(who);
      const form = page.getByRole("form", { name: "Report (auditor)" });
      await form.getByLabel("Report status").selectOption("go");
      await form.getByLabel("Report URI").fill(reportUri);
      await form.getByLabel("Report sha256").fill(digest);
      await form.getByRole("button", { name: "Submit the report" }).click();
    };
    // a CTR is not an auditor: refused, with the registry's own words
    await send(ctr);
    await status.getByText(`report go on ${version} as ${ctr} refused: Unauthorized: ${await addr(ctr)} is not`).waitFor({ timeout: 60_000 });

    await send(auditor);
    await status.getByText(`report go on ${version} as ${auditor}: included in block`).waitFor({ timeout: 60_000 });
    const stored = await (await dao.at()).auditRegistry.report({ releaseId: candidate, auditor: await addr(auditor) });
    expect(stored).toMatchObject({ status: "go", report_uri: reportUri, report_digest: digest, counted: true });
    const payload = { chainId: need("E2E_CHAIN_ID"), contract: contracts.auditRegistry, releaseId: candidate, status: "go" as const, reportUri, reportDigest: digest };
    expect(await verifyDigest(stored.pubkey!, reportDigest(payload), stored.signature!)).toBe(true);
    const row = page.getByRole("table", { name: "Audit reports" }).locator("tbody tr").filter({ hasText: await addr(auditor) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/go.*counted.*verified/);

    // the CTR submits it to the Council; two members of each college vote yes from the page
    const included = (label: string) => status.getByText(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*: included in block`)).waitFor({ timeout: 60_000 });
    await page.getByLabel("Sign as").selectOption(ctr);
    await page.getByRole("button", { name: "Submit for vote (CTR)" }).click();
    await included(`submit ${version} for vote`);
    const proposalId = (await (await dao.at()).release.release({ releaseId: candidate })).proposal_id!;
    const council = page.getByRole("region", { name: "Council vote" });
    for (const voter of ["alice", "amir", "tara", "tom"]) {
      await page.getByLabel("Sign as").selectOption(voter);
      await council.getByRole("button", { name: "Vote yes" }).click();
      await included(`vote yes on proposal ${proposalId} as ${voter}`);
    }
    // (the status line is written before the page's re-read: poll what the page shows)
    await expect.poll(() => council.getByRole("group", { name: "College activists" }).textContent()).toMatch(/^activists: passed/);
    await expect.poll(() => council.getByRole("group", { name: "College technologists" }).textContent()).toMatch(/^technologists: passed/);

    // anyone closes the vote, which delivers the decision; the CTR finalizes the approved release
    await council.getByRole("button", { name: "Close the vote" }).click();
    await included(`close proposal ${proposalId}`);
    expect((await (await dao.at()).release.release({ releaseId: candidate })).status).toBe("approved");
    await page.getByLabel("Sign as").selectOption(ctr);
    const finalize = page.getByRole("form", { name: "Finalize (CTR)" });
    const apk = createHash("sha256").update(`browser test apk ${stamp}`).digest("hex");
    await finalize.getByLabel("Artifact sha256").fill(apk);
    await finalize.getByRole("button", { name: "Finalize" }).click();
    await included(`finalize ${version} as ${ctr}`);
    const released = await (await dao.at()).release.release({ releaseId: candidate });
    expect(released).toMatchObject({ status: "released", artifacts: [{ digest: apk }] });
    await expect.poll(() => page.getByRole("table", { name: "Release", exact: true }).textContent()).toContain("released");

    // and its trail, exported from the node by the page, verifies
    await open(`/trail/${candidate}`);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("region", { name: "Verification" }).getByText(`verified: release ${version} (released)`).waitFor({ timeout: 60_000 });
  });

  it("signs with Keplr when the browser has it: the local chain suggested, a proposal sent", async () => {
    // A stand-in for the extension: window.keplr as Keplr's API, signing in the test with a
    // development key (the page cannot tell it from the extension).
    const wallet = await devWallet("tom");
    const [account] = await wallet.getAccounts();
    const suggested: { chainId?: string; rpc?: string; bech32Config?: { bech32PrefixAccAddr?: string } }[] = [];
    await page.exposeFunction("keplrSuggest", (info: (typeof suggested)[number]) => void suggested.push(info));
    type WireDoc = { bodyBytes: string; authInfoBytes: string; chainId: string; accountNumber: string };
    await page.exposeFunction("keplrSignDirect", async (signer: string, doc: WireDoc) => {
      const b = (x: string) => new Uint8Array(Buffer.from(x, "base64"));
      const { signed, signature } = await wallet.signDirect(signer, { bodyBytes: b(doc.bodyBytes), authInfoBytes: b(doc.authInfoBytes), chainId: doc.chainId, accountNumber: BigInt(doc.accountNumber) });
      const s = (x: Uint8Array) => Buffer.from(x).toString("base64");
      return { signed: { bodyBytes: s(signed.bodyBytes), authInfoBytes: s(signed.authInfoBytes), chainId: signed.chainId, accountNumber: signed.accountNumber.toString() }, signature };
    });
    await context.addInitScript(
      ({ address, pubkey }) => {
        type Doc = { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint };
        const w = window as unknown as {
          keplr: object;
          keplrSuggest(info: object): Promise<void>;
          keplrSignDirect(signer: string, doc: object): Promise<{ signed: { bodyBytes: string; authInfoBytes: string; chainId: string; accountNumber: string }; signature: object }>;
        };
        const enc = (x: Uint8Array) => btoa(String.fromCharCode(...x));
        const dec = (x: string) => Uint8Array.from(atob(x), (c) => c.charCodeAt(0));
        w.keplr = {
          experimentalSuggestChain: (info: object) => w.keplrSuggest(info),
          enable: async () => undefined,
          getOfflineSigner: () => ({
            getAccounts: async () => [{ address, algo: "secp256k1", pubkey: dec(pubkey) }],
            signDirect: async (signer: string, doc: Doc) => {
              const r = await w.keplrSignDirect(signer, { bodyBytes: enc(doc.bodyBytes), authInfoBytes: enc(doc.authInfoBytes), chainId: doc.chainId, accountNumber: doc.accountNumber.toString() });
              return { signed: { bodyBytes: dec(r.signed.bodyBytes), authInfoBytes: dec(r.signed.authInfoBytes), chainId: r.signed.chainId, accountNumber: BigInt(r.signed.accountNumber) }, signature: r.signature };
            },
          }),
        };
      },
      { address: account!.address, pubkey: Buffer.from(account!.pubkey).toString("base64") },
    );

    await open("/proposals");
    await page.getByLabel("Sign as").selectOption("keplr");
    const title = `Signed with Keplr ${Date.now()}`;
    const form = page.getByRole("form", { name: "New governance proposal" });
    await form.getByLabel("Title").fill(title);
    await form.getByRole("button", { name: "Propose" }).click();
    await page.getByRole("status").getByText(`propose "${title}" as keplr: included in block`).waitFor({ timeout: 60_000 });

    expect(suggested).toHaveLength(1);
    expect(suggested[0]).toMatchObject({ chainId: need("E2E_CHAIN_ID"), bech32Config: { bech32PrefixAccAddr: "wasm" } });
    expect(suggested[0]!.rpc).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rpc$/);
    const proposals = await (await dao.at()).proposals();
    expect(proposals.find((p) => p.title === title)).toMatchObject({ kind: "governance", status: "open", proposer: account!.address });
  });

  it("serves dist/ only, and a malformed path does not stop the server", async () => {
    // a sibling folder sharing dist's prefix, and paths that climb out with escaped dots and
    // slashes (URL parsing removes `/../` and `/%2e%2e/` segments, but not `%2e%2e%2f`)
    const sibling = join(dirname(fileURLToPath(import.meta.url)), "..", "dist-sibling-of-the-test");
    mkdirSync(sibling, { recursive: true });
    writeFileSync(join(sibling, "secret.txt"), "not to be served");
    try {
      for (const path of ["%2e%2e%2fdist-sibling-of-the-test%2fsecret.txt", "%2e%2e%2fpackage.json", "%2e%2e%2f%2e%2e%2fclient%2fpackage.json"]) {
        expect((await fetch(`${url}${path}`)).status, path).toBe(404);
      }
    } finally {
      rmSync(sibling, { recursive: true, force: true });
    }
    expect((await fetch(`${url}%E0%A4%A`)).status).toBe(400);
    expect((await fetch(url)).status).toBe(200);
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
    if (screenshots) await page.screenshot({ path: join(screenshots, "proposals.png"), fullPage: true });

    // the same ballot again is refused, with the contract's text
    await page.getByLabel("Sign as").selectOption(voter);
    await section.getByRole("button", { name: "Vote no" }).click();
    await page.getByRole("status").getByText(/refused: .*has already voted on proposal/).waitFor({ timeout: 60_000 });
  });
});
