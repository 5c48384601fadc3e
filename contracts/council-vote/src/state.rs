//! Storage. A proposal is kept in three entries: its text (title, description, messages),
//! which only queries and `execute` read; its terms (snapshot, deadline, rules, eligible
//! counts, membership), which ballots read; and its state (status, tally, the ballots log's
//! head), the one entry ballots rewrite. So a ballot never pays for the text and rewrites
//! as few bytes as it can: the state and the ballot record are binary (`codec.rs`), and the
//! ballots log keeps its head in the state instead of an entry of its own.

use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, CollegeRules, CollegeTally, ProposalKind, ProposalStatus,
    Rejection, RejectionReason, Rules, Tally, Vote, DEFAULT_EXECUTION_WINDOW,
};
use berty_interface::College;
use berty_trail::{HeldHead, Log, LogHead, LogName};
use cosmwasm_std::{Addr, CosmosMsg, Decimal, Empty, Env, Order, StdResult, Storage, Timestamp};
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

use crate::codec::{put_varint, Reader};

pub use berty_interface::keys::NEXT_PROPOSAL_ID;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    /// Where proposals opened from now on read eligibility (each keeps its own in its terms).
    pub membership: Addr,
    pub release: Addr,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// Rules of release votes and of governance proposals; a proposal keeps a copy of the
/// rules it opened under.
pub const RULES: Item<Rules> = Item::new("rules");
pub const GOVERNANCE_RULES: Item<Rules> = Item::new("governance_rules");

/// A proposal's voting state, as the contract works with it. Stored in two entries: the
/// terms (kind, snapshot, deadline, rules, eligible counts, membership), written once, and
/// the state (status, tally, rejection, closed, ballots log head), rewritten by every ballot.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub kind: ProposalKind,
    /// `open` until decided (by a ballot, or stored by `close` / `execute` after the
    /// deadline): the answer's status is `status::current`, not this field alone.
    pub status: ProposalStatus,
    pub snapshot_height: u64,
    pub deadline: Timestamp,
    pub rules: Rules,
    pub tally: Tally,
    pub rejection: Option<Rejection>,
    pub closed: bool,
    /// The membership contract eligibility is read from: the one configured at opening,
    /// whose `counts` gave the eligible counts.
    pub membership: Addr,
    /// The ballots log's head; `None` while the log is empty.
    pub ballots_log: Option<HeldHead>,
    /// When the stored decision was made (the deciding ballot's block time, or the deadline
    /// for a decision stored after it); `None` while stored open.
    pub decided_at: Option<Timestamp>,
}

impl Proposal {
    /// When voting opened: the deadline less the voting period (the deadline was computed
    /// from it, so this is exact).
    pub fn opened_at(&self) -> Timestamp {
        Timestamp::from_nanos(
            self.deadline
                .nanos()
                .saturating_sub(self.rules.voting_period.saturating_mul(1_000_000_000)),
        )
    }
}

/// Rules as a tuple: `[voting_period, allow_revoting, quorum, threshold (activists), quorum,
/// threshold (technologists), execution_window]`; proposals of the first version, stored
/// without the window, read with the default one.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum StoredRules {
    V2(u64, bool, Decimal, Decimal, Decimal, Decimal, u64),
    V1(u64, bool, Decimal, Decimal, Decimal, Decimal),
}

impl From<&Rules> for StoredRules {
    fn from(r: &Rules) -> Self {
        StoredRules::V2(
            r.voting_period,
            r.allow_revoting,
            r.activists.quorum,
            r.activists.threshold,
            r.technologists.quorum,
            r.technologists.threshold,
            r.execution_window,
        )
    }
}

