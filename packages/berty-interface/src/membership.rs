//! Messages and answers of the membership contract (SPEC section 4.1).

use berty_hashlog::LogEventsResponse;
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary};
use serde::Deserialize;

use crate::role::{College, Role, RoleFilter};

/// At most this many entries in `members`, `add` or `remove` of one message.
pub const MAX_BATCH: usize = 100;

/// A member to add: a bech32 address and its one role.
#[cw_serde]
pub struct MemberInit {
    pub addr: String,
    pub role: Role,
}

#[cw_serde]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// The DAO's governance (the council-vote contract), or a bootstrap admin that hands
    /// ownership over with `transfer_ownership`.
    pub owner: String,
    /// The audit registry, which grants and revokes the auditor role of staked auditors.
    pub auditor_registrar: Option<String>,
    /// Genesis members, logged as `granted` events: at least one per college (an empty
    /// college is refused with `CollegeEmpty`).
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Option<Vec<MemberInit>>")]
    pub members: Vec<MemberInit>,
}

#[cw_serde]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// Owner: one atomic batch. An address in `add` that already has a role gets the new one.
    /// Taking the auditor role from an address bars it from the registrar's `grant_auditor`
    /// until a batch adds it as an auditor again (removing an auditor the registrar already
    /// revoked bars it too); no batch may leave a college empty.
    UpdateMembers {
        #[serde(default, deserialize_with = "null_as_empty")]
        #[schemars(with = "Option<Vec<MemberInit>>")]
        add: Vec<MemberInit>,
        #[serde(default, deserialize_with = "null_as_empty")]
        #[schemars(with = "Option<Vec<String>>")]
        remove: Vec<String>,
    },
    /// Registrar: make `addr` an official auditor (no change if it already is one); refused
    /// for a barred address.
    GrantAuditor { addr: String },
    /// Registrar: take the auditor role from `addr`, which must hold it.
    RevokeAuditor { addr: String },
    /// Owner: set the auditor registrar.
    SetRegistrar { addr: String },
    /// A member: register the 33-byte compressed secp256k1 key of the sender's address.
    RegisterPubkey { pubkey: Binary },
    /// Owner: propose a new owner, who must accept.
    TransferOwnership { new_owner: String },
    /// The proposed owner: take ownership.
    AcceptOwnership {},
}

#[cw_serde]
pub struct MigrateMsg {}

/// Optional lists may be omitted or `null` (SPEC section 4); both mean empty.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    /// The member's role at the start of block `at_height` (now when absent) and its key.
    #[returns(MemberResponse)]
    Member {
        addr: String,
        at_height: Option<u64>,
    },
    /// Current members by address; `role` is a kind (`"council"`) or a whole role.
    #[returns(MembersResponse)]
    Members {
        role: Option<RoleFilter>,
        college: Option<College>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The addresses holding `role` now, in address order: what a peer iterates (the audit
    /// registry's gate reads the auditors this way), without keys.
    #[returns(RoleMembersResponse)]
    RoleMembers {
        role: Role,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Members per role at the start of block `at_height` (now when absent), in O(1).
    #[returns(CountsResponse)]
    Counts { at_height: Option<u64> },
    #[returns(MemberLogResponse)]
    MemberLog {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(berty_hashlog::LogHead)]
    MemberLogHead {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub pending_owner: Option<Addr>,
    pub auditor_registrar: Option<Addr>,
}

/// `role: null` for an address with no role. `pubkey` is the key registered now;
/// `barred`: governance took the auditor role from it, so the registrar may not grant it
/// again (now, whatever `at_height` asks).
#[cw_serde]
pub struct MemberResponse {
    pub addr: Addr,
    pub role: Option<Role>,
    pub pubkey: Option<Binary>,
    pub barred: bool,
}

#[cw_serde]
pub struct MembersResponse {
    pub members: Vec<MemberResponse>,
}

#[cw_serde]
pub struct RoleMembersResponse {
    pub members: Vec<Addr>,
}

#[cw_serde]
#[derive(Copy, Default, Eq)]
pub struct CountsResponse {
    pub activists: u64,
    pub technologists: u64,
    pub core_team_reps: u64,
    pub auditors: u64,
}

impl CountsResponse {
    pub fn of(&self, role: Role) -> u64 {
        match role {
            Role::Council {
                college: College::Activists,
            } => self.activists,
            Role::Council {
                college: College::Technologists,
            } => self.technologists,
            Role::CoreTeamRep => self.core_team_reps,
            Role::Auditor => self.auditors,
        }
    }

    pub fn college(&self, college: College) -> u64 {
        self.of(Role::Council { college })
    }
}

/// Kinds of the members log.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum MemberEventKind {
    Granted,
    Revoked,
    Pubkey,
}

/// Data of the members log: `{addr, role}` for `granted` / `revoked`, `{addr, key}` for `pubkey`.
#[cw_serde]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum MemberEventData {
    Role { addr: Addr, role: Role },
    Pubkey { addr: Addr, key: Binary },
}

pub type MemberLogResponse = LogEventsResponse<MemberEventKind, MemberEventData>;

berty_hashlog::stored_as_is!(MemberEventData);

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    #[test]
    fn genesis_members_may_be_omitted_or_null() {
        for json in [r#"{"owner":"o"}"#, r#"{"owner":"o","members":null}"#] {
            let msg: InstantiateMsg = from_json(json).unwrap();
            assert_eq!(msg.members, vec![]);
            assert_eq!(msg.auditor_registrar, None);
        }
    }

    #[test]
    fn update_members_lists_may_be_omitted_or_null() {
        for json in [
            r#"{"update_members":{}}"#,
            r#"{"update_members":{"add":null,"remove":null}}"#,
            r#"{"update_members":{"add":[],"remove":[]}}"#,
        ] {
            assert_eq!(
                from_json::<ExecuteMsg>(json).unwrap(),
                ExecuteMsg::UpdateMembers {
                    add: vec![],
                    remove: vec![]
                },
                "{json}"
            );
        }
        let msg: ExecuteMsg =
            from_json(r#"{"update_members":{"add":[{"addr":"a","role":"auditor"}]}}"#).unwrap();
        assert_eq!(
            msg,
            ExecuteMsg::UpdateMembers {
                add: vec![MemberInit {
                    addr: "a".into(),
                    role: Role::Auditor
                }],
                remove: vec![]
            }
        );
    }
}
