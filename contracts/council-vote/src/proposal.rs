//! A proposal's voting state in storage: its terms (kind, snapshot, deadline, rules,
//! eligible counts, membership), written once and read by every ballot, and its state
//! (status, tally, rejection, closed, the ballots log's head, the decision's time), the one
//! entry a ballot rewrites. Both are as small as they can be, the state in binary
//! (`codec.rs`): a ballot's gas is mostly storage, and the benchmark (`bench/README.md`,
//! "Reading the figures") shows what each byte costs against cw3-flex-multisig's vote.

use berty_hashlog::{HeldHead, LogHead};
use berty_interface::council_vote::{
    CollegeRules, CollegeTally, ProposalKind, ProposalStatus, Rejection, RejectionReason, Rules,
    Tally, DEFAULT_EXECUTION_WINDOW,
};
use berty_interface::College;
use cosmwasm_std::{Addr, Env, Order, StdResult, Storage, Timestamp};
use cw_storage_plus::Map;
use serde::{Deserialize, Serialize};

use crate::codec::{put_varint, Reader};
use crate::state::BALLOTS_LOG;

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

/// Rules as stored in the terms, a tuple: `[voting_period, allow_revoting, quorum, threshold
/// (activists), quorum, threshold (technologists), execution_window]`. Proposals of the first
/// version, stored without the window, read with the default one.
struct StoredRules(Rules);

impl Serialize for StoredRules {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let r = &self.0;
        let mut t = serializer.serialize_tuple(7)?;
        t.serialize_element(&r.voting_period)?;
        t.serialize_element(&r.allow_revoting)?;
        t.serialize_element(&r.activists.quorum)?;
        t.serialize_element(&r.activists.threshold)?;
        t.serialize_element(&r.technologists.quorum)?;
        t.serialize_element(&r.technologists.threshold)?;
        t.serialize_element(&r.execution_window)?;
        t.end()
    }
}

impl<'de> Deserialize<'de> for StoredRules {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = StoredRules;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("stored rules: 6 or 7 elements")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StoredRules, A::Error> {
                use serde::de::Error;
                let missing = |i| A::Error::invalid_length(i, &self);
                let voting_period = seq.next_element()?.ok_or_else(|| missing(0))?;
                let allow_revoting = seq.next_element()?.ok_or_else(|| missing(1))?;
                let activists = CollegeRules {
                    quorum: seq.next_element()?.ok_or_else(|| missing(2))?,
                    threshold: seq.next_element()?.ok_or_else(|| missing(3))?,
                };
                let technologists = CollegeRules {
                    quorum: seq.next_element()?.ok_or_else(|| missing(4))?,
                    threshold: seq.next_element()?.ok_or_else(|| missing(5))?,
                };
                let execution_window = seq.next_element()?.unwrap_or(DEFAULT_EXECUTION_WINDOW);
                Ok(StoredRules(Rules {
                    voting_period,
                    allow_revoting,
                    activists,
                    technologists,
                    execution_window,
                }))
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// What a proposal keeps from its opening, written once: its kind, the snapshot, the
/// deadline, the rules, the colleges' sizes at the snapshot and the membership read.
#[derive(Serialize, Deserialize)]
#[serde(into = "StoredTerms", from = "StoredTerms")]
struct Terms {
    kind: ProposalKind,
    snapshot_height: u64,
    deadline: Timestamp,
    rules: Rules,
    /// Eligible activists, eligible technologists.
    eligible: [u64; 2],
    membership: Addr,
}

/// The terms as stored: `[kind, snapshot height, deadline, rules, [eligible activists,
/// eligible technologists], membership]`, no field names (every byte a ballot reads is paid).
#[derive(Serialize, Deserialize)]
struct StoredTerms(ProposalKind, u64, Timestamp, StoredRules, [u64; 2], Addr);

impl From<Terms> for StoredTerms {
    fn from(t: Terms) -> Self {
        StoredTerms(
            t.kind,
            t.snapshot_height,
            t.deadline,
            StoredRules(t.rules),
            t.eligible,
            t.membership,
        )
    }
}

impl From<StoredTerms> for Terms {
    fn from(
        StoredTerms(kind, snapshot_height, deadline, StoredRules(rules), eligible, membership): StoredTerms,
    ) -> Self {
        Terms {
            kind,
            snapshot_height,
            deadline,
            rules,
            eligible,
            membership,
        }
    }
}

impl Clone for Terms {
    fn clone(&self) -> Self {
        Terms {
            kind: self.kind,
            snapshot_height: self.snapshot_height,
            deadline: self.deadline,
            rules: self.rules.clone(),
            eligible: self.eligible,
            membership: self.membership.clone(),
        }
    }
}

const TERMS: Map<u64, Terms> = Map::new("t");

/// `[id length][id, big-endian, no leading zeros]`: a few bytes, where a `u64` key is 10.
pub(crate) fn id_bytes(id: u64) -> Vec<u8> {
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
        let Some(Terms {
            kind,
            snapshot_height,
            deadline,
            rules,
            eligible,
            membership,
        }) = TERMS.may_load(store, id)?
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
            rules,
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
        let terms = Terms {
            kind: self.kind,
            snapshot_height: self.snapshot_height,
            deadline: self.deadline,
            rules: self.rules.clone(),
            eligible: [
                self.tally.activists.eligible,
                self.tally.technologists.eligible,
            ],
            membership: self.membership.clone(),
        };
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
        Ok(TERMS
            .may_load(store, id)?
            .map(|terms| terms.snapshot_height))
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

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

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
    fn rules_of_the_first_version_read_with_the_default_window() {
        let stored = cosmwasm_std::to_json_string(&StoredRules(Rules::default())).unwrap();
        assert_eq!(
            stored,
            r#"[604800,false,"0.666666666666666666","0.5","0.666666666666666666","0.5",1209600]"#
        );
        let v1 = r#"[3600,true,"1","0","0.5","0.25"]"#;
        let StoredRules(rules) = cosmwasm_std::from_json(v1).unwrap();
        assert_eq!(
            (
                rules.voting_period,
                rules.allow_revoting,
                rules.execution_window
            ),
            (3600, true, DEFAULT_EXECUTION_WINDOW)
        );
        assert!(cosmwasm_std::from_json::<StoredRules>(r#"[3600,true,"1","0","0.5"]"#).is_err());
    }

    #[test]
    fn ids_are_short_and_distinct() {
        assert_eq!(id_bytes(0), vec![0]);
        assert_eq!(id_bytes(1), vec![1, 1]);
        assert_eq!(id_bytes(256), vec![2, 1, 0]);
        assert_eq!(id_bytes(u64::MAX), [vec![8], vec![0xff; 8]].concat());
    }
}
