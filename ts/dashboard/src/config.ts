// What the server tells the page (config.json, written by scripts/dashboard.sh): the node,
// the chain id, the contracts, and where the verifier's wasm and an exported bundle are.
import type { Contracts } from "@berty-dao/client";

export interface DashboardConfig {
  /** The CometBFT RPC, as the page reaches it (the server's /rpc proxy). */
  rpc: string;
  chainId: string;
  /** The node's REST API (only Keplr needs it). */
  rest: string;
  contracts: Contracts;
  /** The verifier module (packages/trail-verifier-wasm). */
  verifierUrl: string;
  /** A bundle exported from the node, when the server has one. */
  bundleUrl: string | null;
  /** Development keys the page may sign with (the local node's: sha256("berty-demo/NAME")). */
  devKeys: string[];
}

export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch("./config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as DashboardConfig;
  // a relative RPC (the server's proxy) as an absolute URL for CosmJS
  return { ...config, rpc: new URL(config.rpc, window.location.href).toString().replace(/\/$/, "") };
}
