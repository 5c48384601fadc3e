// What a page needs, read at ONE block height: a page never mixes two states of the chain.
// `BertyDao` pins the height (the latest committed one unless given) and reads through the
// generated query clients over `clientAtHeight`.
import { AuditRegistryQueryClient } from "./generated/AuditRegistry.client.ts";
import type { AuditGateResponse, ReportResponse, StakeResponse } from "./generated/AuditRegistry.types.ts";
import { LEFT_THE_GATE, VOIDED, notCountedReason } from "./reports.ts";
import { CouncilVoteQueryClient } from "./generated/CouncilVote.client.ts";
import type { BallotResponse, MemberParticipation, ProposalResponse, RulesResponse } from "./generated/CouncilVote.types.ts";
import { MembershipQueryClient } from "./generated/Membership.client.ts";
import type { CountsResponse, MemberResponse, LogHead as MembersLogHead } from "./generated/Membership.types.ts";
import { ReleaseQueryClient } from "./generated/Release.client.ts";
import type { GatesResponse, LogHead, ReleaseResponse } from "./generated/Release.types.ts";
import { clientAtHeight, latestHeight, type AbciClient } from "./query.ts";

/** The four contracts' addresses. */
export interface Contracts {
  membership: string;
  auditRegistry: string;
  councilVote: string;
  release: string;
}

/** The largest page the contracts answer (SPEC 4: at most 100). */
export const PAGE = 100;

/** council-vote's largest `member_participation` page (each member costs it ballot reads). */
export const PARTICIPATION_PAGE = 30;

/** Every item of a paged list query: `page(startAfter)` answers one page of at most `size`. */
export async function allPages<T, K>(page: (startAfter: K | undefined) => Promise<T[]>, key: (item: T) => K, size = PAGE): Promise<T[]> {
  const items: T[] = [];
  let startAfter: K | undefined;
  for (;;) {
    const batch = await page(startAfter);
    items.push(...batch);
    if (batch.length < size) return items;
    startAfter = key(batch[batch.length - 1]!);
  }
}

/** A release vote or governance proposal with its ballots. */
export interface VoteOverview {
  proposal: ProposalResponse;
  ballots: BallotResponse[];
}

/** Everything a release page shows, at `height`. */
export interface ReleaseOverview {
  height: number;
  release: ReleaseResponse;
  gates: GatesResponse;
  auditGate: AuditGateResponse;
  /** The newest report of each auditor, each with `counted`. */
  reports: ReportResponse[];
  /** For each report that does not count, by auditor: why (`notCountedReason`). */
  notCounted: Record<string, string>;
  /** The release's current (or last) council vote, when it had one. */
  vote: VoteOverview | null;
  trailHead: LogHead;
}

/** An auditor with its stake (staked mode), or `null` in whitelist mode. */
export interface AuditorOverview {
  member: MemberResponse;
  stake: StakeResponse | null;
}

/** The members page, at `height`. */
export interface MembersOverview {
  height: number;
  counts: CountsResponse;
  activists: MemberResponse[];
  technologists: MemberResponse[];
  coreTeamReps: MemberResponse[];
  auditors: AuditorOverview[];
  membersLog: MembersLogHead;
  /** Per council member, how many of the last proposals it could vote on it voted on. */
  participation: MemberParticipation[];
}

/** The releases list, at `height`, newest first. */
export interface ReleasesOverview {
  height: number;
  releases: ReleaseResponse[];
}

/** The generated query clients at one height. */
export class DaoAtHeight {
  readonly membership: MembershipQueryClient;
  readonly auditRegistry: AuditRegistryQueryClient;
  readonly councilVote: CouncilVoteQueryClient;
  readonly release: ReleaseQueryClient;

  constructor(
    abci: AbciClient,
    readonly contracts: Contracts,
    readonly height: number,
  ) {
    const client = clientAtHeight(abci, height);
    this.membership = new MembershipQueryClient(client, contracts.membership);
    this.auditRegistry = new AuditRegistryQueryClient(client, contracts.auditRegistry);
    this.councilVote = new CouncilVoteQueryClient(client, contracts.councilVote);
    this.release = new ReleaseQueryClient(client, contracts.release);
  }

  /** A proposal and all its ballots. */
  async vote(proposalId: number): Promise<VoteOverview> {
    const [proposal, ballots] = await Promise.all([
      this.councilVote.proposal({ proposalId }),
      allPages(
        async (startAfter: string | undefined) =>
          (await this.councilVote.ballots({ proposalId, startAfter, limit: PAGE })).ballots,
        (b) => b.voter,
      ),
    ]);
    return { proposal, ballots };
  }

