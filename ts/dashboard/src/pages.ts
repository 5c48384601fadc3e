// The pages. Each reads what it shows at one block height (the client's BertyDao), then
// renders; the actions re-render the page after their transaction.
import {
  BertyDao,
  collegeResult,
  exportBundle,
  optionalDate,
  timestampToDate,
  type CouncilVoteTypes,
  type MembershipTypes,
  type ReleaseOverview,
  type VoteOverview,
} from "@berty-dao/client";
import { act, ballot, signer } from "./tx.ts";
import { finalizeForm, governanceProposalForm, proposeReleaseForm, reportForm } from "./forms.ts";
import type { DashboardConfig } from "./config.ts";
import { h, percent, short, table } from "./dom.ts";
import { verifyBundle, type VerifyAnswer } from "./verifier.ts";
import { ballotSignature, reportSignature } from "./signatures.ts";

export interface Ctx {
  config: DashboardConfig;
  dao: BertyDao;
  /** The development key chosen in the header. */
  signerName(): string;
  /** Re-renders the current page. */
  refresh(): Promise<void>;
  showHeight(height: number): void;
}

const dateText = (nanos: string | null | undefined) => optionalDate(nanos)?.toISOString().replace(".000Z", "Z") ?? "—";

function roleText(role: MembershipTypes.Role | null | undefined): string {
  if (!role) return "none";
  if (typeof role === "string") return role === "core_team_rep" ? "CTR" : role;
  return `council (${role.council.college})`;
}

// ---- releases ------------------------------------------------------------------------

export async function releasesPage(ctx: Ctx): Promise<Node> {
  const { height, releases } = await ctx.dao.releasesOverview();
  ctx.showHeight(height);
  return h(
    "section",
    {},
    h("h1", {}, "Releases"),
    releases.length === 0
      ? h("p", {}, "No release yet.")
      : table(
          ["Version", "Status", "Proposed", "Release id (source sha256)"],
          releases.map((r) => [
            h("a", { href: `#/release/${r.release_id}` }, r.version),
            h("span", { class: r.status === "released" ? "passed" : r.status === "withdrawn" ? "failed" : "" }, r.status),
            dateText(r.proposed_at),
            h("code", {}, r.release_id),
          ]),
          "Releases, newest first",
        ),
    proposeReleaseForm(ctx),
  );
}

// ---- one release -----------------------------------------------------------------------

function gateRow(name: string, g: { passed: boolean; blockers: string[] }) {
  return [name, h("span", { class: g.passed ? "passed" : "failed" }, g.passed ? "passed" : "blocked"), g.blockers.length ? h("ul", {}, g.blockers.map((b) => h("li", {}, b))) : "—"];
}

export async function voteSection(ctx: Ctx, vote: VoteOverview, heading: string): Promise<HTMLElement> {
  const p = vote.proposal;
  const colleges = (["activists", "technologists"] as const).map((college) => {
    const r = collegeResult(p.tally[college], p.rules[college]);
    const verdict = r.passed ? "passed" : p.status === "open" ? "not yet" : "failed";
    return h(
      "div",
      { class: "college", "data-college": college, role: "group", "aria-label": `College ${college}` },
      h("strong", {}, `${college}: `),
      h("span", { class: r.passed ? "passed" : "failed" }, verdict),
      h(
        "p",
        {},
        `turnout ${r.voted} of ${r.eligible} eligible (${percent(r.turnout)}) vs quorum ${percent(r.quorum)}: ${r.turnoutMet ? "met" : "not met"}; `,
        `yes ${r.yes}, no ${r.no}, abstain ${r.abstain}: yes share ${percent(r.yesShare)} vs threshold ${percent(r.threshold)}: ${r.approvalMet ? "met" : "not met"}`,
      ),
    );
  });
  const ballots = table(
    ["Voter", "College", "Vote", "Rationale", "Signature"],
    await Promise.all(
      vote.ballots.map(async (b) => [h("code", { title: b.voter }, b.voter), b.college, h("strong", {}, b.vote), b.rationale ?? "—", await ballotSignature(ctx.config, b)]),
    ),
    `Ballots of proposal ${p.id}`,
  );
  return h(
    "section",
    { "aria-label": heading },
    h("h2", {}, `${heading}: proposal ${p.id}`),
    h(
      "p",
      {},
      "Status ",
      h("strong", { class: p.status === "passed" || p.status === "executed" ? "passed" : p.status === "open" ? "" : "failed" }, p.status),
      p.rejection ? ` (${p.rejection.reason.replace(/_/g, " ")} in ${p.rejection.college})` : "",
      `; snapshot at height ${p.snapshot_height}; deadline ${dateText(p.deadline)}`,
      p.closed ? "; closed" : "",
    ),
    colleges,
    h("h3", {}, "Ballots"),
    vote.ballots.length ? ballots : h("p", {}, "No ballot yet."),
    voteActions(ctx, p),
  );
}

