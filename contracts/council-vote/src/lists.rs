//! The proposals of each status, so that `proposals { status }` pages every match with no
//! gap and reads only what it answers. A status can change with time alone (a vote reaches
//! its deadline, a passed proposal its execution window) with no transaction to store it,
//! so each stored proposal sits in one sorted list whose key turns every such change into
//! a bound on the key:
//!
//! - stored open: `lo | kind | voting period | window | outcome at the deadline | opened at
//!   | id`. Within a group (kind, period, window) the deadline and the window's end grow
//!   with the opening time, so "open now", "decided at its deadline" and "expired" are
//!   ranges of it. A ballot that changes the outcome the tally would give at the deadline
//!   moves the entry (rare: the tally crosses a test).
//! - stored passed: `lp | kind | window (0 for a release vote) | decided at | id`; expired
//!   once `decided at + window` has passed, a range again.
//! - stored rejected `lr | decided at | id`, executed `lx | decided at | id`.
//!
//! A status's answer merges the ranges it spans, newest first by the time the proposal
//! entered that status (for `open`, its opening, so ids in order).

use berty_interface::council_vote::{ProposalKind, ProposalStatus};
use berty_interface::tally::final_outcome;
use cosmwasm_std::{Order, StdResult, Storage, Timestamp};

use crate::proposal::Proposal;
use crate::state::{LEGACY_STATUS_INDEX, OPEN_BY_PROPOSER, PROPOSAL_TEXTS};

const OPEN: &[u8] = b"lo";
const PASSED: &[u8] = b"lp";
const REJECTED: &[u8] = b"lr";
const EXECUTED: &[u8] = b"lx";

/// Length of an open group's prefix: `lo`, kind, period, window.
const OPEN_GROUP_LEN: usize = 2 + 1 + 8 + 8;
/// Length of a passed governance group's prefix: `lp`, kind, window.
const PASSED_GROUP_LEN: usize = 2 + 1 + 8;

const NANOS: u64 = 1_000_000_000;

fn kind_byte(kind: ProposalKind) -> u8 {
    match kind {
        ProposalKind::Release => 0,
        ProposalKind::Governance => 1,
    }
}

/// Nanoseconds of a period in seconds (rules cap periods far below an overflow).
fn nanos(seconds: u64) -> u64 {
    seconds.saturating_mul(NANOS)
}

/// The window that makes a passed proposal expire, in nanoseconds: release votes never do.
fn window(p: &Proposal) -> u64 {
    match p.kind {
        ProposalKind::Release => 0,
        ProposalKind::Governance => nanos(p.rules.execution_window),
    }
}

fn key(prefix: &[u8], time: u64, id: u64) -> Vec<u8> {
    [prefix, &time.to_be_bytes(), &id.to_be_bytes()].concat()
}

fn open_group(p: &Proposal) -> Vec<u8> {
    let mut g = Vec::with_capacity(OPEN_GROUP_LEN + 1);
    g.extend_from_slice(OPEN);
    g.push(kind_byte(p.kind));
    g.extend_from_slice(&nanos(p.rules.voting_period).to_be_bytes());
    g.extend_from_slice(&window(p).to_be_bytes());
    g
}

/// The list entry of a proposal as it is stored now. A stored-open proposal's entry names
/// the outcome its tally would give at the deadline.
pub fn entry_key(id: u64, p: &Proposal) -> Vec<u8> {
    let decided_at = p.decided_at.unwrap_or(p.deadline).nanos();
    match p.status {
        ProposalStatus::Open => {
            let mut prefix = open_group(p);
            prefix.push(u8::from(final_outcome(&p.rules, &p.tally).passed()));
            key(&prefix, p.opened_at().nanos(), id)
        }
        ProposalStatus::Passed | ProposalStatus::Expired => {
            let prefix = [PASSED, &[kind_byte(p.kind)], &window(p).to_be_bytes()].concat();
            key(&prefix, decided_at, id)
        }
        ProposalStatus::Rejected => key(REJECTED, decided_at, id),
        ProposalStatus::Executed => key(EXECUTED, decided_at, id),
    }
}

