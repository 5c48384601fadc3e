use berty_interface::membership::{CountsResponse, ExecuteMsg, MemberInit, MAX_BATCH};
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, TECHNOLOGIST};
use cw_multi_test::Executor;

fn suite() -> MembershipSuite {
    MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("carol", Role::CoreTeamRep),
    ])
}

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
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    let attrs = |k: &str| -> Vec<String> {
        wasm.attributes
            .iter()
            .filter(|a| a.key == k)
            .map(|a| a.value.clone())
            .collect()
    };
    assert_eq!(attrs("action"), vec!["update_members"]);
    assert_eq!(attrs("changed"), vec!["3"]);
    // removals first, then additions in batch order
    assert_eq!(
        attrs("member"),
        vec![bob.to_string(), erin.to_string(), alice.to_string()]
    );

    assert_eq!(suite.role(&alice), Some(Role::CoreTeamRep));
    assert_eq!(suite.role(&bob), None);
    assert_eq!(suite.role(&carol), Some(Role::CoreTeamRep));
    assert_eq!(suite.role(&erin), Some(TECHNOLOGIST));
    assert_eq!(
        suite.counts(None),
        CountsResponse {
            activists: 0,
            technologists: 1,
            core_team_reps: 2,
            auditors: 0
        }
    );
}

#[test]
fn re_adding_the_same_role_changes_nothing() {
    let mut suite = suite();
    let alice = suite.addr("alice");
    let before = suite.member_log_head();
    let res = suite
        .update_members(vec![member(&alice, ACTIVIST)], vec![])
        .unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    assert!(wasm
        .attributes
        .iter()
        .any(|a| a.key == "changed" && a.value == "0"));
    assert_eq!(suite.member_log_head(), before);
    assert_eq!(suite.counts(None).activists, 1);
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
    assert_eq!(suite.counts(None).auditors, MAX_BATCH as u64);
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