function voteActions(ctx: Ctx, p: CouncilVoteTypes.ProposalResponse): HTMLElement {
  const rationale = h("input", { type: "text", "aria-label": `Rationale for proposal ${p.id}`, placeholder: "rationale (optional)" });
  const vote = (choice: CouncilVoteTypes.Vote) => () =>
    act(
      `vote ${choice} on proposal ${p.id} as ${ctx.signerName()}`,
      () => ballot(ctx.config, ctx.signerName(), { proposalId: p.id, vote: choice, rationale: rationale.value || null }),
      ctx.refresh,
    );
  const buttons: HTMLElement[] = [];
  if (p.status === "open") {
    buttons.push(rationale, h("button", { onclick: vote("yes") }, "Vote yes"), h("button", { onclick: vote("no") }, "Vote no"), h("button", { onclick: vote("abstain") }, "Abstain"));
  }
  if (!p.closed && p.kind === "release") {
    buttons.push(
      h(
        "button",
        { onclick: () => act(`close proposal ${p.id}`, async () => (await signer(ctx.config, ctx.signerName())).councilVote.close({ proposalId: p.id }), ctx.refresh) },
        "Close the vote",
      ),
    );
  }
  if (p.kind === "governance" && p.status === "passed") {
    buttons.push(
      h(
        "button",
        { onclick: () => act(`execute proposal ${p.id}`, async () => (await signer(ctx.config, ctx.signerName())).councilVote.execute({ proposalId: p.id }), ctx.refresh) },
        "Execute",
      ),
    );
  }
  return h("div", { class: "actions" }, buttons);
}