pub fn insert(store: &mut dyn Storage, id: u64, p: &Proposal) {
    // a storage value may not be empty
    store.set(&entry_key(id, p), &[1]);
}

/// Moves the entry of a proposal from `before` (its key before a change) to where it
/// belongs now; nothing is written when it stays.
pub fn update(store: &mut dyn Storage, id: u64, before: &[u8], p: &Proposal) {
    let after = entry_key(id, p);
    if after != before {
        store.remove(before);
        store.set(&after, &[1]);
    }
}

/// One sorted range of a list: entries `prefix | time | id` with `lo < time ≤ hi` (each
/// bound optional), shown at `time + offset`, the time the proposal entered the status.
struct Range {
    prefix: Vec<u8>,
    offset: u64,
    above: Option<u64>,
    at_most: Option<u64>,
}

impl Range {
    fn all(prefix: Vec<u8>) -> Self {
        Range {
            prefix,
            offset: 0,
            above: None,
            at_most: None,
        }
    }

    /// Up to `limit` entries before `(t, id)` (exclusive) in descending order, as
    /// `(entered at, id)`.
    fn page(
        &self,
        store: &dyn Storage,
        before: Option<(u64, u64)>,
        limit: usize,
    ) -> StdResult<Vec<(u64, u64)>> {
        // the key just past every key of `time`
        let past = |time: u64| [self.prefix.as_slice(), &time.to_be_bytes(), &[0xff; 9]].concat();
        let start = match self.above {
            Some(lo) => past(lo),
            None => self.prefix.clone(),
        };
        let mut end = match self.at_most {
            Some(hi) => past(hi),
            None => [self.prefix.as_slice(), &[0xff; 17]].concat(),
        };
        if let Some((t, id)) = before {
            let Some(time) = t.checked_sub(self.offset) else {
                // every entry entered this status at `offset` or later, after `t`
                return Ok(vec![]);
            };
            end = end.min(key(&self.prefix, time, id));
        }
        if start >= end {
            return Ok(vec![]);
        }
        let skip = self.prefix.len();
        store
            .range(Some(&start), Some(&end), Order::Descending)
            .take(limit)
            .map(|(k, _)| {
                let tail = k
                    .get(skip..skip + 16)
                    .and_then(|b| <[u8; 16]>::try_from(b).ok());
                let tail = tail.ok_or_else(|| cosmwasm_std::StdError::msg("corrupt list key"))?;
                let (time, id) = tail.split_at(8);
                let time = u64::from_be_bytes(time.try_into().unwrap_or_default());
                let id = u64::from_be_bytes(id.try_into().unwrap_or_default());
                Ok((time.saturating_add(self.offset), id))
            })
            .collect()
    }
}

/// The distinct prefixes of length `len` among the keys under `list`, by skipping from one
/// to the next: one read per group (groups are the rule sets in use, a handful).
fn groups(store: &dyn Storage, list: &[u8], len: usize) -> Vec<Vec<u8>> {
    let mut found = vec![];
    let end = [list, &[0xff; 32]].concat();
    let mut start = list.to_vec();
    while let Some((k, _)) = store
        .range(Some(&start), Some(&end), Order::Ascending)
        .next()
    {
        let Some(group) = k.get(..len) else { break };
        let group = group.to_vec();
        // the first key after every key of this group
        start = [group.as_slice(), &[0xff; 32]].concat();
        found.push(group);
    }
    found
}

/// A group's voting period and window (nanoseconds) from its prefix.
fn open_group_terms(group: &[u8]) -> (bool, u64, u64) {
    let read = |at: usize| {
        group
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map_or(0, u64::from_be_bytes)
    };
    (group.get(2) == Some(&1), read(3), read(11))
}

