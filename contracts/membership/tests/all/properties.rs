//! Property tests: whatever sequence of role changes, the counts are the members per
//! role, at every past height as now, the log holds one event per change, no college is
//! ever left empty, and the bar follows governance's taking and giving of the auditor role.

use berty_interface::membership::CountsResponse;
use berty_interface::{College, Role};
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, TECHNOLOGIST};
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
        activists: n(ACTIVIST),
        technologists: n(TECHNOLOGIST),
        core_team_reps: n(Role::CoreTeamRep),
        auditors: n(Role::Auditor),
    }
}

/// The college a set of roles leaves empty, activists first (as the contract checks).
fn empty_college(roles: &[Option<Role>]) -> Option<&'static str> {
    College::ALL
        .into_iter()
        .find(|college| !roles.contains(&Some(Role::Council { college: *college })))
        .map(|college| college.as_str())
}

/// The model of one `update_members` of person `p` to `new`: the error the contract must
/// give, or the new roles and bars.
/// `last` is the role each person held at the start of the block of its last change (what
/// membership's changelog keeps): removing a roleless person whose last role was the auditor
/// role bars it.
fn governance(
    roles: &[Option<Role>],
    barred: &[bool],
    last: &[Option<Role>],
    p: usize,
    new: Option<Role>,
    addr: &cosmwasm_std::Addr,
) -> Result<(Vec<Option<Role>>, Vec<bool>), ContractError> {
    let old = roles[p];
    if new.is_none() && old.is_none() {
        if last[p] != Some(Role::Auditor) {
            return Err(ContractError::NotAMember { addr: addr.clone() });
        }
        let mut barred = barred.to_vec();
        barred[p] = true;
        return Ok((roles.to_vec(), barred));
    }
    let (mut roles, mut barred) = (roles.to_vec(), barred.to_vec());
    if old == new {
        return Ok((roles, barred));
    }
    roles[p] = new;
    if let Some(college) = empty_college(&roles) {
        return Err(ContractError::CollegeEmpty { college });
    }
    if new == Some(Role::Auditor) {
        barred[p] = false;
    } else if old == Some(Role::Auditor) {
        barred[p] = true;
    }
    Ok((roles, barred))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn counts_snapshots_log_colleges_and_bars_follow_the_model(ops in proptest::collection::vec(op(), 1..30)) {
        // p0 and p1 hold the colleges' only seats at genesis: the ops may try to empty them
        let mut suite = MembershipSuite::new(&[("p0", ACTIVIST), ("p1", TECHNOLOGIST)]);
        let people: Vec<_> = (0..PEOPLE).map(|i| suite.addr(&format!("p{i}"))).collect();
        let mut model: Vec<Option<Role>> = vec![None; PEOPLE];
        model[0] = Some(ACTIVIST);
        model[1] = Some(TECHNOLOGIST);
        let mut barred = vec![false; PEOPLE];
        // per person: the role at the start of the block of its last change, and that block
        let mut last: Vec<Option<Role>> = vec![None; PEOPLE];
        let mut changed_in: Vec<Option<u64>> = vec![None; PEOPLE];
        // the model as it stood at the start of each block
        let mut history: Vec<(u64, Vec<Option<Role>>)> = vec![];
        let mut changes = 2u64;
        suite.next_block();
        history.push((suite.height(), model.clone()));
        for op in ops {
            let before = model.clone();
            // what the model expects: the new (roles, bars), or the error
            let expected = match op {
                Op::Set(p, role) => governance(&model, &barred, &last, p, Some(role), &people[p]),
                Op::Remove(p) => governance(&model, &barred, &last, p, None, &people[p]),
                Op::Grant(p) => match model[p] {
                    Some(role) if role != Role::Auditor => Err(ContractError::RoleConflict { addr: people[p].clone(), role }),
                    _ if barred[p] => Err(ContractError::Barred { addr: people[p].clone() }),
                    _ => {
                        let mut roles = model.clone();
                        roles[p] = Some(Role::Auditor);
                        Ok((roles, barred.clone()))
                    }
                },
                Op::Revoke(p) => if model[p] == Some(Role::Auditor) {
                    let mut roles = model.clone();
                    roles[p] = None;
                    Ok((roles, barred.clone()))
                } else {
                    Err(ContractError::NotAnAuditor { addr: people[p].clone() })
                },
                Op::NextBlock => Ok((model.clone(), barred.clone())),
            };
            let actual = match op {
                Op::Set(p, role) => suite.update_members(vec![member(&people[p], role)], vec![]).map(drop),
                Op::Remove(p) => suite.update_members(vec![], vec![&people[p]]).map(drop),
                Op::Grant(p) => suite.grant_auditor(&people[p]).map(drop),
                Op::Revoke(p) => suite.revoke_auditor(&people[p]).map(drop),
                Op::NextBlock => { suite.next_block(); history.push((suite.height(), model.clone())); Ok(()) }
            };
            // failures are exactly the refused cases, with their error, and change nothing
            match (expected, actual) {
                (Ok((roles, bars)), Ok(())) => { model = roles; barred = bars; }
                (Err(want), Err(got)) => assert_error(got, want),
                (want, got) => prop_assert!(false, "{op:?}: expected {:?}, got {got:?}", want.map(drop)),
            }
            let block_start = &history.last().unwrap().1;
            for p in 0..PEOPLE {
                if before[p] != model[p] {
                    changes += u64::from(before[p].is_some()) + u64::from(model[p].is_some());
                    if changed_in[p] != Some(suite.height()) {
                        changed_in[p] = Some(suite.height());
                        last[p] = block_start[p];
                    }
                }
            }
            prop_assert_eq!(empty_college(&model), None);
            prop_assert_eq!(suite.counts(None), recount(&model));
            for (p, addr) in people.iter().enumerate() {
                let answer = suite.member(addr, None);
                prop_assert_eq!((answer.role, answer.barred), (model[p], barred[p]), "p{}", p);
            }
            for role in Role::ALL {
                let mut holders: Vec<_> = people.iter().zip(&model).filter(|(_, r)| **r == Some(role)).map(|(a, _)| a.clone()).collect();
                holders.sort();
                prop_assert_eq!(suite.role_members(role, None, None), holders, "{}", role);
            }
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
