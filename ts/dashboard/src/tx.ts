// Running a transaction from the page: says how it went, or the contract's own error text
// when it is refused. The signing code (actions.ts: CosmJS, the wallet) loads on first use.
import { contractError } from "@berty-dao/client";
import type { DashboardConfig } from "./config.ts";
import type { DaoSigner, ReportInput } from "@berty-dao/client";

/** The signer of a development key (loads the signing code on first use). */
export async function signer(config: DashboardConfig, name: string): Promise<DaoSigner> {
  return (await import("./actions.ts")).devSigner(config, name);
}

/** A ballot, signed with the key's registered key when it has one. */
export async function ballot(config: DashboardConfig, name: string, input: { proposalId: number; vote: "yes" | "no" | "abstain"; rationale: string | null }): Promise<unknown> {
  const actions = await import("./actions.ts");
  return actions.castBallot(await actions.devSigner(config, name), config.chainId, input);
}
/** An audit report, signed with the key's registered key when it has one. */
export async function report(config: DashboardConfig, name: string, input: ReportInput): Promise<unknown> {
  const actions = await import("./actions.ts");
  return actions.sendReport(await actions.devSigner(config, name), config.chainId, input);
}

function txLine(): HTMLElement {
  return document.getElementById("tx")!;
}

/** Runs one transaction, says how it went, then calls `after` (the page re-reads the chain). */
export async function act(label: string, send: () => Promise<unknown>, after: () => Promise<void>): Promise<void> {
  const line = txLine();
  line.className = "";
  line.textContent = `${label}: sending…`;
  try {
    const result = (await send()) as { transactionHash?: string; height?: number };
    line.textContent = `${label}: included in block ${result.height ?? "?"} (tx ${result.transactionHash ?? "?"})`;
    await after();
  } catch (e) {
    line.className = "error";
    line.textContent = `${label} refused: ${contractError(e)}`;
  }
}
