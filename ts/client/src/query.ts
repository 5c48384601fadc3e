// Smart queries at one block height, through a CometBFT RPC's ABCI query
// (`/cosmwasm.wasm.v1.Query/SmartContractState` with `height`), so everything a page shows
// comes from one state of the chain.
import { fromUtf8, toUtf8 } from "@cosmjs/encoding";
import { QuerySmartContractStateRequest, QuerySmartContractStateResponse } from "cosmjs-types/cosmwasm/wasm/v1/query";
import { Comet38Client, connectComet, isTendermint37Client, type CometClient } from "@cosmjs/tendermint-rpc";
import type { ICosmWasmClient } from "./generated/baseClient.ts";

/** What these reads need of a CosmJS Tendermint/Comet client (`connectComet(url)` gives one). */
export interface AbciClient {
  abciQuery(params: { path: string; data: Uint8Array; height?: number; prove?: boolean }): Promise<{
    readonly value: Uint8Array;
    readonly height?: number;
    readonly code?: number;
    readonly log?: string;
  }>;
  abciInfo(): Promise<{ readonly lastBlockHeight?: number }>;
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

/**
 * The latest height whose state the node's application has committed (ABCI info). Not the
 * RPC status's latest block: CometBFT lists a block before the application commits it, and a
 * query pinned at that height then fails ("cannot query with height in the future").
 */
export async function latestHeight(abci: AbciClient): Promise<number> {
  const height = (await abci.abciInfo()).lastBlockHeight;
  if (height === undefined) throw new Error("the node's ABCI info names no committed height");
  return height;
}

/** A query client pinned at one height: hand it to the generated `*QueryClient`s. */
export function clientAtHeight(abci: AbciClient, height: number): ICosmWasmClient & { readonly height: number } {
  return {
    height,
    queryContractSmart: (contract: string, query: object) => smartQueryAt(abci, contract, query, height),
  };
}

/**
 * A CometBFT RPC client for the node at `endpoint`. CosmJS's `connectComet` knows 0.37, 0.38
 * and 1.x and falls back to its 0.37 client for other versions; wasmd 0.70 runs CometBFT
 * 0.39, whose RPC is 0.38's (ABCI 2.0: FinalizeBlock events), so 0.38 to 0.99 get the 0.38 client.
 */
export async function connectNode(endpoint: string): Promise<CometClient> {
  const client = await connectComet(endpoint);
  if (!isTendermint37Client(client)) return client;
  const version = (await client.status()).nodeInfo.version;
  if (!/^0\.(3[89]|[4-9]\d)\./.test(version)) return client;
  client.disconnect();
  return Comet38Client.connect(endpoint);
}
