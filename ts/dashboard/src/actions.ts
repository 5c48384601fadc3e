// Signing from the page with a development key of the local node (CosmJS
// DirectSecp256k1Wallet of sha256("berty-demo/NAME")); loaded on first use (tx.ts).
import { connectDevKey, connectSigner, WASM_PREFIX, type DaoSigner } from "@berty-dao/client";
import type { OfflineSigner } from "@cosmjs/proto-signing";
export { castBallot, sendReport } from "@berty-dao/client";
import type { DashboardConfig } from "./config.ts";

/** The header's choice that signs with Keplr. */
export const KEPLR = "keplr";

const signers = new Map<string, Promise<DaoSigner>>();

/** The signer chosen in the header: a development key, or `keplr` (the wallet, when present). */
export function devSigner(config: DashboardConfig, name: string): Promise<DaoSigner> {
  if (!name) return Promise.reject(new Error("no wallet: this node offers no development key and the browser has no Keplr"));
  let s = signers.get(name);
  if (!s) {
    s = name === KEPLR ? keplrSigner(config) : connectDevKey(config.rpc, name, config.contracts);
    signers.set(name, s);
    s.catch(() => signers.delete(name));
  }
  return s;
}


interface Keplr {
  experimentalSuggestChain(chainInfo: object): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
}

/** Keplr's account on this chain (the local chain suggested to Keplr first). */
export async function keplrSigner(config: DashboardConfig): Promise<DaoSigner> {
  const keplr = (window as unknown as { keplr?: Keplr }).keplr;
  if (!keplr) throw new Error("this browser has no Keplr wallet");
  const stake = { coinDenom: "STAKE", coinMinimalDenom: "stake", coinDecimals: 0 };
  await keplr.experimentalSuggestChain({
    chainId: config.chainId,
    chainName: `Berty DAO (${config.chainId})`,
    rpc: config.rpc,
    rest: config.rest,
    bip44: { coinType: 118 },
    bech32Config: {
      bech32PrefixAccAddr: WASM_PREFIX,
      bech32PrefixAccPub: `${WASM_PREFIX}pub`,
      bech32PrefixValAddr: `${WASM_PREFIX}valoper`,
      bech32PrefixValPub: `${WASM_PREFIX}valoperpub`,
      bech32PrefixConsAddr: `${WASM_PREFIX}valcons`,
      bech32PrefixConsPub: `${WASM_PREFIX}valconspub`,
    },
    currencies: [stake],
    feeCurrencies: [{ ...stake, gasPriceStep: { low: 0, average: 0, high: 0 } }],
    stakeCurrency: stake,
  });
  await keplr.enable(config.chainId);
  return connectSigner(config.rpc, keplr.getOfflineSigner(config.chainId), config.contracts);
}
