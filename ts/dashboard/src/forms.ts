// The forms that write to the DAO from the page, each signed by the key chosen in the header:
// a CTR proposes a release, an auditor reports on it (signed with its registered key), a
// CTR finalizes an approved one, a member opens a governance proposal. The contracts decide who may; a refusal shows their text.
import type { AuditRegistryTypes, ReleaseOverview } from "@berty-dao/client";
import { act, report, signer } from "./tx.ts";
import { h } from "./dom.ts";
import type { Ctx } from "./pages.ts";

function field(label: string, value = "", required = true): HTMLInputElement {
  return h("input", { type: "text", "aria-label": label, placeholder: label, value, required });
}

function form(ctx: Ctx, label: string, send: () => { what: string; run: () => Promise<unknown> }, ...controls: HTMLElement[]): HTMLFormElement {
  return h(
    "form",
    {
      class: "inline",
      "aria-label": label,
      onsubmit: (e: Event) => {
        e.preventDefault();
        const { what, run } = send();
        void act(`${what} as ${ctx.signerName()}`, run, ctx.refresh);
      },
    },
    h("h3", {}, label),
    ...controls,
  );
}

/** A CTR proposes a release: the source archive's sha256 is its id (SPEC 4.4 `propose`). */
export function proposeReleaseForm(ctx: Ctx): HTMLElement {
  const releaseId = field("Source archive sha256 (release id)");
  const version = field("Version (semver)");
  const sourceUri = field("Source URI");
  const commit = field("Commit (optional)", "", false);
  return form(
    ctx,
    "Propose a release (CTR)",
    () => ({
      what: `propose ${version.value}`,
      run: async () =>
        (await signer(ctx.config, ctx.signerName())).release.propose({
          releaseId: releaseId.value.trim(),
          version: version.value.trim(),
          sourceUri: sourceUri.value.trim(),
          commit: commit.value.trim() || undefined,
        }),
    }),
    releaseId,
    version,
    sourceUri,
    commit,
    h("button", { type: "submit" }, "Propose the release"),
  );
}

/** An auditor's report on a release under audit, signed when its key is registered. */
export function reportForm(ctx: Ctx, o: ReleaseOverview): HTMLElement {
  const statuses: AuditRegistryTypes.ReportStatus[] = ["go", "go_with_warnings", "no_go"];
  const status = h("select", { "aria-label": "Report status" }, statuses.map((s) => h("option", { value: s }, s)));
  const reportUri = field("Report URI");
  const reportDigest = field("Report sha256");
  return form(
    ctx,
    "Report (auditor)",
    () => ({
      what: `report ${status.value} on ${o.release.version}`,
      run: () =>
        report(ctx.config, ctx.signerName(), {
          releaseId: o.release.release_id,
          status: status.value as AuditRegistryTypes.ReportStatus,
          reportUri: reportUri.value.trim(),
          reportDigest: reportDigest.value.trim(),
        }),
    }),
    status,
    reportUri,
    reportDigest,
    h("button", { type: "submit" }, "Submit the report"),
  );
}

/** A CTR finalizes an approved release with its artifacts and build. */
export function finalizeForm(ctx: Ctx, o: ReleaseOverview): HTMLElement {
  const name = field("Artifact name", "berty.apk");
  const platform = field("Platform", "android");
  const digest = field("Artifact sha256");
  const uri = field("Artifact uri", "https://example.org/berty.apk");
  const builder = field("Builder", "ci");
  return form(
    ctx,
    "Finalize (CTR)",
    () => ({
      what: `finalize ${o.release.version}`,
      run: async () =>
        (await signer(ctx.config, ctx.signerName())).release.finalize({
          releaseId: o.release.release_id,
          artifacts: [{ name: name.value, platform: platform.value, digest: digest.value, uri: uri.value }],
          build: { builder: builder.value },
        }),
    }),
    name,
    platform,
    digest,
    uri,
    builder,
    h("button", { type: "submit" }, "Finalize"),
  );
}

/** A council member or CTR opens a governance proposal (with no messages: a recorded decision). */
export function governanceProposalForm(ctx: Ctx): HTMLElement {
  const title = field("Title");
  const description = h("textarea", { "aria-label": "Description", placeholder: "description" });
  return form(
    ctx,
    "New governance proposal",
    () => ({
      what: `propose "${title.value}"`,
      run: async () => (await signer(ctx.config, ctx.signerName())).councilVote.propose({ title: title.value, description: description.value, msgs: [] }),
    }),
    title,
    description,
    h("button", { type: "submit" }, "Propose"),
  );
}
