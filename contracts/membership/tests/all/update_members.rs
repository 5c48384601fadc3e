use berty_interface::membership::{
    CountsResponse, ExecuteMsg, MemberEventKind, MemberInit, MAX_BATCH,
};
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{
    assert_attributes, logged, member, role_change, wasm_attributes, MembershipSuite, ACTIVIST,
    TECHNOLOGIST,
};
use cosmwasm_std::Addr;
use cw_multi_test::Executor;

/// Two activists, one technologist (bob: the last of his college), a CTR, an auditor.
fn suite() -> MembershipSuite {
    MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("amir", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("carol", Role::CoreTeamRep),
        ("audra", Role::Auditor),
    ])
}

const ACTIVIST_JSON: &str = r#"{"council":{"college":"activists"}}"#;
const TECHNOLOGIST_JSON: &str = r#"{"council":{"college":"technologists"}}"#;

#[test]
fn adds_changes_and_removes_in_one_batch() {
    let mut suite = suite();
    let (alice, bob, carol, erin) = (
        suite.addr("alice"),
        suite.addr("bob"),
        suite.addr("carol"),
        suite.addr("erin"),
    );
    suite.next_block();
    let res = suite
        .update_members(
            vec![
                member(&erin, TECHNOLOGIST),
                member(&alice, Role::CoreTeamRep),
            ],
            vec![&bob],
        )
        .unwrap();
    // per log event `member`, `role`, `change`: removals first, then additions in batch
    // order, a role change as the old role revoked then the new one granted; then the
    // members log's `seq` of each event (genesis took 0..=4)
    assert_attributes(
        &res,
        &[
            ("action", "update_members"),
            ("changed", "3"),
            ("member", bob.as_str()),
            ("role", TECHNOLOGIST_JSON),
            ("change", "revoked"),
            ("member", erin.as_str()),
            ("role", TECHNOLOGIST_JSON),
            ("change", "granted"),
            ("member", alice.as_str()),
            ("role", ACTIVIST_JSON),
            ("change", "revoked"),
            ("member", alice.as_str()),
            ("role", "core_team_rep"),
            ("change", "granted"),
            ("log", "members"),
            ("seq", "5"),
            ("log", "members"),
            ("seq", "6"),
            ("log", "members"),
            ("seq", "7"),
            ("log", "members"),
            ("seq", "8"),
        ],
    );
    // the seqs name exactly the events this batch appended, in the order of the triples
    let logged = logged(suite.member_log(Some(4), None));
    let event = |seq, kind, addr: &Addr, role| (seq, kind, role_change(addr, role));
    use MemberEventKind::{Granted, Revoked};
    assert_eq!(
        logged,
        vec![
            event(5, Revoked, &bob, TECHNOLOGIST),
            event(6, Granted, &erin, TECHNOLOGIST),
            event(7, Revoked, &alice, ACTIVIST),
            event(8, Granted, &alice, Role::CoreTeamRep),
        ]
    );

    assert_eq!(suite.role(&alice), Some(Role::CoreTeamRep));
    assert_eq!(suite.role(&bob), None);
    assert_eq!(suite.role(&carol), Some(Role::CoreTeamRep));
    assert_eq!(suite.role(&erin), Some(TECHNOLOGIST));
    assert_eq!(suite.counts(None), counts(1, 1, 2, 1));
}

#[test]
fn re_adding_the_same_role_changes_nothing() {
    let mut suite = suite();
    let alice = suite.addr("alice");
    let before = suite.member_log_head();
    let res = suite
        .update_members(vec![member(&alice, ACTIVIST)], vec![])
        .unwrap();
    // no change: no member attributes, nothing appended, so no log/seq either
    assert_attributes(&res, &[("action", "update_members"), ("changed", "0")]);
    assert_eq!(suite.member_log_head(), before);
    assert_eq!(suite.counts(None).activists, 2);
}