/// The ranges whose entries have `status` at `now`.
fn ranges(store: &dyn Storage, status: ProposalStatus, now: Timestamp) -> Vec<Range> {
    let now = now.nanos();
    let mut ranges = vec![];
    let with = |group: &[u8], outcome: u8| [group, &[outcome]].concat();
    for group in groups(store, OPEN, OPEN_GROUP_LEN) {
        let (governance, period, window) = open_group_terms(&group);
        // stored open: open while `opened + period > now`, then decided with the outcome
        // its key names, at `opened + period`; a passed governance proposal expires at
        // `opened + period + window`
        let deadline_passed = now.checked_sub(period);
        match status {
            ProposalStatus::Open => {
                for outcome in [0, 1] {
                    ranges.push(Range {
                        prefix: with(&group, outcome),
                        offset: 0,
                        above: deadline_passed,
                        at_most: None,
                    });
                }
            }
            ProposalStatus::Passed | ProposalStatus::Rejected => {
                let Some(decided) = deadline_passed else {
                    continue;
                };
                let passed = status == ProposalStatus::Passed;
                ranges.push(Range {
                    prefix: with(&group, u8::from(passed)),
                    offset: period,
                    above: (governance && passed)
                        .then(|| decided.checked_sub(window))
                        .flatten(),
                    at_most: Some(decided),
                });
            }
            ProposalStatus::Expired if governance => {
                if let Some(expired) = deadline_passed.and_then(|d| d.checked_sub(window)) {
                    ranges.push(Range {
                        prefix: with(&group, 1),
                        offset: period.saturating_add(window),
                        above: None,
                        at_most: Some(expired),
                    });
                }
            }
            _ => {}
        }
    }
    match status {
        ProposalStatus::Passed => {
            let release = kind_byte(ProposalKind::Release);
            ranges.push(Range::all([PASSED, &[release], &[0; 8]].concat()));
            let governance = [PASSED, &[kind_byte(ProposalKind::Governance)]].concat();
            for group in groups(store, &governance, PASSED_GROUP_LEN) {
                let window = passed_group_window(&group);
                ranges.push(Range {
                    prefix: group,
                    offset: 0,
                    above: now.checked_sub(window),
                    at_most: None,
                });
            }
        }
        ProposalStatus::Expired => {
            let governance = [PASSED, &[kind_byte(ProposalKind::Governance)]].concat();
            for group in groups(store, &governance, PASSED_GROUP_LEN) {
                let window = passed_group_window(&group);
                if let Some(expired) = now.checked_sub(window) {
                    ranges.push(Range {
                        prefix: group,
                        offset: window,
                        above: None,
                        at_most: Some(expired),
                    });
                }
            }
        }
        ProposalStatus::Rejected => ranges.push(Range::all(REJECTED.to_vec())),
        ProposalStatus::Executed => ranges.push(Range::all(EXECUTED.to_vec())),
        ProposalStatus::Open => {}
    }
    ranges
}

/// A passed governance group's window (nanoseconds) from its prefix.
fn passed_group_window(group: &[u8]) -> u64 {
    group
        .get(3..11)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_be_bytes)
}

/// When a proposal entered `status` (or would have): the sort key of that status's list.
pub fn entered(p: &Proposal, status: ProposalStatus) -> u64 {
    let decided = p.decided_at.unwrap_or(p.deadline).nanos();
    match status {
        ProposalStatus::Open => p.opened_at().nanos(),
        ProposalStatus::Expired => decided.saturating_add(window(p)),
        _ => decided,
    }
}

/// The ids of up to `limit` proposals with `status` at `now`, after `start_after` (its
/// proposal and the time it entered the status), most recently entered first.
pub fn page(
    store: &dyn Storage,
    status: ProposalStatus,
    now: Timestamp,
    start_after: Option<(u64, u64)>,
    limit: usize,
) -> StdResult<Vec<u64>> {
    let mut found = vec![];
    for range in ranges(store, status, now) {
        found.extend(range.page(store, start_after, limit)?);
    }
    found.sort_unstable_by(|a, b| b.cmp(a));
    found.truncate(limit);
    Ok(found.into_iter().map(|(_, id)| id).collect())
}

