//! Storage. A candidate's status lives only under the interface's `RELEASE_STATUS` key
//! (the audit registry reads it raw), with an index by status for `releases { status }`.

use berty_hashlog::{Log, LogName};
use berty_interface::release::{ReleaseEventData, ReleaseEventKind, ReleaseStatus};
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

pub use berty_interface::keys::RELEASE_STATUS;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub membership: Addr,
    pub audit_registry: Addr,
    /// Also the DAO's governance: the only sender of `update_config`.
    pub council_vote: Addr,
    pub app_name: String,
}

/// What a release's trail does not say directly: its current vote and where in the trail
/// the facts of its current state are. Every fact (version, proposer, decision, artifacts,
/// reasons) is stored once, in its trail event; answers read it back from there. Stored as
/// `[proposal_id, decision, finalized, withdrawn, publications]` (e.g. `[3,5,null,null,0]`):
/// every byte written costs 30 gas. Absent for a release that has only been proposed.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(into = "StoredRecord", from = "StoredRecord")]
pub struct ReleaseRecord {
    /// The current (or last) council vote.
    pub proposal_id: Option<u64>,
    /// Seq of the `decision` event of the vote `proposal_id`, once recorded.
    pub decision_seq: Option<u64>,
    pub finalized_seq: Option<u64>,
    pub withdrawn_seq: Option<u64>,
    pub publications: u32,
}

type StoredRecord = (Option<u64>, Option<u64>, Option<u64>, Option<u64>, u32);

impl From<ReleaseRecord> for StoredRecord {
    fn from(r: ReleaseRecord) -> Self {
        (
            r.proposal_id,
            r.decision_seq,
            r.finalized_seq,
            r.withdrawn_seq,
            r.publications,
        )
    }
}

impl From<StoredRecord> for ReleaseRecord {
    fn from(
        (proposal_id, decision_seq, finalized_seq, withdrawn_seq, publications): StoredRecord,
    ) -> Self {
        ReleaseRecord {
            proposal_id,
            decision_seq,
            finalized_seq,
            withdrawn_seq,
            publications,
        }
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const RECORDS: Map<&str, ReleaseRecord> = Map::new("records");
/// `(status code, release_id)`: the releases of one status, in id order.
pub const STATUS_INDEX: Map<(u8, &str), ()> = Map::new("status_index");
/// `(release_id, channel, artifact_digest)` -> seq of the `published` event: one
/// attestation per channel and artifact.
pub const PUBLICATIONS: Map<(&str, &str, &str), u64> = Map::new("publications");
/// The id of the most recently released candidate.
pub const LATEST_RELEASE: Item<String> = Item::new("latest_release");
pub const RELEASE_LOG: Log<ReleaseEventKind, ReleaseEventData> = Log::new(LogName::Release);

/// One byte per status, the first component of the status index key.
pub fn status_code(status: ReleaseStatus) -> u8 {
    match status {
        ReleaseStatus::Auditing => 0,
        ReleaseStatus::Voting => 1,
        ReleaseStatus::Approved => 2,
        ReleaseStatus::Released => 3,
        ReleaseStatus::Withdrawn => 4,
    }
}

/// Moves a release to `status` (`old` its current one, `None` for a new release),
/// keeping the raw status and the index in step.
pub fn set_status(
    store: &mut dyn cosmwasm_std::Storage,
    release_id: &str,
    old: Option<ReleaseStatus>,
    status: ReleaseStatus,
) -> cosmwasm_std::StdResult<()> {
    if let Some(old) = old {
        STATUS_INDEX.remove(store, (status_code(old), release_id));
    }
    STATUS_INDEX.save(store, (status_code(status), release_id), &())?;
    RELEASE_STATUS.save(store, release_id, &status)
}

/// A release's status and record; `ReleaseNotFound` names an unknown id.
pub fn load_release(
    store: &dyn cosmwasm_std::Storage,
    release_id: &str,
) -> Result<(ReleaseStatus, ReleaseRecord), crate::ContractError> {
    let status = RELEASE_STATUS.may_load(store, release_id)?.ok_or_else(|| {
        crate::ContractError::ReleaseNotFound {
            release_id: release_id.to_string(),
        }
    })?;
    Ok((
        status,
        RECORDS.may_load(store, release_id)?.unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_compact() {
        let record = ReleaseRecord {
            proposal_id: Some(3),
            decision_seq: Some(5),
            publications: 2,
            ..ReleaseRecord::default()
        };
        let json = cosmwasm_std::to_json_string(&record).unwrap();
        assert_eq!(json, "[3,5,null,null,2]");
        assert_eq!(
            cosmwasm_std::from_json::<ReleaseRecord>(&json).unwrap(),
            record
        );
    }

    #[test]
    fn status_codes_are_distinct() {
        let mut codes: Vec<u8> = ReleaseStatus::ALL.into_iter().map(status_code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ReleaseStatus::ALL.len());
    }
}