#[test]
fn only_the_owner() {
    let mut suite = suite();
    let alice = suite.addr("alice");
    let msg = ExecuteMsg::UpdateMembers {
        add: vec![],
        remove: vec![alice.to_string()],
    };
    for sender in [
        alice.clone(),
        suite.registrar.clone(),
        suite.deployer.clone(),
    ] {
        let err = suite.execute_err(&sender, &msg);
        assert_error(
            err,
            ContractError::Unauthorized {
                sender,
                required: "the owner",
            },
        );
    }
    assert_eq!(suite.role(&alice), Some(ACTIVIST));
}

#[test]
fn refuses_duplicates_non_members_and_invalid_addresses_atomically() {
    let mut suite = suite();
    let (alice, bob, zed) = (suite.addr("alice"), suite.addr("bob"), suite.addr("zed"));
    let head = suite.member_log_head();

    let err = suite
        .update_members(
            vec![member(&zed, ACTIVIST), member(&zed, TECHNOLOGIST)],
            vec![],
        )
        .unwrap_err();
    assert_error(err, ContractError::DuplicateMember { addr: zed.clone() });

    let err = suite
        .update_members(vec![member(&alice, TECHNOLOGIST)], vec![&alice])
        .unwrap_err();
    assert_error(
        err,
        ContractError::DuplicateMember {
            addr: alice.clone(),
        },
    );

    // bob is removed first, then zed fails: nothing of the batch stays
    let err = suite
        .update_members(vec![member(&alice, Role::Auditor)], vec![&bob, &zed])
        .unwrap_err();
    assert_error(err, ContractError::NotAMember { addr: zed.clone() });

    let owner = suite.owner.clone();
    let err = suite.execute_err(
        &owner,
        &ExecuteMsg::UpdateMembers {
            add: vec![MemberInit {
                addr: "COSMWASM1XYZ".into(),
                role: ACTIVIST,
            }],
            remove: vec![],
        },
    );
    assert!(err.contains("invalid address \"COSMWASM1XYZ\""), "{err}");

    let err = suite.execute_err(
        &owner,
        &ExecuteMsg::UpdateMembers {
            add: vec![],
            remove: vec![],
        },
    );
    assert_error(err, ContractError::EmptyBatch);

    assert_eq!(suite.role(&alice), Some(ACTIVIST));
    assert_eq!(suite.role(&bob), Some(TECHNOLOGIST));
    assert_eq!(suite.role(&zed), None);
    assert_eq!(suite.member_log_head(), head);
}

#[test]
fn bounded_batches() {
    let mut suite = suite();
    let many: Vec<_> = (0..=MAX_BATCH)
        .map(|i| suite.addr(&format!("m{i}")))
        .collect();
    let err = suite
        .update_members(
            many.iter().map(|a| member(a, Role::Auditor)).collect(),
            vec![],
        )
        .unwrap_err();
    assert_error(
        err,
        ContractError::BatchTooLarge {
            field: "add",
            len: MAX_BATCH + 1,
            max: MAX_BATCH,
        },
    );
    let err = suite
        .update_members(vec![], many.iter().collect())
        .unwrap_err();
    assert_error(
        err,
        ContractError::BatchTooLarge {
            field: "remove",
            len: MAX_BATCH + 1,
            max: MAX_BATCH,
        },
    );
    // exactly the bound is fine
    suite
        .update_members(
            many[..MAX_BATCH]
                .iter()
                .map(|a| member(a, Role::Auditor))
                .collect(),
            vec![],
        )
        .unwrap();
    assert_eq!(suite.counts(None).auditors, MAX_BATCH as u64 + 1);
}

#[test]
fn add_and_remove_may_be_omitted_in_json() {
    let mut suite = suite();
    let zed = suite.addr("zed");
    let owner = suite.owner.clone();
    let json = format!(r#"{{"update_members":{{"add":[{{"addr":"{zed}","role":"auditor"}}]}}}}"#);
    suite
        .app
        .execute(
            owner,
            cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
                contract_addr: suite.contract.to_string(),
                msg: cosmwasm_std::Binary::from(json.as_bytes()),
                funds: vec![],
            }),
        )
        .unwrap();
    assert_eq!(suite.role(&zed), Some(Role::Auditor));
}