export async function releasePage(ctx: Ctx, releaseId: string): Promise<Node> {
  const o = await ctx.dao.releaseOverview(releaseId);
  ctx.showHeight(o.height);
  const r = o.release;
  const reports = table(
    ["Auditor", "Status", "Counted", "Report", "Signature", "Time"],
    await Promise.all(
      o.reports.map(async (x) => [
        h("code", { title: x.auditor }, x.auditor),
        x.status,
        x.counted ? h("span", { class: "passed" }, "counted") : h("span", { class: "failed" }, `not counted: ${o.notCounted[x.auditor] ?? "its auditor is not active"}`),
        h("a", { href: x.report_uri }, x.report_uri),
        await reportSignature(ctx.config, x),
        timestampToDate(x.time).toISOString(),
      ]),
    ),
    "Audit reports",
  );
  const actions: HTMLElement[] = [];
  if (r.status === "auditing") {
    actions.push(
      h(
        "button",
        { onclick: () => act(`submit ${r.version} for vote`, async () => (await signer(ctx.config, ctx.signerName())).release.submitForVote({ releaseId }), ctx.refresh) },
        "Submit for vote (CTR)",
      ),
    );
  }
  return h(
    "article",
    {},
    h("h1", {}, `Release ${r.version}`),
    table(
      ["", ""],
      [
        ["Status", h("strong", { class: r.status === "released" ? "passed" : "" }, r.status)],
        ["Source id (sha256)", h("code", {}, r.release_id)],
        ["Source", h("a", { href: r.source_uri }, r.source_uri)],
        ["Commit", r.commit ?? "—"],
        ["Proposed by (CTR)", h("code", {}, r.proposer)],
        ["Proposed at", dateText(r.proposed_at)],
        ["Released at", dateText(r.released_at)],
        ["Trail", h("span", {}, `${o.trailHead.length} events, head `, h("code", {}, o.trailHead.head), " ", h("a", { href: `#/trail/${r.release_id}` }, "verify"))],
      ],
      "Release",
    ),
    h("section", { "aria-label": "Gates" }, h("h2", {}, "Gates"), table(["Gate", "State", "Blockers"], [gateRow("candidate", o.gates.candidate), gateRow("audit", o.gates.audit), gateRow("council", o.gates.council)], "Gates")),
    h(
      "section",
      { "aria-label": "Reports" },
      h("h2", {}, "Audit reports"),
      h("p", {}, `Audit gate ${o.auditGate.passed ? "passed" : "blocked"}: ${o.auditGate.positive.length} positive, ${o.auditGate.blocking.length} blocking, ${o.auditGate.not_counted.length} not counted; reports log ${o.auditGate.reports_log.length} events.`),
      o.reports.length ? reports : h("p", {}, "No report yet."),
    ),
    o.vote ? await voteSection(ctx, o.vote, "Council vote") : h("section", {}, h("h2", {}, "Council vote"), h("p", {}, "Not submitted to the Council yet.")),
    h(
      "section",
      { "aria-label": "Artifacts" },
      h("h2", {}, "Artifacts"),
      r.artifacts.length
        ? table(["Name", "Platform", "sha256", "URI"], r.artifacts.map((a) => [a.name, a.platform, h("code", {}, a.digest), h("a", { href: a.uri }, a.uri)]), "Artifacts")
        : h("p", {}, "Not finalized yet."),
      r.build ? h("p", {}, `Built by ${r.build.builder}`) : null,
    ),
    h(
      "section",
      { "aria-label": "Publications" },
      h("h2", {}, "Publications"),
      r.publications.length
        ? table(["Channel", "Artifact", "Listing", "Publisher", "Time"], r.publications.map((p) => [p.channel, h("code", {}, p.artifact_digest), p.listing_uri ?? "—", h("code", {}, short(p.publisher)), dateText(p.time)]), "Publications")
        : h("p", {}, "No publication yet."),
    ),
    h("div", { class: "actions" }, actions),
    r.status === "auditing" ? reportForm(ctx, o) : null,
    r.status === "approved" ? finalizeForm(ctx, o) : null,
  );
}

// ---- proposals -----------------------------------------------------------------------------

export async function proposalsPage(ctx: Ctx): Promise<Node> {
  const at = await ctx.dao.at();
  ctx.showHeight(at.height);
  const proposals = await at.proposals();
  const open = proposals.filter((p) => p.status === "open");
  const votes = await Promise.all(open.map((p) => at.vote(p.id)));
  return h(
    "section",
    {},
    h("h1", {}, "Proposals"),
    table(
      ["Id", "Kind", "Title", "Status", "Proposer", "Opened"],
      proposals.map((p) => [String(p.id), p.kind, p.release_id ? h("a", { href: `#/release/${p.release_id}` }, p.title) : p.title, p.status, h("code", {}, short(p.proposer)), dateText(p.opened_at)]),
      "Proposals",
    ),
    await Promise.all(votes.map((v) => voteSection(ctx, v, `Open ${v.proposal.kind} proposal "${v.proposal.title}"`))),
    governanceProposalForm(ctx),
  );
}

// ---- members -------------------------------------------------------------------------------

