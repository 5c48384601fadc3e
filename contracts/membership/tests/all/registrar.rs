use berty_interface::membership::ExecuteMsg;
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{MembershipSuite, ACTIVIST};

fn suite() -> MembershipSuite {
    MembershipSuite::new(&[("alice", ACTIVIST), ("audra", Role::Auditor)])
}

#[test]
fn grant_and_revoke() {
    let mut suite = suite();
    let zed = suite.addr("zed");
    let res = suite.grant_auditor(&zed).unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    assert!(wasm
        .attributes
        .iter()
        .any(|a| a.key == "auditor" && a.value == zed.as_str()));
    assert_eq!(suite.role(&zed), Some(Role::Auditor));
    assert_eq!(suite.counts(None).auditors, 2);
    suite.revoke_auditor(&zed).unwrap();
    assert_eq!(suite.role(&zed), None);
    assert_eq!(suite.counts(None).auditors, 1);
}

#[test]
fn granting_an_auditor_again_changes_nothing() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    let head = suite.member_log_head();
    suite.grant_auditor(&audra).unwrap();
    assert_eq!(suite.member_log_head(), head);
    assert_eq!(suite.counts(None).auditors, 1);
}

#[test]
fn grant_to_another_role_fails() {
    let mut suite = suite();
    let alice = suite.addr("alice");
    let err = suite.grant_auditor(&alice).unwrap_err();
    assert_error(
        err,
        ContractError::RoleConflict {
            addr: alice.clone(),
            role: ACTIVIST,
        },
    );
    assert_eq!(suite.role(&alice), Some(ACTIVIST));
}

#[test]
fn revoke_only_of_auditors() {
    let mut suite = suite();
    let (alice, zed) = (suite.addr("alice"), suite.addr("zed"));
    let err = suite.revoke_auditor(&alice).unwrap_err();
    assert_error(
        err,
        ContractError::NotAnAuditor {
            addr: alice.clone(),
        },
    );
    let err = suite.revoke_auditor(&zed).unwrap_err();
    assert_error(err, ContractError::NotAnAuditor { addr: zed });
    assert_eq!(suite.role(&alice), Some(ACTIVIST));
}

#[test]
fn only_the_registrar() {
    let mut suite = suite();
    let (zed, audra) = (suite.addr("zed"), suite.addr("audra"));
    let owner = suite.owner.clone();
    for sender in [owner.clone(), zed.clone()] {
        let err = suite.execute_err(
            &sender,
            &ExecuteMsg::GrantAuditor {
                addr: zed.to_string(),
            },
        );
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: sender.clone(),
                required: "the auditor registrar",
            },
        );
        let err = suite.execute_err(
            &sender,
            &ExecuteMsg::RevokeAuditor {
                addr: audra.to_string(),
            },
        );
        assert_error(
            err,
            ContractError::Unauthorized {
                sender,
                required: "the auditor registrar",
            },
        );
    }
    // unauthorized is checked before the address
    let err = suite.execute_err(
        &zed,
        &ExecuteMsg::GrantAuditor {
            addr: "junk".into(),
        },
    );
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: zed.clone(),
            required: "the auditor registrar",
        },
    );
    let registrar = suite.registrar.clone();
    let err = suite.execute_err(
        &registrar,
        &ExecuteMsg::GrantAuditor {
            addr: "junk".into(),
        },
    );
    assert!(err.contains("invalid address \"junk\""), "{err}");
}

#[test]
fn owner_sets_the_registrar() {
    let mut suite = suite();
    let (new_registrar, zed) = (suite.addr("registry2"), suite.addr("zed"));
    let owner = suite.owner.clone();
    let old = suite.registrar.clone();
    let msg = ExecuteMsg::SetRegistrar {
        addr: new_registrar.to_string(),
    };
    let err = suite.execute_err(&old, &msg);
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: old.clone(),
            required: "the owner",
        },
    );
    suite.execute(&owner, &msg).unwrap();
    assert_eq!(
        suite.config().auditor_registrar,
        Some(new_registrar.clone())
    );
    let err = suite.execute_err(
        &old,
        &ExecuteMsg::GrantAuditor {
            addr: zed.to_string(),
        },
    );
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: old,
            required: "the auditor registrar",
        },
    );
    suite
        .execute(
            &new_registrar,
            &ExecuteMsg::GrantAuditor {
                addr: zed.to_string(),
            },
        )
        .unwrap();
    assert_eq!(suite.role(&zed), Some(Role::Auditor));
    let err = suite.execute_err(&owner, &ExecuteMsg::SetRegistrar { addr: "bad".into() });
    assert!(err.contains("invalid address \"bad\""), "{err}");
}
