// The public surface of @berty-dao/client. The generated types of each contract are
// exported as a namespace (their names overlap: each has its `LogHead`, `ConfigResponse`,
// ...); the clients, helpers and the hand-written types by name.
export type * as MembershipTypes from "./generated/Membership.types.ts";
export type * as AuditRegistryTypes from "./generated/AuditRegistry.types.ts";
export type * as CouncilVoteTypes from "./generated/CouncilVote.types.ts";
export type * as ReleaseTypes from "./generated/Release.types.ts";
export { MembershipClient, MembershipQueryClient } from "./generated/Membership.client.ts";
export { AuditRegistryClient, AuditRegistryQueryClient } from "./generated/AuditRegistry.client.ts";
export { CouncilVoteClient, CouncilVoteQueryClient } from "./generated/CouncilVote.client.ts";
export { ReleaseClient, ReleaseQueryClient } from "./generated/Release.client.ts";
export type { ICosmWasmClient, ISigningCosmWasmClient } from "./generated/baseClient.ts";

export { cosmjsQueryClient, cosmjsSigningClient, autoFee, contractError, wasmAttribute } from "./cosmjs.ts";
export type { Fee, TxResult, SigningOptions } from "./cosmjs.ts";
export { smartQueryAt, latestHeight, clientAtHeight, connectNode, QueryError, SMART_QUERY_PATH } from "./query.ts";
export type { AbciClient } from "./query.ts";
export { BertyDao, DaoAtHeight, allPages, PAGE } from "./overview.ts";
export type { Contracts, ReleaseOverview, ReleasesOverview, MembersOverview, AuditorOverview, VoteOverview } from "./overview.ts";
export { collegeResult, decimalAtoms } from "./tally.ts";
export type { CollegeResult } from "./tally.ts";
export { reportPayloadJson, ballotPayloadJson, reportDigest, ballotDigest, sha256Hex } from "./payloads.ts";
export type { ReportPayload, BallotPayload } from "./payloads.ts";
export { memberKey, demoKey, addressOf, signDigest, verifyDigest, signReport, signBallot, pubkeyBinary } from "./keys.ts";
export type { MemberKey } from "./keys.ts";
export { asReleaseEvent, asReportEvent, asBallotEvent, asMemberEvent, eventDate } from "./events.ts";
export type { EventHeader, ReleaseEvent, ReportEvent, BallotEvent, MemberEvent, LogEvent, Entry } from "./events.ts";
export { timestampToDate, dateToTimestamp, optionalDate } from "./time.ts";
export { WASM_PREFIX, devSecret, devWallet, connectSigner, connectDevKey, castBallot, sendReport, keyRegistered } from "./wallet.ts";
export type { DaoSigner, BallotInput, ReportInput, SignBallot } from "./wallet.ts";
export { notCountedReason } from "./reports.ts";
export { exportBundle, BUNDLE_VERSION } from "./bundle.ts";
export type { TrailBundle, VoteBundle } from "./bundle.ts";