/// SPEC 4.1: an empty college could never open a proposal again.
#[test]
fn removing_the_last_member_of_a_college_is_refused() {
    let mut suite = suite();
    let (alice, amir, bob) = (suite.addr("alice"), suite.addr("amir"), suite.addr("bob"));
    let (head, counts) = (suite.member_log_head(), suite.counts(None));
    let err = suite.update_members(vec![], vec![&bob]).unwrap_err();
    assert_college_empty(err, "technologists");
    // one activist may go, not both
    let err = suite
        .update_members(vec![], vec![&alice, &amir])
        .unwrap_err();
    assert_college_empty(err, "activists");
    assert_eq!(suite.role(&bob), Some(TECHNOLOGIST));
    assert_eq!(suite.role(&alice), Some(ACTIVIST));
    assert_eq!(suite.member_log_head(), head);
    assert_eq!(suite.counts(None), counts);
    suite.update_members(vec![], vec![&alice]).unwrap();
    assert_eq!(suite.counts(None).activists, 1);
}

#[test]
fn moving_the_last_member_of_a_college_to_another_role_is_refused() {
    let mut suite = suite();
    let (alice, amir, bob) = (suite.addr("alice"), suite.addr("amir"), suite.addr("bob"));
    let head = suite.member_log_head();
    for role in [ACTIVIST, Role::CoreTeamRep, Role::Auditor] {
        let err = suite
            .update_members(vec![member(&bob, role)], vec![])
            .unwrap_err();
        assert_college_empty(err, "technologists");
    }
    // both activists to the other college: the technologists gain, the activists empty
    let err = suite
        .update_members(
            vec![member(&alice, TECHNOLOGIST), member(&amir, TECHNOLOGIST)],
            vec![],
        )
        .unwrap_err();
    assert_college_empty(err, "activists");
    assert_eq!(suite.role(&bob), Some(TECHNOLOGIST));
    assert_eq!(suite.role(&alice), Some(ACTIVIST));
    assert_eq!(suite.member_log_head(), head);
}

/// The way to replace a college's last member: add the new one and remove (or move) the
/// old one in the same batch.
#[test]
fn a_batch_that_replaces_the_last_member_of_a_college_is_accepted() {
    let mut suite = suite();
    let (alice, bob, erin, finn) = (
        suite.addr("alice"),
        suite.addr("bob"),
        suite.addr("erin"),
        suite.addr("finn"),
    );
    // removal listed, addition listed: bob out, erin in
    suite
        .update_members(vec![member(&erin, TECHNOLOGIST)], vec![&bob])
        .unwrap();
    assert_eq!(suite.role(&bob), None);
    assert_eq!(suite.role(&erin), Some(TECHNOLOGIST));
    assert_eq!(suite.counts(None).technologists, 1);
    // the last technologist moves to the activists while an activist takes her seat
    suite
        .update_members(
            vec![member(&erin, ACTIVIST), member(&alice, TECHNOLOGIST)],
            vec![],
        )
        .unwrap();
    assert_eq!(suite.role(&erin), Some(ACTIVIST));
    assert_eq!(suite.role(&alice), Some(TECHNOLOGIST));
    // an addition listed before the move it makes possible works as well
    suite
        .update_members(
            vec![
                member(&finn, TECHNOLOGIST),
                member(&alice, Role::CoreTeamRep),
            ],
            vec![],
        )
        .unwrap();
    assert_eq!(suite.role(&finn), Some(TECHNOLOGIST));
    assert_eq!(suite.counts(None), counts(2, 1, 2, 1));
}

