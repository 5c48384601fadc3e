//! Storage. The member records, public keys and members log live under the keys the
//! interface crate owns, because peers read them raw.

use berty_interface::keys::{
    MemberRecord, MEMBERS_CHANGELOG_KEY, MEMBERS_CHECKPOINTS_KEY, MEMBERS_KEY,
};
use berty_interface::membership::CountsResponse;
use berty_interface::Role;
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map, SnapshotItem, SnapshotMap, Strategy};
use serde::{Deserialize, Serialize};

pub use berty_interface::keys::{BARRED, MEMBERS_LOG, MEMBERS_LOG_KEY, PUBKEYS};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub owner: Addr,
    pub pending_owner: Option<Addr>,
    pub auditor_registrar: Option<Addr>,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// Current members and, in the changelog, each one's record before every change, so
/// `member { at_height }` is one changelog seek.
pub const MEMBERS: SnapshotMap<&Addr, MemberRecord> = SnapshotMap::new(
    MEMBERS_KEY,
    MEMBERS_CHECKPOINTS_KEY,
    MEMBERS_CHANGELOG_KEY,
    Strategy::EveryBlock,
);

/// `(role code, addr)` for listing the members of one role in address order.
pub const ROLE_INDEX: Map<(u8, &Addr), ()> = Map::new("role_index");

/// Members per role, in role-code order, snapshotted every block for `counts { at_height }`.
/// Stored as a bare array to keep every write of it (and its changelog) small.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoleCounts(pub [u64; 4]);

impl RoleCounts {
    fn slot(role: Role) -> usize {
        usize::from(role.code() - 1)
    }

    pub fn add(&mut self, role: Role) {
        self.0[Self::slot(role)] += 1;
    }

    pub fn remove(&mut self, role: Role) {
        self.0[Self::slot(role)] -= 1;
    }

    pub fn of(&self, role: Role) -> u64 {
        self.0[Self::slot(role)]
    }
}

impl From<RoleCounts> for CountsResponse {
    fn from(RoleCounts([activists, technologists, core_team_reps, auditors]): RoleCounts) -> Self {
        CountsResponse {
            activists,
            technologists,
            core_team_reps,
            auditors,
        }
    }
}

pub const COUNTS: SnapshotItem<RoleCounts> = SnapshotItem::new(
    "counts",
    "counts__checkpoints",
    "counts__changelog",
    Strategy::EveryBlock,
);

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::College;

    #[test]
    fn role_counts_by_role() {
        let mut counts = RoleCounts::default();
        for role in Role::ALL {
            counts.add(role);
        }
        counts.add(Role::Auditor);
        counts.remove(Role::Council {
            college: College::Activists,
        });
        let answer = CountsResponse::from(counts);
        assert_eq!(
            answer,
            CountsResponse {
                activists: 0,
                technologists: 1,
                core_team_reps: 1,
                auditors: 2
            }
        );
        for role in Role::ALL {
            assert_eq!(answer.of(role), counts.0[usize::from(role.code() - 1)]);
        }
        // stored as a bare array: small writes
        assert_eq!(cosmwasm_std::to_json_string(&counts).unwrap(), "[0,1,1,2]");
    }
}