export async function membersPage(ctx: Ctx): Promise<Node> {
  const m = await ctx.dao.membersOverview();
  ctx.showHeight(m.height);
  const participation = new Map(m.participation.map((p) => [p.addr, p]));
  // council-vote counts the last 10 proposals, each only for members seated before it opened
  const participationText = (addr: string) => {
    const p = participation.get(addr);
    if (!p) return "—";
    if (p.window === 0) return "no proposal since seated";
    return `voted ${p.voted} of ${p.window} (${percent(p.voted / p.window)}), from proposal ${p.first_proposal ?? "?"}`;
  };
  const list = (title: string, members: MembershipTypes.MemberResponse[], council = false) =>
    h(
      "section",
      { "aria-label": title },
      h("h2", {}, `${title} (${members.length})`),
      table(
        ["Address", "Role", "Registered key", ...(council ? ["Participation (last 10 proposals)"] : [])],
        members.map((x) => [h("code", {}, x.addr), roleText(x.role), x.pubkey ? h("code", {}, x.pubkey) : "—", ...(council ? [participationText(x.addr)] : [])]),
        title,
      ),
    );
  return h(
    "section",
    {},
    h("h1", {}, "Members"),
    h("p", {}, `activists ${m.counts.activists}, technologists ${m.counts.technologists}, CTRs ${m.counts.core_team_reps}, auditors ${m.counts.auditors}; members log ${m.membersLog.length} events`),
    list("Council: activists", m.activists, true),
    list("Council: technologists", m.technologists, true),
    list("Core Team Representatives", m.coreTeamReps),
    h(
      "section",
      { "aria-label": "Official auditors" },
      h("h2", {}, `Official auditors (${m.auditors.length})`),
      table(
        ["Address", "Bond", "Unbonding", "Barred", "Registered key"],
        m.auditors.map((a) => [
          h("code", {}, a.member.addr),
          a.stake ? `${a.stake.bonded}${a.stake.locked ? " (locked)" : ""}` : "whitelisted",
          a.stake ? a.stake.unbonding.map((u) => `${u.amount} at ${dateText(u.release_at)}`).join(", ") || "—" : "—",
          a.member.barred ? "barred" : "no",
          a.member.pubkey ? h("code", {}, a.member.pubkey) : "—",
        ]),
        "Official auditors",
      ),
    ),
  );
}

// ---- trail -----------------------------------------------------------------------------------

function answerView(answer: VerifyAnswer, source: string): HTMLElement {
  switch (answer.outcome) {
    case "verified":
      return h(
        "div",
        { "aria-label": "Verification result" },
        h("p", { class: "verified" }, `verified: release ${answer.version} (${answer.status}), ${answer.release_log_length} release log events, ${answer.signatures_checked} signatures checked`),
        h("p", {}, "Source: ", source, "; release log head ", h("code", {}, answer.release_log_head)),
        answer.artifacts.length
          ? table(
              ["File", "Finalized artifact", "sha256"],
              answer.artifacts.map((a) => [a.file, a.artifact, h("code", {}, a.digest)]),
              "Artifact files checked",
            )
          : h("p", {}, "No artifact file given: pick the files you downloaded to check their digests."),
        h("pre", { class: "account" }, answer.summary),
        h("details", {}, h("summary", {}, "The whole account"), h("pre", { class: "account" }, answer.account)),
      );
    case "failed":
      return h("div", { "aria-label": "Verification result" }, h("p", { class: "failed" }, `FAILED: ${answer.failure}`), h("p", {}, "Source: ", source));
    case "unreadable":
      return h("div", { "aria-label": "Verification result" }, h("p", { class: "failed" }, `unreadable: ${answer.error}`), h("p", {}, "Source: ", source));
  }
}

