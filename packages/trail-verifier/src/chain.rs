//! Hash chains: each log from `hash_0` through every event, as the contracts built it.

use berty_hashlog::{chain_hash, genesis_hash, Event, Hash, LogEntry, LogHead};
use cosmwasm_std::{to_json_string, to_json_vec, Addr};
use serde::Serialize;

use crate::error::{LogId, Problem, VerifyError};

/// A log whose chain was recomputed: `heads[n]` is the head after `n` events (`heads[0]`
/// is `hash_0`).
#[derive(Clone, Debug)]
pub struct CheckedChain {
    pub log: LogId,
    heads: Vec<Hash>,
    /// The block height of each event, by seq (never decreasing).
    heights: Vec<u64>,
}

impl CheckedChain {
    pub fn len(&self) -> u64 {
        self.heads.len() as u64 - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The head of the whole log, as its head query answers it.
    pub fn head(&self) -> LogHead {
        self.head_after(self.len())
            .expect("the whole log is a prefix of itself")
    }

    /// The head after the first `length` events, `None` past the end.
    pub fn head_after(&self, length: u64) -> Option<LogHead> {
        let hash = self.heads.get(usize::try_from(length).ok()?)?;
        Some(LogHead {
            length,
            head: hex::encode(hash),
        })
    }

    /// Checks that `committed` is a prefix of this log; `what` names the committing event.
    pub fn check_commitment(&self, what: &'static str, committed: &LogHead) -> Result<(), Problem> {
        match self.head_after(committed.length) {
            None => Err(Problem::CommitmentLength {
                what,
                log: self.log,
                length: committed.length,
                available: self.len(),
            }),
            Some(actual) if actual.head != committed.head => Err(Problem::CommitmentMismatch {
                what,
                log: self.log,
                length: committed.length,
                committed: committed.head.clone(),
                actual: actual.head,
            }),
            Some(_) => Ok(()),
        }
    }

    /// Checks that a prefix committed by an event of block `height` is the log as it stood
    /// at some moment of that block: its events are of that block or earlier, and the
    /// events after it of that block or later. (A head names a prefix, not a moment; the
    /// heights tie it to one, so a forger cannot commit to a prefix that leaves out, say,
    /// a revocation of an earlier block.)
    pub fn check_in_block(
        &self,
        what: &'static str,
        length: u64,
        height: u64,
    ) -> Result<(), Problem> {
        let split = usize::try_from(length).unwrap_or(usize::MAX);
        let last_in = split
            .checked_sub(1)
            .and_then(|i| self.heights.get(i).map(|h| (i, *h)));
        let first_out = self.heights.get(split).map(|h| (split, *h));
        let misplaced = match (last_in, first_out) {
            (Some((seq, h)), _) if h > height => Some((seq, h)),
            (_, Some((seq, h))) if h < height => Some((seq, h)),
            _ => None,
        };
        match misplaced {
            None => Ok(()),
            Some((seq, event_height)) => Err(Problem::CommitmentNotInItsBlock {
                what,
                log: self.log,
                length,
                height,
                seq: seq as u64,
                event_height,
            }),
        }
    }

    /// Checks that `committed` is this whole log (nothing was appended after it).
    pub fn check_whole(&self, what: &'static str, committed: &LogHead) -> Result<(), Problem> {
        self.check_commitment(what, committed)?;
        if committed.length != self.len() {
            return Err(Problem::CommitmentLength {
                what,
                log: self.log,
                length: committed.length,
                available: self.len(),
            });
        }
        Ok(())
    }
}

/// Where a log lives: its hash domain (`release`, `reports`, `ballots`, `members`), the
/// chain, the contract that keeps it and its key.
pub struct LogOrigin<'a> {
    pub log: LogId,
    pub domain: &'static str,
    pub chain_id: &'a str,
    pub contract: &'a Addr,
    pub key: &'a str,
}

/// Recomputes a log's chain: contiguous seqs from 0, the keeping contract, heights and
/// times that never go back, kinds that match their data, and every hash given.
pub fn check_chain<K: Serialize, D: Serialize>(
    origin: &LogOrigin,
    entries: &[LogEntry<K, D>],
    kind_matches_data: impl Fn(&Event<K, D>) -> bool,
) -> Result<CheckedChain, VerifyError> {
    let mut heads = Vec::with_capacity(entries.len() + 1);
    let mut heights = Vec::with_capacity(entries.len());
    heads.push(genesis_hash(
        origin.domain,
        origin.chain_id,
        origin.contract.as_str(),
        origin.key,
    ));
    let mut previous: Option<&Event<K, D>> = None;
    for (expected_seq, entry) in (0u64..).zip(entries) {
        let event = &entry.event;
        let fail = |problem| VerifyError::Event {
            log: origin.log,
            seq: expected_seq,
            problem,
        };
        if event.seq != expected_seq {
            return Err(fail(Problem::SeqGap {
                expected: expected_seq,
                found: event.seq,
            }));
        }
        if event.contract != *origin.contract {
            return Err(fail(Problem::WrongContract {
                expected: origin.contract.clone(),
                found: event.contract.clone(),
            }));
        }
        if let Some(previous) = previous {
            if event.height < previous.height || event.time < previous.time {
                return Err(fail(Problem::TimeGoesBack));
            }
        }
        // Typed events always serialize; were one not to, no bytes could give its hash.
        let json = to_json_vec(event).unwrap_or_default();
        let hash = chain_hash(heads.last().expect("starts with hash_0"), &json);
        let computed = hex::encode(hash);
        if entry.hash != computed {
            return Err(fail(Problem::HashMismatch {
                given: entry.hash.clone(),
                computed,
            }));
        }
        if !kind_matches_data(event) {
            let kind = to_json_string(&event.kind).unwrap_or_default();
            return Err(fail(Problem::KindDataMismatch {
                kind: kind.trim_matches('"').to_string(),
            }));
        }
        heads.push(hash);
        heights.push(event.height);
        previous = Some(event);
    }
    Ok(CheckedChain {
        log: origin.log,
        heads,
        heights,
    })
}