  async releaseOverview(releaseId: string): Promise<ReleaseOverview> {
    const release = await this.release.release({ releaseId });
    const [gates, auditGate, reports, vote, trailHead] = await Promise.all([
      this.release.gates({ releaseId }),
      this.auditRegistry.auditGate({ releaseId }),
      allPages(
        async (startAfter: string | undefined) =>
          (await this.auditRegistry.reports({ releaseId, startAfter, limit: PAGE })).reports,
        (r) => r.auditor,
      ),
      release.proposal_id == null ? Promise.resolve(null) : this.vote(release.proposal_id),
      this.release.trailHead({ releaseId }),
    ]);
    return { height: this.height, release, gates, auditGate, reports, notCounted: await this.notCountedReasons(reports, auditGate), vote, trailHead };
  }

  /**
   * Why each report that does not count does not. Only the auditors the gate still lists
   * (`not_counted`: the role or a bond now) are read, so the cost follows the gate's, not
   * the number of addresses that ever reported; the others have left.
   */
  private async notCountedReasons(reports: ReportResponse[], gate: AuditGateResponse): Promise<Record<string, string>> {
    const listed = new Set(gate.not_counted);
    const uncounted = reports.filter((r) => !r.counted);
    // a void report says so whoever its auditor is; one the gate no longer lists has left
    const known = uncounted.filter((r) => r.voided || !listed.has(r.auditor)).map((r) => [r.auditor, r.voided ? VOIDED : LEFT_THE_GATE] as const);
    const read = uncounted.filter((r) => !r.voided && listed.has(r.auditor));
    if (read.length === 0) return Object.fromEntries(known);
    const { staking } = await this.auditRegistry.config();
    const looked = await Promise.all(
      read.map(async (r) => {
        const [member, stake] = await Promise.all([
          this.membership.member({ addr: r.auditor }),
          staking ? this.auditRegistry.stake({ auditor: r.auditor }) : Promise.resolve(null),
        ]);
        return [r.auditor, notCountedReason(r, member, stake, staking ?? null)] as const;
      }),
    );
    return Object.fromEntries([...known, ...looked]);
  }

  async releasesOverview(): Promise<ReleasesOverview> {
    const releases = await allPages(
      async (startAfter: string | undefined) => (await this.release.releases({ startAfter, limit: PAGE })).releases,
      (r) => r.release_id,
    );
    releases.sort((a, b) => compareNanos(b.proposed_at, a.proposed_at));
    return { height: this.height, releases };
  }

  async proposals(): Promise<ProposalResponse[]> {
    const proposals = await allPages(
      async (startAfter: number | undefined) => (await this.councilVote.proposals({ startAfter, limit: PAGE })).proposals,
      (p) => p.id,
    );
    return proposals.sort((a, b) => b.id - a.id);
  }

  rules(): Promise<RulesResponse> {
    return this.councilVote.rules();
  }

  async membersOverview(): Promise<MembersOverview> {
    const members = (filter: Parameters<MembershipQueryClient["members"]>[0]) =>
      allPages(
        async (startAfter: string | undefined) => (await this.membership.members({ ...filter, startAfter, limit: PAGE })).members,
        (m) => m.addr,
      );
    const [counts, activists, technologists, coreTeamReps, auditorMembers, membersLog, registry, participation] = await Promise.all([
      this.membership.counts({}),
      members({ role: "council", college: "activists" }),
      members({ role: "council", college: "technologists" }),
      members({ role: "core_team_rep" }),
      members({ role: "auditor" }),
      this.membership.memberLogHead(),
      this.auditRegistry.config(),
      allPages(
        async (startAfter: string | undefined) => (await this.councilVote.memberParticipation({ startAfter, limit: PARTICIPATION_PAGE })).members,
        (m) => m.addr,
        PARTICIPATION_PAGE,
      ),
    ]);
    const auditors = await Promise.all(
      auditorMembers.map(async (member) => ({
        member,
        stake: registry.staking ? await this.auditRegistry.stake({ auditor: member.addr }) : null,
      })),
    );
    return { height: this.height, counts, activists, technologists, coreTeamReps, auditors, membersLog, participation };
  }
}

/** Reads of the DAO, each at one height. */
export class BertyDao {
  constructor(
    readonly abci: AbciClient,
    readonly contracts: Contracts,
  ) {}

  /** The clients at `height`, or at the latest committed height. */
  async at(height?: number): Promise<DaoAtHeight> {
    return new DaoAtHeight(this.abci, this.contracts, height ?? (await latestHeight(this.abci)));
  }

  /** Everything a release page needs, at one height. */
  async releaseOverview(releaseId: string, height?: number): Promise<ReleaseOverview> {
    return (await this.at(height)).releaseOverview(releaseId);
  }

  async releasesOverview(height?: number): Promise<ReleasesOverview> {
    return (await this.at(height)).releasesOverview();
  }

  async membersOverview(height?: number): Promise<MembersOverview> {
    return (await this.at(height)).membersOverview();
  }
}

function compareNanos(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