impl From<StoredRules> for Rules {
    fn from(stored: StoredRules) -> Self {
        let (voting_period, allow_revoting, aq, at, tq, tt, execution_window) = match stored {
            StoredRules::V2(v, r, aq, at, tq, tt, w) => (v, r, aq, at, tq, tt, w),
            StoredRules::V1(v, r, aq, at, tq, tt) => {
                (v, r, aq, at, tq, tt, DEFAULT_EXECUTION_WINDOW)
            }
        };
        Rules {
            voting_period,
            allow_revoting,
            activists: CollegeRules {
                quorum: aq,
                threshold: at,
            },
            technologists: CollegeRules {
                quorum: tq,
                threshold: tt,
            },
            execution_window,
        }
    }
}

/// `[kind, snapshot height, deadline, rules, [eligible activists, eligible technologists],
/// membership]`.
#[derive(Serialize, Deserialize)]
struct StoredTerms(ProposalKind, u64, Timestamp, StoredRules, [u64; 2], Addr);

const TERMS: Map<u64, StoredTerms> = Map::new("t");

/// `[id length][id, big-endian, no leading zeros]`: a few bytes, where a `u64` key is 10.
fn id_bytes(id: u64) -> Vec<u8> {
    let be = id.to_be_bytes();
    let skip = be.iter().take_while(|b| **b == 0).count();
    let mut out = Vec::with_capacity(9);
    out.push((8 - skip) as u8);
    out.extend_from_slice(&be[skip..]);
    out
}

fn state_key(id: u64) -> Vec<u8> {
    [b"s".as_slice(), &id_bytes(id)].concat()
}

const REJECTIONS: [Rejection; 4] = [
    Rejection {
        reason: RejectionReason::TurnoutNotMet,
        college: College::Activists,
    },
    Rejection {
        reason: RejectionReason::TurnoutNotMet,
        college: College::Technologists,
    },
    Rejection {
        reason: RejectionReason::ThresholdNotMet,
        college: College::Activists,
    },
    Rejection {
        reason: RejectionReason::ThresholdNotMet,
        college: College::Technologists,
    },
];

/// Flags bit 6: the state ends with the decision's time (nanoseconds, a varint).
const HAS_DECIDED_AT: u8 = 0b100_0000;

/// The state: one flags byte (status in bits 0–1, closed in bit 2, rejection + 1 in bits
/// 3–5, a decision time in bit 6), the six counts and the log's length as varints, the
/// log's 32-byte hash when the log is not empty, then the decision time if any. A ballot
/// that does not decide writes none of it but the counts and the head.
fn encode_state(p: &Proposal) -> Vec<u8> {
    let rejection = p
        .rejection
        .and_then(|r| REJECTIONS.iter().position(|known| *known == r))
        .map_or(0, |i| i as u8 + 1);
    let mut out = Vec::with_capacity(58);
    let decided = if p.decided_at.is_some() {
        HAS_DECIDED_AT
    } else {
        0
    };
    out.push(status_code(p.status) | (u8::from(p.closed) << 2) | (rejection << 3) | decided);
    for t in [&p.tally.activists, &p.tally.technologists] {
        for n in [t.yes, t.no, t.abstain] {
            put_varint(&mut out, n);
        }
    }
    let (length, hash) = p
        .ballots_log
        .map_or((0, None), |h| (h.length, Some(h.hash)));
    put_varint(&mut out, length);
    if let Some(hash) = hash.filter(|_| length > 0) {
        out.extend_from_slice(&hash);
    }
    if let Some(at) = p.decided_at {
        put_varint(&mut out, at.nanos());
    }
    out
}

struct DecodedState {
    status: ProposalStatus,
    closed: bool,
    rejection: Option<Rejection>,
    counts: [[u64; 3]; 2],
    ballots_log: Option<HeldHead>,
    decided_at: Option<Timestamp>,
}

