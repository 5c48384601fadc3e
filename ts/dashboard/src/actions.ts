// Transactions from the page, signed with a development key of the local node (CosmJS
// DirectSecp256k1Wallet of sha256("berty-demo/NAME")). A refused transaction shows the
// contract's own error text.
import { connectDevKey, contractError, type DaoSigner } from "@berty-dao/client";
import type { DashboardConfig } from "./config.ts";

const signers = new Map<string, Promise<DaoSigner>>();

export function signer(config: DashboardConfig, name: string): Promise<DaoSigner> {
  let s = signers.get(name);
  if (!s) {
    s = connectDevKey(config.rpc, name, config.contracts);
    signers.set(name, s);
    s.catch(() => signers.delete(name));
  }
  return s;
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
