//! Storage. A candidate's status lives only under the interface's `RELEASE_STATUS` key
//! (the audit registry reads it raw), with an index by status for `releases { status }`.

use berty_interface::release::{
    Artifact, BuildInfo, CouncilDecision, ReleaseEventData, ReleaseEventKind, ReleaseStatus,
};
use berty_trail::{Log, LogName};
use cosmwasm_std::{Addr, Timestamp};
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

/// A candidate, less its status (kept in `RELEASE_STATUS`), artifacts and publications
/// (kept apart so that attesting a publication does not rewrite them).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Release {
    pub version: String,
    pub proposer: Addr,
    pub proposed_height: u64,
    pub proposed_at: Timestamp,
    pub source_uri: String,
    pub commit: Option<String>,
    pub notes_uri: Option<String>,
    /// The current (or last) council vote.
    pub proposal_id: Option<u64>,
    /// The decision of the vote `proposal_id`, once recorded.
    pub decision: Option<CouncilDecision>,
    pub build: Option<BuildInfo>,
    pub released_at: Option<Timestamp>,
    pub publications: u32,
    pub withdrawn_reason: Option<String>,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const RELEASES: Map<&str, Release> = Map::new("releases");
/// `(status code, release_id)`: the releases of one status, in id order.
pub const STATUS_INDEX: Map<(u8, &str), ()> = Map::new("status_index");
/// Finalized artifacts, written once.
pub const ARTIFACTS: Map<&str, Vec<Artifact>> = Map::new("artifacts");
/// `(release_id, channel, artifact_digest)`: one attestation per channel and artifact.
pub const PUBLICATIONS: Map<(&str, &str, &str), PublicationRecord> = Map::new("publications");
/// The id of the most recently released candidate.
pub const LATEST_RELEASE: Item<String> = Item::new("latest_release");
pub const RELEASE_LOG: Log<ReleaseEventKind, ReleaseEventData> = Log::new(LogName::Release);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PublicationRecord {
    pub listing_uri: Option<String>,
    pub publisher: Addr,
    pub time: Timestamp,
}

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

/// A release and its status; `ReleaseNotFound` names an unknown id.
pub fn load_release(
    store: &dyn cosmwasm_std::Storage,
    release_id: &str,
) -> Result<(Release, ReleaseStatus), crate::ContractError> {
    let not_found = || crate::ContractError::ReleaseNotFound {
        release_id: release_id.to_string(),
    };
    let release = RELEASES
        .may_load(store, release_id)?
        .ok_or_else(not_found)?;
    let status = RELEASE_STATUS
        .may_load(store, release_id)?
        .ok_or_else(not_found)?;
    Ok((release, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_are_distinct() {
        let mut codes: Vec<u8> = ReleaseStatus::ALL.into_iter().map(status_code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ReleaseStatus::ALL.len());
    }
}
