// Smart queries at one block height, through a CometBFT RPC's ABCI query
// (`/cosmwasm.wasm.v1.Query/SmartContractState` with `height`), so everything a page shows
// comes from one state of the chain.
import { fromUtf8, toUtf8 } from "@cosmjs/encoding";
import { QuerySmartContractStateRequest, QuerySmartContractStateResponse } from "cosmjs-types/cosmwasm/wasm/v1/query";
import type { ICosmWasmClient } from "./generated/baseClient.ts";

/** What these reads need of a CosmJS Tendermint/Comet client (`connectComet(url)` gives one). */
export interface AbciClient {
  abciQuery(params: { path: string; data: Uint8Array; height?: number; prove?: boolean }): Promise<{
    readonly value: Uint8Array;
    readonly height?: number;
    readonly code?: number;
    readonly log?: string;
  }>;
  status(): Promise<{ readonly syncInfo: { readonly latestBlockHeight: number } }>;
}

/** The gRPC path of a smart query. */
export const SMART_QUERY_PATH = "/cosmwasm.wasm.v1.Query/SmartContractState";

/** A contract's error answer (or the node's) to a smart query. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = "QueryError";
  }
}

/** One smart query at `height` (`undefined`: the latest state). */
export async function smartQueryAt<T>(abci: AbciClient, contract: string, query: object, height: number | undefined): Promise<T> {
  const data = QuerySmartContractStateRequest.encode(
    QuerySmartContractStateRequest.fromPartial({ address: contract, queryData: toUtf8(JSON.stringify(query)) }),
  ).finish();
  const answer = await abci.abciQuery({ path: SMART_QUERY_PATH, data, height });
  if (answer.code) throw new QueryError(answer.log ?? `query failed with code ${answer.code}`, answer.code);
  if (height !== undefined && answer.height !== undefined && answer.height !== height) {
    throw new Error(`asked for height ${height}, the node answered for ${answer.height}`);
  }
  const response = QuerySmartContractStateResponse.decode(answer.value);
  return JSON.parse(fromUtf8(response.data)) as T;
}

/** The latest block height the node has committed. */
export async function latestHeight(abci: AbciClient): Promise<number> {
  return (await abci.status()).syncInfo.latestBlockHeight;
}

/** A query client pinned at one height: hand it to the generated `*QueryClient`s. */
export function clientAtHeight(abci: AbciClient, height: number): ICosmWasmClient & { readonly height: number } {
  return {
    height,
    queryContractSmart: (contract: string, query: object) => smartQueryAt(abci, contract, query, height),
  };
}