export async function trailPage(ctx: Ctx, releaseId: string | null): Promise<Node> {
  const result = h("div", { id: "verify-result", role: "region", "aria-label": "Verification" });
  let events: Node = h("p", {}, "Pick a release on the releases page to see its trail from the node.");
  let fromNode: { text: string; bytes: Uint8Array; head: string; height: number; version: string } | null = null;
  if (releaseId) {
    // the whole bundle, every log from seq 0, read at one height: what the page shows and verifies
    const at = await ctx.dao.at();
    ctx.showHeight(at.height);
    const [bundle, head] = await Promise.all([exportBundle(at, ctx.config.chainId, releaseId), at.release.trailHead({ releaseId })]);
    const text = JSON.stringify(bundle);
    fromNode = { text, bytes: new TextEncoder().encode(text), head: head.head, height: at.height, version: bundle.release.version };
    events = table(
      ["Seq", "Height", "Time", "Kind", "Actor", "Hash"],
      bundle.release_log.map((e) => [String(e.event.seq), String(e.event.height), dateText(e.event.time), e.event.kind, h("code", {}, short(e.event.actor)), h("code", {}, e.hash)]),
      "Release log",
    );
  }
  const artifactFiles = h("input", { type: "file", multiple: true, "aria-label": "Artifact files" });
  const run = async (bytes: Uint8Array, source: string, head: string) => {
    result.replaceChildren(h("p", {}, "verifying…"));
    try {
      const files = await Promise.all([...(artifactFiles.files ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      result.replaceChildren(answerView(await verifyBundle(ctx.config.verifierUrl, bytes, head, files), source));
    } catch (e) {
      result.replaceChildren(h("p", { class: "failed" }, `the verifier could not run: ${e instanceof Error ? e.message : String(e)}`));
    }
  };
  const file = h("input", {
    type: "file",
    accept: ".json,application/json",
    "aria-label": "Bundle file",
    onchange: (e: Event) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) void f.arrayBuffer().then((b) => run(new Uint8Array(b), `file ${f.name}`, ""));
    },
  });
  const bundleUrl = ctx.config.bundleUrl;
  const verifyButton = fromNode
    ? h(
        "span",
        { class: "actions" },
        h("button", { onclick: () => run(fromNode.bytes, `the bundle exported from the node at height ${fromNode.height}, against the node's trail head`, fromNode.head) }, "Verify"),
        h(
          "a",
          {
            href: "#",
            download: `berty-trail-${fromNode.version}.json`,
            // the object URL lives for one click, not for every render of the page
            onclick: (e: Event) => {
              const link = e.currentTarget as HTMLAnchorElement;
              link.href = URL.createObjectURL(new Blob([fromNode.text], { type: "application/json" }));
              setTimeout(() => URL.revokeObjectURL(link.href), 0);
            },
          },
          "Download the bundle",
        ),
      )
    : bundleUrl
      ? h(
          "button",
          {
            onclick: async () => {
              const response = await fetch(bundleUrl, { cache: "no-store" });
              if (!response.ok) {
                result.replaceChildren(h("p", { class: "failed" }, `${bundleUrl}: HTTP ${response.status}`));
                return;
              }
              await run(new Uint8Array(await response.arrayBuffer()), `the server's bundle (${bundleUrl})`, "");
            },
          },
          "Verify the server's bundle",
        )
      : h("p", {}, "Drop a bundle in, or pick a release to verify its trail from the node.");
  const dropped = async (e: Event) => {
    e.preventDefault();
    const f = (e as DragEvent).dataTransfer?.files[0];
    if (f) await run(new Uint8Array(await f.arrayBuffer()), `file ${f.name}`, "");
  };
  return h(
    "section",
    { ondragover: (e: Event) => e.preventDefault(), ondrop: (e: Event) => void dropped(e) },
    h("h1", {}, releaseId ? "Trail of the release" : "Verify a trail"),
    h("p", {}, "The check runs the Rust verifier (berty-trail verify) compiled to WebAssembly, in this page: hash chains, cross-commitments, signatures, the members log replayed, every tally re-derived. Artifact files you pick are hashed in the page and must each be a finalized artifact of the release."),
    h("div", { class: "actions" }, h("label", {}, "Artifact files to check (optional): ", artifactFiles)),
    h("div", { class: "actions" }, verifyButton, h("label", {}, "Or a bundle file (or drop one on this page): ", file)),
    result,
    h("h2", {}, "Release log on the node"),
    events,
  );
}