fn decode_state(bytes: &[u8]) -> StdResult<DecodedState> {
    let mut r = Reader::new(bytes, "proposal state");
    let flags = r.byte()?;
    let status = status_from_code(flags & 0b11)?;
    if flags & 0b1000_0000 != 0 {
        return Err(cosmwasm_std::StdError::msg(
            "corrupt proposal state: unknown flag",
        ));
    }
    let rejection =
        match (flags >> 3) & 0b111 {
            0 => None,
            i => Some(*REJECTIONS.get(usize::from(i) - 1).ok_or_else(|| {
                cosmwasm_std::StdError::msg(format!("unknown rejection code {i}"))
            })?),
        };
    let mut counts = [[0u64; 3]; 2];
    for college in counts.iter_mut() {
        for n in college.iter_mut() {
            *n = r.varint()?;
        }
    }
    let length = r.varint()?;
    let ballots_log = if length > 0 {
        Some(HeldHead {
            length,
            hash: r.array::<32>()?,
        })
    } else {
        None
    };
    let decided_at = if flags & HAS_DECIDED_AT != 0 {
        Some(Timestamp::from_nanos(r.varint()?))
    } else {
        None
    };
    r.finish()?;
    Ok(DecodedState {
        status,
        closed: flags & 0b100 != 0,
        rejection,
        counts,
        ballots_log,
        decided_at,
    })
}

impl Proposal {
    pub fn may_load(store: &dyn Storage, id: u64) -> StdResult<Option<Proposal>> {
        let Some(StoredTerms(kind, snapshot_height, deadline, rules, eligible, membership)) =
            TERMS.may_load(store, id)?
        else {
            return Ok(None);
        };
        let bytes = store
            .get(&state_key(id))
            .ok_or_else(|| cosmwasm_std::StdError::msg(format!("proposal {id} has no state")))?;
        let state = decode_state(&bytes)?;
        let college = |[yes, no, abstain]: [u64; 3], eligible| CollegeTally {
            yes,
            no,
            abstain,
            eligible,
        };
        Ok(Some(Proposal {
            kind,
            status: state.status,
            snapshot_height,
            deadline,
            rules: rules.into(),
            tally: Tally {
                activists: college(state.counts[0], eligible[0]),
                technologists: college(state.counts[1], eligible[1]),
            },
            rejection: state.rejection,
            closed: state.closed,
            membership,
            ballots_log: state.ballots_log,
            decided_at: state.decided_at,
        }))
    }

    /// Writes a new proposal: its terms and its state.
    pub fn create(&self, store: &mut dyn Storage, id: u64) -> StdResult<()> {
        let terms = StoredTerms(
            self.kind,
            self.snapshot_height,
            self.deadline,
            (&self.rules).into(),
            [
                self.tally.activists.eligible,
                self.tally.technologists.eligible,
            ],
            self.membership.clone(),
        );
        TERMS.save(store, id, &terms)?;
        self.save_state(store, id)
    }

    /// Writes what changed: the state only.
    pub fn save_state(&self, store: &mut dyn Storage, id: u64) -> StdResult<()> {
        store.set(&state_key(id), &encode_state(self));
        Ok(())
    }

    /// The ballots log's head as the contract appends to it.
    pub fn held_head(&self, env: &Env, id: u64) -> HeldHead {
        self.ballots_log
            .unwrap_or_else(|| BALLOTS_LOG.genesis_held(env, &id.to_string()))
    }

    /// The ballots log's head as answers show it.
    pub fn ballots_log_head(&self, env: &Env, id: u64) -> LogHead {
        self.held_head(env, id).answer()
    }

    /// The snapshot height of a proposal, from its terms alone.
    pub fn snapshot_of(store: &dyn Storage, id: u64) -> StdResult<Option<u64>> {
        Ok(TERMS.may_load(store, id)?.map(|terms| terms.1))
    }

    /// Ids, newest first, below `start_after`.
    pub fn ids_descending(
        store: &dyn Storage,
        start_after: Option<u64>,
    ) -> impl Iterator<Item = StdResult<u64>> + '_ {
        TERMS.keys(
            store,
            None,
            start_after.map(cw_storage_plus::Bound::exclusive),
            Order::Descending,
        )
    }
}

/// What a proposal says: written once, read by queries and `execute`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProposalText {
    pub proposer: Addr,
    pub release_id: Option<String>,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg<Empty>>,
    pub opened_at: Timestamp,
}

