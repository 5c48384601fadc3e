// CosmJS behind the generated clients. @cosmwasm/ts-codegen 1.14 writes clients against
// interchainjs's `ICosmWasmClient` / `ISigningCosmWasmClient`; these adapters give them a
// CosmJS `CosmWasmClient` or `SigningCosmWasmClient` instead, whose `execute` needs a fee:
// "auto" here simulates the transaction and pays nothing (the local node's minimum gas
// price is 0), or uses the client's gas price when it has one.
import type { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { toUtf8 } from "@cosmjs/encoding";
import type { ICosmWasmClient, ISigningCosmWasmClient } from "./generated/baseClient.ts";

/** A CosmJS fee: gas and what is paid for it. */
export interface Fee {
  amount: { denom: string; amount: string }[];
  gas: string;
}

/** What a transaction sent through the adapter answers (CosmJS's `ExecuteResult`, trimmed). */
export interface TxResult {
  transactionHash: string;
  height: number;
  gasUsed: bigint;
  gasWanted: bigint;
  events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[];
}

/** The generated query clients over a CosmJS `CosmWasmClient`. */
export function cosmjsQueryClient(client: Pick<CosmWasmClient, "queryContractSmart">): ICosmWasmClient {
  return {
    queryContractSmart: (contract: string, query: Record<string, unknown>) => client.queryContractSmart(contract, query),
  };
}

/** Options of `cosmjsSigningClient`. */
export interface SigningOptions {
  /** Multiplies the simulated gas when the fee is "auto" (default 1.3, as the CLI is run). */
  gasAdjustment?: number;
  /** Paid per unit of gas when the fee is "auto": `{denom, amount}` with amount a decimal (default: nothing). */
  gasPrice?: { denom: string; amount: number };
}

type CosmjsSigning = Pick<SigningCosmWasmClient, "queryContractSmart" | "execute" | "simulate">;

/** The gas and fee for a simulated amount. */
export function autoFee(simulated: number, options: SigningOptions = {}): Fee {
  const gas = Math.ceil(simulated * (options.gasAdjustment ?? 1.3));
  const price = options.gasPrice;
  const amount = price && price.amount > 0 ? [{ denom: price.denom, amount: Math.ceil(gas * price.amount).toString() }] : [];
  return { amount, gas: gas.toString() };
}

/** The generated signing clients over a CosmJS `SigningCosmWasmClient`. */
export function cosmjsSigningClient(client: CosmjsSigning, options: SigningOptions = {}): ISigningCosmWasmClient {
  return {
    queryContractSmart: (contract: string, query: Record<string, unknown>) => client.queryContractSmart(contract, query),
    execute: async (sender, contract, msg: Record<string, unknown>, fee, memo, funds): Promise<TxResult> => {
      const coins = (funds ?? []).map((c) => ({ denom: c.denom, amount: c.amount }));
      let cosmjsFee: Fee | number;
      if (fee === undefined || fee === "auto") {
        const simulated = await client.simulate(
          sender,
          [
            {
              typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
              value: MsgExecuteContract.fromPartial({ sender, contract, msg: toUtf8(JSON.stringify(msg)), funds: coins }),
            },
          ],
          memo,
        );
        cosmjsFee = autoFee(simulated, options);
      } else if (typeof fee === "number") {
        cosmjsFee = { amount: [], gas: Math.ceil(fee).toString() };
      } else {
        cosmjsFee = { amount: fee.amount.map((c) => ({ denom: c.denom, amount: c.amount })), gas: fee.gas };
      }
      const result = await client.execute(sender, contract, msg, cosmjsFee, memo, coins);
      return {
        transactionHash: result.transactionHash,
        height: result.height,
        gasUsed: result.gasUsed,
        gasWanted: result.gasWanted,
        events: result.events,
      };
    },
  };
}

/**
 * The contract's own error text in a node's answer to a refused transaction or query, e.g.
 * `Unauthorized: wasm1... is not a council member` out of `... failed to execute message;
 * message index: 0: Unauthorized: ...: execute wasm contract failed ...`; the whole
 * message when it has no such part.
 */
export function contractError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const exec = /message index: \d+: (.*?): execute wasm contract failed/s.exec(text);
  if (exec?.[1]) return exec[1];
  const query = /(?:desc = )?([^\n]*?): query wasm contract failed/.exec(text);
  if (query?.[1]) return query[1].replace(/^.*desc = /, "");
  return text;
}

/** An attribute the contract emitted (its `wasm` event), e.g. `proposal_id` of a `propose`. */
export function wasmAttribute(result: Pick<TxResult, "events">, key: string): string | undefined {
  for (const event of result.events) {
    if (event.type !== "wasm") continue;
    const found = event.attributes.find((a) => a.key === key);
    if (found) return found.value;
  }
  return undefined;
}
