// Signing from the page with a development key of the local node (CosmJS
// DirectSecp256k1Wallet of sha256("berty-demo/NAME")); loaded on first use (tx.ts).
import { connectDevKey, type DaoSigner } from "@berty-dao/client";
export { castBallot } from "@berty-dao/client";
import type { DashboardConfig } from "./config.ts";

const signers = new Map<string, Promise<DaoSigner>>();

export function devSigner(config: DashboardConfig, name: string): Promise<DaoSigner> {
  let s = signers.get(name);
  if (!s) {
    s = connectDevKey(config.rpc, name, config.contracts);
    signers.set(name, s);
    s.catch(() => signers.delete(name));
  }
  return s;
}

