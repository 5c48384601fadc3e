//! Messages and answers of the membership contract (SPEC section 4.1).

use berty_trail::{LogEventsResponse, LogHead};
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary};

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
pub struct InstantiateMsg {
    /// The DAO's governance (the council-vote contract), or a bootstrap admin that hands
    /// ownership over with `transfer_ownership`.
    pub owner: String,
    /// The audit registry, which grants and revokes the auditor role of staked auditors.
    pub auditor_registrar: Option<String>,
    /// Genesis members, logged as `granted` events.
    pub members: Vec<MemberInit>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Owner: one atomic batch. An address in `add` that already has a role gets the new one.
    UpdateMembers {
        #[serde(default)]
        add: Vec<MemberInit>,
        #[serde(default)]
        remove: Vec<String>,
    },
    /// Registrar: make `addr` an official auditor (no change if it already is one).
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
    /// Members per role at the start of block `at_height` (now when absent), in O(1).
    #[returns(CountsResponse)]
    Counts { at_height: Option<u64> },
    #[returns(MemberLogResponse)]
    MemberLog {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(LogHead)]
    MemberLogHead {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub pending_owner: Option<Addr>,
    pub auditor_registrar: Option<Addr>,
}

/// `role: null` for an address with no role. `pubkey` is the key registered now.
#[cw_serde]
pub struct MemberResponse {
    pub addr: Addr,
    pub role: Option<Role>,
    pub pubkey: Option<Binary>,
}

#[cw_serde]
pub struct MembersResponse {
    pub members: Vec<MemberResponse>,
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