pub const PROPOSAL_TEXTS: Map<u64, ProposalText> = Map::new("proposal_texts");

/// `(proposer, id)` of each proposer's governance proposals that were open at its last
/// `propose` (at most `MAX_OPEN_PROPOSALS`), for the cap on open proposals.
pub const OPEN_BY_PROPOSER: Map<(&Addr, u64), ()> = Map::new("open_by_proposer");

/// The first version's index of stored statuses, `(code, id)`; `migrate` moves it into
/// the lists of `lists.rs`.
pub const LEGACY_STATUS_INDEX: Map<(u8, u64), ()> = Map::new("status_index");

/// The stored status in two bits. `expired` is never stored: a stored `passed` governance
/// proposal shows `expired` once its execution window has passed (`status::current`).
pub fn status_code(status: ProposalStatus) -> u8 {
    match status {
        ProposalStatus::Open => 0,
        ProposalStatus::Passed | ProposalStatus::Expired => 1,
        ProposalStatus::Rejected => 2,
        ProposalStatus::Executed => 3,
    }
}

fn status_from_code(code: u8) -> StdResult<ProposalStatus> {
    match code {
        0 => Ok(ProposalStatus::Open),
        1 => Ok(ProposalStatus::Passed),
        2 => Ok(ProposalStatus::Rejected),
        3 => Ok(ProposalStatus::Executed),
        _ => Err(cosmwasm_std::StdError::msg(format!(
            "unknown proposal status code {code}"
        ))),
    }
}

/// A voter's newest ballot (with revoting), as stored: what the tally needs (college and
/// vote) and where the rest is, the `seq` of its ballots-log event (whose `pubkey`,
/// `data.signature` and `height` the `ballot` answer shows). The rationale text, when
/// there is one, has its own entry (`RATIONALES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub college: College,
    pub vote: Vote,
    pub has_rationale: bool,
    pub seq: u64,
}

impl Ballot {
    /// One byte (college in bit 0, vote in bits 1–2, rationale in bit 3), then `seq`.
    fn encode(&self) -> Vec<u8> {
        let college = College::ALL.iter().position(|c| *c == self.college);
        let vote = Vote::ALL.iter().position(|v| *v == self.vote);
        // positions in arrays of two and three: always small
        let flags = college.unwrap_or_default() as u8
            | (vote.unwrap_or_default() as u8) << 1
            | u8::from(self.has_rationale) << 3;
        let mut out = vec![flags];
        put_varint(&mut out, self.seq);
        out
    }

    fn decode(bytes: &[u8]) -> StdResult<Ballot> {
        let mut r = Reader::new(bytes, "ballot");
        let flags = r.byte()?;
        let vote = Vote::ALL
            .get(usize::from((flags >> 1) & 0b11))
            .copied()
            .ok_or_else(|| cosmwasm_std::StdError::msg("corrupt ballot"))?;
        let seq = r.varint()?;
        r.finish()?;
        Ok(Ballot {
            college: College::ALL[usize::from(flags & 1)],
            vote,
            has_rationale: flags & 0b1000 != 0,
            seq,
        })
    }
}

/// `b [id length][id] <voter>`: a proposal's ballots are one range, in voter order.
fn ballots_prefix(id: u64) -> Vec<u8> {
    [b"b".as_slice(), &id_bytes(id)].concat()
}

pub fn load_ballot(store: &dyn Storage, id: u64, voter: &Addr) -> StdResult<Option<Ballot>> {
    let key = [ballots_prefix(id), voter.as_bytes().to_vec()].concat();
    store
        .get(&key)
        .map(|bytes| Ballot::decode(&bytes))
        .transpose()
}

pub fn save_ballot(store: &mut dyn Storage, id: u64, voter: &Addr, ballot: &Ballot) {
    let key = [ballots_prefix(id), voter.as_bytes().to_vec()].concat();
    store.set(&key, &ballot.encode());
}

