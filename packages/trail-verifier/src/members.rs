//! The members log replayed: who held which role, and which key, after any prefix of the
//! log. "The state at the start of block h" is the prefix of the events below height h.

use std::collections::{BTreeMap, BTreeSet};

use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::Role;
use cosmwasm_std::{Addr, Binary};

use crate::bundle::MemberLogEntry;
use crate::error::{LogId, Problem, VerifyError};
use crate::keys::check_key_of;

/// A point in the members log: the state after its first `length` events.
pub type Prefix = u64;

#[derive(Clone, Debug, Default)]
pub struct MembersReplay {
    /// The height of each event, by seq (never decreasing: the chain check saw to it).
    heights: Vec<u64>,
    /// Per address, its role after each event that changed it: `(seq, role)`.
    roles: BTreeMap<Addr, Vec<(u64, Option<Role>)>>,
    /// Per address, its key and the seq of the event that registered it.
    keys: BTreeMap<Addr, (u64, Binary)>,
}

fn role_name(role: Option<Role>) -> String {
    role.map_or_else(|| "no role".to_string(), |role| role.to_string())
}

impl MembersReplay {
    /// Replays a chain-checked members log, checking that each event is possible: a grant
    /// to an address without a role, a revocation of the role held, a key of a member
    /// that hashes to its address, registered once.
    pub fn replay(log: &[MemberLogEntry]) -> Result<Self, VerifyError> {
        let mut replay = MembersReplay::default();
        for entry in log {
            let event = &entry.event;
            let fail = |problem| VerifyError::Event {
                log: LogId::Members,
                seq: event.seq,
                problem,
            };
            match (&event.kind, &event.data) {
                (MemberEventKind::Granted, MemberEventData::Role { addr, role }) => {
                    let held = replay.current_role(addr);
                    if held.is_some() {
                        return Err(fail(Problem::GrantToMember {
                            addr: addr.clone(),
                            role: role.to_string(),
                            held: role_name(held),
                        }));
                    }
                    replay.set_role(addr, event.seq, Some(*role));
                }
                (MemberEventKind::Revoked, MemberEventData::Role { addr, role }) => {
                    let held = replay.current_role(addr);
                    if held != Some(*role) {
                        return Err(fail(Problem::RevokeNotHeld {
                            addr: addr.clone(),
                            role: role.to_string(),
                            held: role_name(held),
                        }));
                    }
                    replay.set_role(addr, event.seq, None);
                }
                (MemberEventKind::Pubkey, MemberEventData::Pubkey { addr, key }) => {
                    if replay.current_role(addr).is_none() {
                        return Err(fail(Problem::PubkeyOfNonMember { addr: addr.clone() }));
                    }
                    if replay.keys.contains_key(addr) {
                        return Err(fail(Problem::PubkeyAlreadyRegistered {
                            addr: addr.clone(),
                        }));
                    }
                    if event.pubkey.as_ref() != Some(key) {
                        return Err(fail(Problem::PubkeyFieldMismatch));
                    }
                    check_key_of(addr, key).map_err(fail)?;
                    replay.keys.insert(addr.clone(), (event.seq, key.clone()));
                }
                (kind, _) => {
                    return Err(fail(Problem::KindDataMismatch {
                        kind: format!("{kind:?}").to_lowercase(),
                    }))
                }
            }
            replay.heights.push(event.height);
        }
        Ok(replay)
    }

