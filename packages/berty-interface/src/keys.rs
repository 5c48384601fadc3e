//! The raw storage layout peers read instead of calling a contract (SPEC section 2): a raw
//! read costs about 1,000 gas where a contract call costs about 60,000. The owning
//! contract stores under exactly these keys; peers read them with the helpers here.

use berty_hashlog::{Log, LogHead, LogName};
use cosmwasm_std::{from_json, Addr, Binary, QuerierWrapper, StdResult};
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

use crate::membership::{MemberEventData, MemberEventKind, MemberResponse, QueryMsg};
use crate::release::ReleaseStatus;
use crate::role::Role;

/// membership: current members, `Addr -> MemberRecord` (the primary map of a snapshot map).
pub const MEMBERS_KEY: &str = "members";
/// membership: the snapshot map's checkpoints (unused with an every-block strategy).
pub const MEMBERS_CHECKPOINTS_KEY: &str = "members__checkpoints";
/// membership: the snapshot map's changelog, `(Addr, height) -> previous record`.
pub const MEMBERS_CHANGELOG_KEY: &str = "members__changelog";
/// membership: registered public keys, `Addr -> Binary` (33-byte compressed secp256k1).
pub const PUBKEYS_KEY: &str = "pubkeys";
/// membership: addresses governance took the auditor role from, `Addr -> ()`; the audit
/// registry reads it raw so that bonding never asks for a grant membership would refuse.
pub const BARRED_KEY: &str = "barred";
/// council-vote: the id the next proposal will get (`u64`).
pub const NEXT_PROPOSAL_ID_KEY: &str = "next_proposal_id";
/// release: each candidate's lifecycle status, `release_id -> ReleaseStatus`; the audit
/// registry reads it raw to accept reports only on open candidates (and challenges on known ones).
pub const RELEASE_STATUS_KEY: &str = "release_status";
/// The members log's one chain key.
pub const MEMBERS_LOG_KEY: &str = "dao";

/// What membership stores per current member: the role and the height of the block in
/// which it last changed. A record whose `since` is below a snapshot height tells the
/// role at that snapshot without a query. Stored as `[role code, since]` (e.g. `[3,120]`):
/// it is written, with a changelog copy, on every change, at 30 gas a byte.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(into = "(u8, u64)", try_from = "(u8, u64)")]
pub struct MemberRecord {
    pub role: Role,
    pub since: u64,
}

impl From<MemberRecord> for (u8, u64) {
    fn from(record: MemberRecord) -> Self {
        (record.role.code(), record.since)
    }
}

impl TryFrom<(u8, u64)> for MemberRecord {
    type Error = String;

    fn try_from((code, since): (u8, u64)) -> Result<Self, Self::Error> {
        let role = Role::from_code(code).ok_or_else(|| format!("unknown role code {code}"))?;
        Ok(MemberRecord { role, since })
    }
}

pub const MEMBERS: Map<&Addr, MemberRecord> = Map::new(MEMBERS_KEY);
pub const PUBKEYS: Map<&Addr, Binary> = Map::new(PUBKEYS_KEY);
pub const BARRED: Map<&Addr, ()> = Map::new(BARRED_KEY);
pub const NEXT_PROPOSAL_ID: Item<u64> = Item::new(NEXT_PROPOSAL_ID_KEY);
pub const MEMBERS_LOG: Log<MemberEventKind, MemberEventData> = Log::new(LogName::Members);
pub const RELEASE_STATUS: Map<&str, ReleaseStatus> = Map::new(RELEASE_STATUS_KEY);

/// A candidate's status in the release contract at `release`: one raw read, `None` for
/// an unknown release id.
pub fn release_status(
    querier: &QuerierWrapper,
    release: &Addr,
    release_id: &str,
) -> StdResult<Option<ReleaseStatus>> {
    RELEASE_STATUS.query(querier, release.clone(), release_id)
}

/// The id council-vote will give its next proposal (the release contract reads it just
/// before it sends `open_release_vote`). Ids start at 1.
pub fn next_proposal_id(querier: &QuerierWrapper, council_vote: &Addr) -> StdResult<u64> {
    match querier.query_wasm_raw(council_vote.clone(), NEXT_PROPOSAL_ID_KEY.as_bytes())? {
        Some(bytes) => from_json(bytes),
        None => Ok(1),
    }
}

/// A peer's view of the membership contract: raw reads first, a smart query only when
/// the raw record cannot answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipReader(pub Addr);

impl MembershipReader {
    /// The member's current record, `None` for an address with no role.
    pub fn record(&self, querier: &QuerierWrapper, addr: &Addr) -> StdResult<Option<MemberRecord>> {
        MEMBERS.query(querier, self.0.clone(), addr)
    }

    /// The role `addr` held at the start of block `height`. One raw read when the
    /// record predates `height`; otherwise (changed at or after `height`, or no role
    /// now) the snapshot query `member { at_height }`.
    pub fn role_at(
        &self,
        querier: &QuerierWrapper,
        addr: &Addr,
        height: u64,
    ) -> StdResult<Option<Role>> {
        match self.record(querier, addr)? {
            Some(record) if record.since < height => Ok(Some(record.role)),
            _ => {
                let answer: MemberResponse = querier.query_wasm_smart(
                    self.0.clone(),
                    &QueryMsg::Member {
                        addr: addr.to_string(),
                        at_height: Some(height),
                    },
                )?;
                Ok(answer.role)
            }
        }
    }

    /// Whether governance barred `addr` from the registrar's grants: one raw read.
    pub fn is_barred(&self, querier: &QuerierWrapper, addr: &Addr) -> StdResult<bool> {
        Ok(querier
            .query_wasm_raw(self.0.clone(), BARRED.key(addr).to_vec())?
            .is_some())
    }

    pub fn pubkey(&self, querier: &QuerierWrapper, addr: &Addr) -> StdResult<Option<Binary>> {
        PUBKEYS.query(querier, self.0.clone(), addr)
    }

    /// The members log head, as the release log commits to it.
    pub fn members_log_head(&self, querier: &QuerierWrapper, chain_id: &str) -> StdResult<LogHead> {
        MEMBERS_LOG.query_head(querier, &self.0, chain_id, MEMBERS_LOG_KEY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::College;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn member_record_is_compact_and_round_trips() {
        for role in Role::ALL {
            let record = MemberRecord { role, since: 120 };
            let json = to_json_string(&record).unwrap();
            assert_eq!(json, format!("[{},120]", role.code()));
            assert_eq!(from_json::<MemberRecord>(&json).unwrap(), record);
        }
        let technologist = MemberRecord {
            role: Role::Council {
                college: College::Technologists,
            },
            since: 7,
        };
        assert_eq!(to_json_string(&technologist).unwrap(), "[2,7]");
        assert!(from_json::<MemberRecord>("[9,1]").is_err());
        assert!(from_json::<MemberRecord>(r#"{"role":"auditor","since":1}"#).is_err());
    }
}