/// At most `limit` ballots of the proposal, by voter address, after `start_after`.
pub fn ballots_page(
    store: &dyn Storage,
    id: u64,
    start_after: Option<&Addr>,
    limit: usize,
) -> StdResult<Vec<(Addr, Ballot)>> {
    let prefix = ballots_prefix(id);
    // addresses are ASCII: 0xff is past every one of them; `\0` right after one excludes it
    let start = match start_after {
        Some(addr) => [prefix.as_slice(), addr.as_bytes(), &[0]].concat(),
        None => prefix.clone(),
    };
    let end = [prefix.as_slice(), &[0xff]].concat();
    store
        .range(Some(&start), Some(&end), Order::Ascending)
        .take(limit)
        .map(|(key, value)| {
            let voter = String::from_utf8(key[prefix.len()..].to_vec())
                .map_err(|_| cosmwasm_std::StdError::msg("corrupt ballot key"))?;
            Ok((Addr::unchecked(voter), Ballot::decode(&value)?))
        })
        .collect()
}

/// The rationale text of a voter's newest ballot, when it has one.
pub const RATIONALES: Map<(u64, &Addr), String> = Map::new("rationales");

/// The ballots log, one chain per proposal (key: the id in decimal). Its head is held in the
/// proposal's state (`Log::append_held`), not in the log's own head entry.
pub const BALLOTS_LOG: Log<BallotEventKind, BallotEventData> = Log::new(LogName::Ballots);

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn ballots_round_trip_in_two_bytes() {
        for college in College::ALL {
            for vote in Vote::ALL {
                for has_rationale in [false, true] {
                    let ballot = Ballot {
                        college,
                        vote,
                        has_rationale,
                        seq: 5,
                    };
                    let bytes = ballot.encode();
                    assert_eq!(bytes.len(), 2);
                    assert_eq!(Ballot::decode(&bytes).unwrap(), ballot);
                }
            }
        }
        assert!(Ballot::decode(&[0b110, 0]).is_err(), "vote code 3");
        assert!(Ballot::decode(&[0]).is_err());
    }

    #[test]
    fn ballots_page_by_voter_within_their_proposal() {
        let mut store = MockStorage::new();
        let ballot = |seq| Ballot {
            college: College::Activists,
            vote: Vote::Yes,
            has_rationale: false,
            seq,
        };
        let (a, b, c) = (
            Addr::unchecked("addr_a"),
            Addr::unchecked("addr_b"),
            Addr::unchecked("addr_c"),
        );
        save_ballot(&mut store, 1, &b, &ballot(1));
        save_ballot(&mut store, 1, &a, &ballot(0));
        save_ballot(&mut store, 256, &c, &ballot(0));
        save_ballot(&mut store, 2, &c, &ballot(0));
        let voters = |page: Vec<(Addr, Ballot)>| page.into_iter().map(|(v, _)| v).collect();
        let all: Vec<Addr> = voters(ballots_page(&store, 1, None, 10).unwrap());
        assert_eq!(all, vec![a.clone(), b.clone()]);
        let after: Vec<Addr> = voters(ballots_page(&store, 1, Some(&a), 10).unwrap());
        assert_eq!(after, vec![b.clone()]);
        assert_eq!(ballots_page(&store, 1, None, 1).unwrap().len(), 1);
        let far: Vec<Addr> = voters(ballots_page(&store, 256, None, 10).unwrap());
        assert_eq!(far, vec![c.clone()]);
        assert_eq!(load_ballot(&store, 1, &b).unwrap(), Some(ballot(1)));
        assert_eq!(load_ballot(&store, 3, &b).unwrap(), None);
    }

    #[test]
    fn proposals_round_trip_through_terms_and_state() {
        let mut store = MockStorage::new();
        let env = cosmwasm_std::testing::mock_env();
        let mut proposal = Proposal {
            kind: ProposalKind::Governance,
            status: ProposalStatus::Open,
            snapshot_height: 5,
            deadline: Timestamp::from_seconds(100),
            rules: Rules::default(),
            tally: Tally::default(),
            rejection: None,
            closed: false,
            membership: Addr::unchecked("membership"),
            ballots_log: None,
            decided_at: None,
        };
        proposal.tally.activists.eligible = 3;
        proposal.tally.technologists.eligible = 4;
        proposal.create(&mut store, 3).unwrap();
        assert_eq!(
            Proposal::may_load(&store, 3).unwrap(),
            Some(proposal.clone())
        );
        assert_eq!(store.get(&state_key(3)).unwrap(), vec![0; 8]);
        for (i, status) in ProposalStatus::ALL[..4].iter().copied().enumerate() {
            proposal.status = status;
            proposal.tally.technologists.abstain += 200;
            proposal.closed = !proposal.closed;
            proposal.rejection = REJECTIONS.get(i).copied();
            proposal.ballots_log = Some(HeldHead {
                length: i as u64 + 1,
                hash: [i as u8; 32],
            });
            proposal.decided_at = (i % 2 == 1).then(|| Timestamp::from_seconds(i as u64));
            proposal.save_state(&mut store, 3).unwrap();
            assert_eq!(
                Proposal::may_load(&store, 3).unwrap(),
                Some(proposal.clone())
            );
        }
        assert_eq!(Proposal::may_load(&store, 4).unwrap(), None);
        assert_eq!(Proposal::snapshot_of(&store, 3).unwrap(), Some(5));
        assert_eq!(
            proposal.ballots_log_head(&env, 3).length,
            4,
            "the held head answers"
        );
        // an empty log answers its genesis head
        proposal.ballots_log = None;
        assert_eq!(
            proposal.ballots_log_head(&env, 3),
            BALLOTS_LOG.genesis(&env.block.chain_id, &env.contract.address, "3")
        );
        assert!(decode_state(&[0b11_000_100, 0, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(decode_state(&[0b1000_0000, 0, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(
            decode_state(&[HAS_DECIDED_AT, 0, 0, 0, 0, 0, 0, 0]).is_err(),
            "no time"
        );
        assert!(decode_state(&[HAS_DECIDED_AT, 0, 0, 0, 0, 0, 0, 0, 5]).is_ok());
        assert!(decode_state(&[0, 0, 0, 0, 0, 0, 0, 1, 7]).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_state_round_trips(
            status in 0usize..4,
            rejection in 0usize..5,
            closed: bool,
            counts: [u64; 6],
            length: u64,
            hash: [u8; 32],
            decided_at: Option<u64>,
        ) {
            let mut store = MockStorage::new();
            let mut proposal = Proposal {
                kind: ProposalKind::Release,
                status: ProposalStatus::ALL[status],
                snapshot_height: 1,
                deadline: Timestamp::from_seconds(1),
                rules: Rules::default(),
                tally: Tally::default(),
                rejection: rejection.checked_sub(1).map(|i| REJECTIONS[i]),
                closed,
                membership: Addr::unchecked("m"),
                ballots_log: (length > 0).then_some(HeldHead { length, hash }),
                decided_at: decided_at.map(Timestamp::from_nanos),
            };
            let [ay, an, aa, ty, tn, ta] = counts;
            proposal.tally.activists = CollegeTally { yes: ay, no: an, abstain: aa, eligible: 9 };
            proposal.tally.technologists = CollegeTally { yes: ty, no: tn, abstain: ta, eligible: 8 };
            proposal.create(&mut store, 77).unwrap();
            proptest::prop_assert_eq!(Proposal::may_load(&store, 77).unwrap(), Some(proposal));
        }
    }

    #[test]
    fn ids_are_short_and_distinct() {
        assert_eq!(id_bytes(0), vec![0]);
        assert_eq!(id_bytes(1), vec![1, 1]);
        assert_eq!(id_bytes(256), vec![2, 1, 0]);
        assert_eq!(id_bytes(u64::MAX), [vec![8], vec![0xff; 8]].concat());
    }
}