/// `migrate` from the first version: its index of stored statuses becomes these lists, one
/// entry per proposal, and each governance proposal stored open counts toward its
/// proposer's cap (`check_open_proposals` drops those decided since). Runs once, over every
/// proposal (a few hundred fit a block's gas).
pub fn migrate_legacy_index(store: &mut dyn Storage) -> StdResult<usize> {
    let ids: Vec<u64> = LEGACY_STATUS_INDEX
        .keys(store, None, None, Order::Ascending)
        .map(|key| key.map(|(_, id)| id))
        .collect::<StdResult<_>>()?;
    for &id in &ids {
        let Some(proposal) = Proposal::may_load(store, id)? else {
            continue;
        };
        insert(store, id, &proposal);
        if (proposal.kind, proposal.status) == (ProposalKind::Governance, ProposalStatus::Open) {
            if let Some(text) = PROPOSAL_TEXTS.may_load(store, id)? {
                OPEN_BY_PROPOSER.save(store, (&text.proposer, id), &())?;
            }
        }
    }
    LEGACY_STATUS_INDEX.clear(store);
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal::status_code;
    use crate::state::ProposalText;
    use berty_interface::council_vote::{Rules, Tally};
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::Addr;

    /// A proposal as the first version stored it: terms, state, text and its entry in the
    /// status index, none in the lists.
    fn first_version(store: &mut MockStorage, id: u64, kind: ProposalKind, status: ProposalStatus) {
        let decided = status != ProposalStatus::Open;
        let proposal = Proposal {
            kind,
            status,
            snapshot_height: id,
            deadline: Timestamp::from_seconds(1_000 + id),
            rules: Rules::default(),
            tally: Tally::default(),
            rejection: None,
            closed: false,
            membership: Addr::unchecked("membership"),
            ballots_log: None,
            decided_at: decided.then(|| Timestamp::from_seconds(500 + id)),
        };
        proposal.create(store, id).unwrap();
        let text = ProposalText {
            proposer: Addr::unchecked(format!("proposer-{}", id % 2)),
            release_id: None,
            title: format!("proposal {id}"),
            description: String::new(),
            msgs: vec![],
            opened_at: proposal.opened_at(),
        };
        PROPOSAL_TEXTS.save(store, id, &text).unwrap();
        LEGACY_STATUS_INDEX
            .save(store, (status_code(status), id), &())
            .unwrap();
    }

    #[test]
    fn migrating_lists_every_proposal_and_counts_open_ones_toward_the_cap() {
        let mut store = MockStorage::new();
        use ProposalKind::{Governance, Release};
        use ProposalStatus::{Executed, Open, Passed, Rejected};
        let proposals = [
            (1, Governance, Executed),
            (2, Release, Rejected),
            (3, Governance, Open),
            (4, Release, Open),
            (5, Governance, Passed),
            (6, Governance, Open),
        ];
        for (id, kind, status) in proposals {
            first_version(&mut store, id, kind, status);
        }
        assert_eq!(migrate_legacy_index(&mut store).unwrap(), 6);
        assert!(
            LEGACY_STATUS_INDEX.is_empty(&store),
            "the old index is gone"
        );

        // before any deadline: each status pages exactly its proposals, newest first
        let now = Timestamp::from_seconds(100);
        let ids = |status| page(&store, status, now, None, 100).unwrap();
        assert_eq!(ids(Open), vec![6, 4, 3]);
        assert_eq!(ids(Passed), vec![5]);
        assert_eq!(ids(Rejected), vec![2]);
        assert_eq!(ids(Executed), vec![1]);
        assert_eq!(ids(ProposalStatus::Expired), Vec::<u64>::new());

        // the open governance proposals count toward their proposers' caps; release votes
        // and decided proposals do not
        let capped: Vec<(Addr, u64)> = OPEN_BY_PROPOSER
            .keys(&store, None, None, Order::Ascending)
            .collect::<StdResult<_>>()
            .unwrap();
        assert_eq!(
            capped,
            vec![
                (Addr::unchecked("proposer-0"), 6),
                (Addr::unchecked("proposer-1"), 3)
            ]
        );
    }
}