    pub fn len(&self) -> Prefix {
        self.heights.len() as Prefix
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    fn current_role(&self, addr: &Addr) -> Option<Role> {
        self.roles
            .get(addr)
            .and_then(|changes| changes.last())
            .and_then(|(_, role)| *role)
    }

    fn set_role(&mut self, addr: &Addr, seq: u64, role: Option<Role>) {
        self.roles
            .entry(addr.clone())
            .or_default()
            .push((seq, role));
    }

    /// The prefix that is the state at the start of block `height`: events below it.
    pub fn at_block_start(&self, height: u64) -> Prefix {
        self.heights.partition_point(|&h| h < height) as Prefix
    }

    /// The prefix that is the state at the end of block `height`.
    pub fn at_block_end(&self, height: u64) -> Prefix {
        self.heights.partition_point(|&h| h <= height) as Prefix
    }

    /// The role of `addr` after the first `prefix` events.
    pub fn role_at(&self, addr: &Addr, prefix: Prefix) -> Option<Role> {
        let changes = self.roles.get(addr)?;
        let applied = changes.partition_point(|(seq, _)| *seq < prefix);
        applied.checked_sub(1).and_then(|i| changes[i].1)
    }

    /// Whether `addr` held `role` at some moment of block `height`: the logs do not order
    /// acts of different contracts within a block, so an act of that block is checked
    /// against each state the block went through.
    pub fn held_during_block(&self, addr: &Addr, role: Role, height: u64) -> bool {
        (self.at_block_start(height)..=self.at_block_end(height))
            .any(|prefix| self.role_at(addr, prefix) == Some(role))
    }

    /// The key registered for `addr` after the first `prefix` events.
    pub fn key_at(&self, addr: &Addr, prefix: Prefix) -> Option<&Binary> {
        self.keys
            .get(addr)
            .filter(|(seq, _)| *seq < prefix)
            .map(|(_, key)| key)
    }

    /// The members holding `role` after the first `prefix` events.
    pub fn holders(&self, role: Role, prefix: Prefix) -> BTreeSet<&Addr> {
        self.roles
            .keys()
            .filter(|addr| self.role_at(addr, prefix) == Some(role))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_hashlog::{Event, LogEntry};
    use berty_interface::College;
    use cosmwasm_std::Timestamp;

    const ACTIVIST: Role = Role::Council {
        college: College::Activists,
    };

    fn entry(
        seq: u64,
        height: u64,
        kind: MemberEventKind,
        addr: &str,
        role: Role,
    ) -> MemberLogEntry {
        LogEntry {
            event: Event {
                seq,
                height,
                time: Timestamp::from_seconds(height),
                contract: Addr::unchecked("membership"),
                actor: Addr::unchecked("owner"),
                pubkey: None,
                kind,
                data: MemberEventData::Role {
                    addr: Addr::unchecked(addr),
                    role,
                },
            },
            hash: String::new(),
        }
    }

    #[test]
    fn roles_follow_prefixes_and_block_boundaries() {
        use MemberEventKind::{Granted, Revoked};
        let log = vec![
            entry(0, 5, Granted, "a", ACTIVIST),
            entry(1, 5, Granted, "b", Role::Auditor),
            entry(2, 8, Revoked, "a", ACTIVIST),
            entry(3, 8, Granted, "a", Role::CoreTeamRep),
        ];
        let replay = MembersReplay::replay(&log).unwrap();
        let a = Addr::unchecked("a");
        assert_eq!(replay.at_block_start(5), 0);
        assert_eq!(replay.at_block_end(5), 2);
        assert_eq!(replay.at_block_start(8), 2);
        assert_eq!(replay.at_block_start(100), 4);
        assert_eq!(replay.role_at(&a, 0), None);
        assert_eq!(replay.role_at(&a, 1), Some(ACTIVIST));
        assert_eq!(replay.role_at(&a, 3), None);
        assert_eq!(replay.role_at(&a, 4), Some(Role::CoreTeamRep));
        assert!(replay.held_during_block(&a, ACTIVIST, 8));
        assert!(replay.held_during_block(&a, Role::CoreTeamRep, 8));
        assert!(!replay.held_during_block(&a, Role::CoreTeamRep, 7));
        assert!(!replay.held_during_block(&a, ACTIVIST, 5 - 1));
        assert_eq!(replay.holders(ACTIVIST, 2).len(), 1);
        assert_eq!(replay.holders(ACTIVIST, 4).len(), 0);
    }

    proptest::proptest! {
        /// `role_at` after any prefix, `holders` and the block boundaries agree with a
        /// plain replay of that prefix.
        #[test]
        fn prefixes_agree_with_a_plain_replay(ops in proptest::collection::vec((0usize..4, 0usize..4, 0u64..3), 0..40)) {
            use MemberEventKind::{Granted, Revoked};
            let addrs = ["a", "b", "c", "d"];
            let mut state: BTreeMap<&str, Role> = BTreeMap::new();
            let mut states = vec![state.clone()];
            let mut log = Vec::new();
            let mut height = 1;
            for (who, role, step) in ops {
                let addr = addrs[who];
                height += step;
                let seq = log.len() as u64;
                match state.get(addr).copied() {
                    Some(held) => {
                        log.push(entry(seq, height, Revoked, addr, held));
                        state.remove(addr);
                    }
                    None => {
                        log.push(entry(seq, height, Granted, addr, Role::ALL[role]));
                        state.insert(addr, Role::ALL[role]);
                    }
                }
                states.push(state.clone());
            }
            let replay = MembersReplay::replay(&log).unwrap();
            for (prefix, expected) in states.iter().enumerate() {
                for addr in addrs {
                    proptest::prop_assert_eq!(
                        replay.role_at(&Addr::unchecked(addr), prefix as u64),
                        expected.get(addr).copied()
                    );
                }
                for role in Role::ALL {
                    let holders = replay.holders(role, prefix as u64).len();
                    proptest::prop_assert_eq!(holders, expected.values().filter(|r| **r == role).count());
                }
            }
            for h in 0..=height + 1 {
                let start = replay.at_block_start(h) as usize;
                let end = replay.at_block_end(h) as usize;
                proptest::prop_assert!(log[..start].iter().all(|e| e.event.height < h));
                proptest::prop_assert!(log[start..end].iter().all(|e| e.event.height == h));
                proptest::prop_assert!(log[end..].iter().all(|e| e.event.height > h));
            }
        }
    }

    #[test]
    fn impossible_events_are_refused() {
        use MemberEventKind::{Granted, Revoked};
        let twice = vec![
            entry(0, 1, Granted, "a", ACTIVIST),
            entry(1, 1, Granted, "a", Role::Auditor),
        ];
        assert!(matches!(
            MembersReplay::replay(&twice),
            Err(VerifyError::Event {
                log: LogId::Members,
                seq: 1,
                problem: Problem::GrantToMember { .. }
            })
        ));
        let wrong_role = vec![
            entry(0, 1, Granted, "a", ACTIVIST),
            entry(1, 1, Revoked, "a", Role::Auditor),
        ];
        assert!(matches!(
            MembersReplay::replay(&wrong_role),
            Err(VerifyError::Event {
                seq: 1,
                problem: Problem::RevokeNotHeld { .. },
                ..
            })
        ));
    }
}
