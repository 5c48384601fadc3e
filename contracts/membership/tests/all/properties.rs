//! Property tests: whatever sequence of role changes, the counts are the members per
//! role, at every past height as now, and the log holds one event per change.

use berty_interface::membership::CountsResponse;
use berty_interface::Role;
use berty_testing::membership::{member, MembershipSuite};
use proptest::prelude::*;

const PEOPLE: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    Set(usize, Role),
    Remove(usize),
    Grant(usize),
    Revoke(usize),
    NextBlock,
}

fn op() -> impl Strategy<Value = Op> {
    let role = proptest::sample::select(Role::ALL.to_vec());
    prop_oneof![
        (0..PEOPLE, role).prop_map(|(p, r)| Op::Set(p, r)),
        (0..PEOPLE).prop_map(Op::Remove),
        (0..PEOPLE).prop_map(Op::Grant),
        (0..PEOPLE).prop_map(Op::Revoke),
        Just(Op::NextBlock),
    ]
}

fn recount(roles: &[Option<Role>]) -> CountsResponse {
    let n = |role: Role| roles.iter().filter(|r| **r == Some(role)).count() as u64;
    CountsResponse {
        activists: n(Role::ALL[0]),
        technologists: n(Role::ALL[1]),
        core_team_reps: n(Role::CoreTeamRep),
        auditors: n(Role::Auditor),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn counts_snapshots_and_log_follow_the_model(ops in proptest::collection::vec(op(), 1..30)) {
        let mut suite = MembershipSuite::new(&[]);
        let people: Vec<_> = (0..PEOPLE).map(|i| suite.addr(&format!("p{i}"))).collect();
        let mut model: Vec<Option<Role>> = vec![None; PEOPLE];
        // the model as it stood at the start of each block
        let mut history: Vec<(u64, Vec<Option<Role>>)> = vec![];
        let mut changes = 0u64;
        suite.next_block();
        history.push((suite.height(), model.clone()));
        for op in ops {
            let before = model.clone();
            let ok = match op {
                Op::Set(p, role) => suite.update_members(vec![member(&people[p], role)], vec![]).map(|_| model[p] = Some(role)).is_ok(),
                Op::Remove(p) => suite.update_members(vec![], vec![&people[p]]).map(|_| model[p] = None).is_ok(),
                Op::Grant(p) => suite.grant_auditor(&people[p]).map(|_| model[p] = Some(Role::Auditor)).is_ok(),
                Op::Revoke(p) => suite.revoke_auditor(&people[p]).map(|_| model[p] = None).is_ok(),
                Op::NextBlock => { suite.next_block(); history.push((suite.height(), model.clone())); true }
            };
            // failures are exactly the refused cases, and change nothing
            match op {
                Op::Remove(p) => prop_assert_eq!(ok, before[p].is_some()),
                Op::Grant(p) => prop_assert_eq!(ok, matches!(before[p], None | Some(Role::Auditor))),
                Op::Revoke(p) => prop_assert_eq!(ok, before[p] == Some(Role::Auditor)),
                _ => prop_assert!(ok),
            }
            for p in 0..PEOPLE {
                if before[p] != model[p] {
                    changes += u64::from(before[p].is_some()) + u64::from(model[p].is_some());
                }
            }
            prop_assert_eq!(suite.counts(None), recount(&model));
        }
        for (height, roles) in &history {
            prop_assert_eq!(suite.counts(Some(*height)), recount(roles));
            for (p, addr) in people.iter().enumerate() {
                prop_assert_eq!(suite.member(addr, Some(*height)).role, roles[p]);
            }
        }
        prop_assert_eq!(suite.member_log_head().length, changes);
    }
}
