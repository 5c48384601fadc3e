// The trail bundle of one release (SPEC 6; packages/trail-verifier/README.md), read through
// the query clients at ONE height: what `berty-trail export` writes through a CLI, the
// answers passed on as the contracts wrote them, so a page can verify what the node answers
// without a server-side export.
import { asReleaseEvent } from "./events.ts";
import type { DaoAtHeight } from "./overview.ts";
import { PAGE } from "./overview.ts";

/** The bundle format `berty-trail verify` reads. */
export const BUNDLE_VERSION = 1;

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
type At = DaoAtHeight;

/** One council vote on the release: its `proposal` and `ballots` answers and its ballots log. */
export interface VoteBundle {
  proposal: Answer<At["councilVote"]["proposal"]>;
  ballots: Answer<At["councilVote"]["ballots"]>["ballots"];
  ballots_log: Answer<At["councilVote"]["ballotLog"]>["events"];
}

export interface TrailBundle {
  version: number;
  chain_id: string;
  contracts: { membership: string; audit_registry: string; council_vote: string; release: string };
  release_id: string;
  release: Answer<At["release"]["release"]>;
  release_log: Answer<At["release"]["trail"]>["events"];
  reports_log: Answer<At["auditRegistry"]["reportLog"]>["events"];
  /** One per `vote_opened` of the release log, in that order. */
  votes: VoteBundle[];
  members_log: Answer<At["membership"]["memberLog"]>["events"];
}

/** Every entry of a log, page by page until an empty page; a page that does not move on is an error. */
async function readLog<E extends { event: { seq: number } }>(page: (startAfter: number | undefined) => Promise<{ events: E[] }>): Promise<E[]> {
  const all: E[] = [];
  for (;;) {
    const last = all.at(-1)?.event.seq;
    const { events } = await page(last);
    const first = events[0];
    if (!first) return all;
    if (last !== undefined && first.event.seq <= last) throw new Error(`a log page after seq ${last} starts at seq ${first.event.seq}`);
    all.push(...events);
  }
}

/** The bundle of `releaseId` as the contracts answer at `at`'s height. */
export async function exportBundle(at: DaoAtHeight, chainId: string, releaseId: string): Promise<TrailBundle> {
  // the release contract names its peers: a page configured with others is refused
  const config = await at.release.config();
  const peers = { membership: config.membership, audit_registry: config.audit_registry, council_vote: config.council_vote, release: at.contracts.release };
  const mine = { membership: at.contracts.membership, audit_registry: at.contracts.auditRegistry, council_vote: at.contracts.councilVote, release: at.contracts.release };
  if (JSON.stringify(peers) !== JSON.stringify(mine)) throw new Error(`the release contract's peers ${JSON.stringify(peers)} are not the contracts this client reads ${JSON.stringify(mine)}`);
  const [release, release_log, reports_log, members_log] = await Promise.all([
    at.release.release({ releaseId }),
    readLog((startAfter) => at.release.trail({ releaseId, startAfter, limit: PAGE })),
    readLog((startAfter) => at.auditRegistry.reportLog({ releaseId, startAfter, limit: PAGE })),
    readLog((startAfter) => at.membership.memberLog({ startAfter, limit: PAGE })),
  ]);
  const votes = await Promise.all(
    release_log.flatMap((entry) => {
      const event = asReleaseEvent(entry.event);
      return event.kind === "vote_opened" ? [event.data.proposal_id] : [];
    }).map(async (proposalId): Promise<VoteBundle> => {
      const [{ proposal, ballots }, ballots_log] = await Promise.all([at.vote(proposalId), readLog((startAfter) => at.councilVote.ballotLog({ proposalId, startAfter, limit: PAGE }))]);
      return { proposal, ballots, ballots_log };
    }),
  );
  return { version: BUNDLE_VERSION, chain_id: chainId, contracts: peers, release_id: release.release_id, release, release_log, reports_log, votes, members_log };
}
