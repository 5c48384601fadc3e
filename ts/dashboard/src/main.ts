// The dashboard: a hash router over the pages; every page reads the chain at one height.
import { BertyDao, connectNode, contractError, type AbciClient } from "@berty-dao/client";
import { loadConfig } from "./config.ts";
import { h } from "./dom.ts";
import { membersPage, proposalsPage, releasePage, releasesPage, trailPage, type Ctx } from "./pages.ts";

async function start(): Promise<void> {
  const app = document.getElementById("app")!;
  const config = await loadConfig();
  // connected on first use: the trail page verifies a dropped file with no node at all
  let comet: ReturnType<typeof connectNode> | null = null;
  const connect = () => (comet ??= connectNode(config.rpc).catch((e: unknown) => {
    comet = null;
    throw e;
  }));
  const abci: AbciClient = {
    abciQuery: async (params) => (await connect()).abciQuery(params),
    abciInfo: async () => (await connect()).abciInfo(),
  };
  const dao = new BertyDao(abci, config.contracts);
  const select = document.getElementById("signer") as HTMLSelectElement;
  select.replaceChildren(...config.devKeys.map((name) => h("option", { value: name }, name)));
  // Keplr, when the browser has it (the development keys need no wallet)
  if ("keplr" in window) select.append(h("option", { value: "keplr" }, "Keplr wallet"));
  // against a real chain without Keplr the page only reads (actions say why they cannot sign)
  if (select.options.length === 0) select.append(h("option", { value: "" }, "no wallet"));
  const heightLabel = document.getElementById("height")!;

  let rendering = 0;
  // Each render's context: only the newest render may label the page with its height (a
  // slower one, whose page is discarded, must not).
  const ctxFor = (ticket: number): Ctx => ({
    config,
    dao,
    signerName: () => select.value,
    showHeight: (height) => {
      if (ticket === rendering) heightLabel.textContent = `at height ${height}`;
    },
    refresh: () => render(),
  });

  async function render(): Promise<void> {
    const ticket = ++rendering;
    const ctx = ctxFor(ticket);
    const [, page, arg] = window.location.hash.replace(/^#/, "").split("/");
    let node: Node;
    try {
      switch (page) {
        case "release":
          node = await releasePage(ctx, arg ?? "");
          break;
        case "proposals":
          node = await proposalsPage(ctx);
          break;
        case "members":
          node = await membersPage(ctx);
          break;
        case "trail":
          node = await trailPage(ctx, arg || null);
          break;
        default:
          node = await releasesPage(ctx);
      }
    } catch (e) {
      node = h("p", { class: "error", role: "alert" }, `Could not read the chain: ${contractError(e)}`);
    }
    if (ticket === rendering) app.replaceChildren(node);
  }

  window.addEventListener("hashchange", () => void render());
  await render();
  document.body.dataset.ready = "true";
}

start().catch((e: unknown) => {
  document.getElementById("app")!.replaceChildren(h("p", { class: "error", role: "alert" }, `The dashboard could not start: ${String(e)}`));
});