/// SPEC 4.1: taking the auditor role through update_members bars the address from the
/// registrar's grants; the answers and the event say so.
#[test]
fn removing_an_auditor_bars_it() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    assert!(!suite.member(&audra, None).barred);
    let res = suite.update_members(vec![], vec![&audra]).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "update_members"),
            ("changed", "1"),
            ("member", audra.as_str()),
            ("role", "auditor"),
            ("change", "revoked"),
            ("log", "members"),
            ("seq", "5"),
            ("barred", audra.as_str()),
        ],
    );
    let answer = suite.member(&audra, None);
    assert_eq!((answer.role, answer.barred), (None, true));
    assert_barred(&mut suite, &audra);
}

#[test]
fn changing_an_auditors_role_bars_it() {
    let mut suite = suite();
    let (audra, carol) = (suite.addr("audra"), suite.addr("carol"));
    let res = suite
        .update_members(vec![member(&audra, Role::CoreTeamRep)], vec![])
        .unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "update_members"),
            ("changed", "1"),
            ("member", audra.as_str()),
            ("role", "auditor"),
            ("change", "revoked"),
            ("member", audra.as_str()),
            ("role", "core_team_rep"),
            ("change", "granted"),
            ("log", "members"),
            ("seq", "5"),
            ("log", "members"),
            ("seq", "6"),
            ("barred", audra.as_str()),
        ],
    );
    let answer = suite.member(&audra, None);
    assert_eq!(
        (answer.role, answer.barred),
        (Some(Role::CoreTeamRep), true)
    );
    // the bar outlives later changes that do not make it an auditor again
    suite.update_members(vec![], vec![&audra]).unwrap();
    assert!(suite.member(&audra, None).barred);
    assert_barred(&mut suite, &audra);
    // a role change of anyone but an auditor bars nobody
    let res = suite
        .update_members(vec![member(&carol, ACTIVIST)], vec![])
        .unwrap();
    assert!(wasm_attributes(&res).iter().all(|(k, _)| k != "barred"));
    assert!(!suite.member(&carol, None).barred);
}

#[test]
fn adding_a_barred_address_as_an_auditor_lifts_the_bar() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    suite.update_members(vec![], vec![&audra]).unwrap();
    suite.next_block();
    let res = suite
        .update_members(vec![member(&audra, Role::Auditor)], vec![])
        .unwrap();
    // lifting the bar is the grant itself: no `barred` attribute
    assert_attributes(
        &res,
        &[
            ("action", "update_members"),
            ("changed", "1"),
            ("member", audra.as_str()),
            ("role", "auditor"),
            ("change", "granted"),
            ("log", "members"),
            ("seq", "6"),
        ],
    );
    let answer = suite.member(&audra, None);
    assert_eq!((answer.role, answer.barred), (Some(Role::Auditor), false));
    // the registrar may again revoke and grant it as its bond moves
    suite.revoke_auditor(&audra).unwrap();
    suite.grant_auditor(&audra).unwrap();
    assert_eq!(suite.role(&audra), Some(Role::Auditor));
    assert!(!suite.member(&audra, None).barred);
}

/// The role counts, in the order `CountsResponse` lists them.
fn counts(
    activists: u64,
    technologists: u64,
    core_team_reps: u64,
    auditors: u64,
) -> CountsResponse {
    CountsResponse {
        activists,
        technologists,
        core_team_reps,
        auditors,
    }
}

/// Asserts that the registrar may not grant `addr` the auditor role: it is barred.
#[track_caller]
fn assert_barred(suite: &mut MembershipSuite, addr: &Addr) {
    let err = suite.grant_auditor(addr).unwrap_err();
    assert_error(err, ContractError::Barred { addr: addr.clone() });
}

/// Asserts that `err` refuses a change leaving `college` without a member (SPEC 4.1).
#[track_caller]
fn assert_college_empty(err: impl std::fmt::Display, college: &'static str) {
    assert_error(err, ContractError::CollegeEmpty { college });
}
