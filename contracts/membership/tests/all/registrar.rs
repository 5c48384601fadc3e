use berty_interface::membership::{ExecuteMsg, MemberEventKind};
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{
    assert_attributes, member, wasm_attributes, MembershipSuite, ACTIVIST, TECHNOLOGIST,
};

fn suite() -> MembershipSuite {
    MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("audra", Role::Auditor),
    ])
}

#[test]
fn grant_and_revoke() {
    let mut suite = suite();
    let zed = suite.addr("zed");
    let res = suite.grant_auditor(&zed).unwrap();
    // genesis took seqs 0..=2
    assert_attributes(
        &res,
        &[
            ("action", "grant_auditor"),
            ("auditor", zed.as_str()),
            ("changed", "true"),
            ("member", zed.as_str()),
            ("role", "auditor"),
            ("change", "granted"),
            ("log", "members"),
            ("seq", "3"),
        ],
    );
    assert_eq!(suite.role(&zed), Some(Role::Auditor));
    assert_eq!(suite.counts(None).auditors, 2);
    let res = suite.revoke_auditor(&zed).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "revoke_auditor"),
            ("auditor", zed.as_str()),
            ("member", zed.as_str()),
            ("role", "auditor"),
            ("change", "revoked"),
            ("log", "members"),
            ("seq", "4"),
        ],
    );
    assert_eq!(suite.role(&zed), None);
    assert_eq!(suite.counts(None).auditors, 1);
    // the seqs are the members log's: the grant, then the revocation, by the registrar
    let logged: Vec<_> = suite
        .member_log(Some(2), None)
        .events
        .into_iter()
        .map(|e| (e.event.seq, e.event.kind, e.event.actor))
        .collect();
    assert_eq!(
        logged,
        vec![
            (3, MemberEventKind::Granted, suite.registrar.clone()),
            (4, MemberEventKind::Revoked, suite.registrar.clone()),
        ]
    );
}

#[test]
fn granting_an_auditor_again_changes_nothing() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    let head = suite.member_log_head();
    let res = suite.grant_auditor(&audra).unwrap();
    // nothing appended: no member attributes, no log/seq
    assert_attributes(
        &res,
        &[
            ("action", "grant_auditor"),
            ("auditor", audra.as_str()),
            ("changed", "false"),
        ],
    );
    assert_eq!(suite.member_log_head(), head);
    assert_eq!(suite.counts(None).auditors, 1);
}

/// SPEC 4.1 and 7: an auditor governance removed cannot buy its role back by bonding.
#[test]
fn a_barred_address_cannot_be_granted_the_auditor_role() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    suite.update_members(vec![], vec![&audra]).unwrap();
    let (head, counts) = (suite.member_log_head(), suite.counts(None));
    suite.next_block();
    let err = suite.grant_auditor(&audra).unwrap_err();
    assert_error(
        err,
        ContractError::Barred {
            addr: audra.clone(),
        },
    );
    let answer = suite.member(&audra, None);
    assert_eq!((answer.role, answer.barred), (None, true));
    assert_eq!(suite.member_log_head(), head);
    assert_eq!(suite.counts(None), counts);
    // a barred address holding another role gets RoleConflict, as any member would
    suite
        .update_members(vec![member(&audra, Role::CoreTeamRep)], vec![])
        .unwrap();
    let err = suite.grant_auditor(&audra).unwrap_err();
    assert_error(
        err,
        ContractError::RoleConflict {
            addr: audra.clone(),
            role: Role::CoreTeamRep,
        },
    );
    assert!(suite.member(&audra, None).barred);
}

#[test]
fn governance_re_adding_a_barred_auditor_lets_the_registrar_grant_it_again() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    suite.update_members(vec![], vec![&audra]).unwrap();
    suite
        .update_members(vec![member(&audra, Role::Auditor)], vec![])
        .unwrap();
    assert!(!suite.member(&audra, None).barred);
    suite.revoke_auditor(&audra).unwrap();
    suite.grant_auditor(&audra).unwrap();
    let answer = suite.member(&audra, None);
    assert_eq!((answer.role, answer.barred), (Some(Role::Auditor), false));
}

/// The registrar's own revocation (a bond fell below `min_bond`) does not bar: the
/// auditor may bond again.
#[test]
fn the_registrars_revocation_does_not_bar() {
    let mut suite = suite();
    let (audra, zed) = (suite.addr("audra"), suite.addr("zed"));
    suite.grant_auditor(&zed).unwrap();
    for auditor in [&zed, &audra] {
        let res = suite.revoke_auditor(auditor).unwrap();
        assert!(wasm_attributes(&res).iter().all(|(k, _)| k != "barred"));
        let answer = suite.member(auditor, None);
        assert_eq!((answer.role, answer.barred), (None, false));
        suite.grant_auditor(auditor).unwrap();
        assert_eq!(suite.role(auditor), Some(Role::Auditor));
    }
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

/// An auditor facing removal cannot escape the bar by unbonding first: the registrar's
/// revocation lands before the Council's proposal runs, and the removal of the now
/// roleless auditor bars it instead of failing (before, it failed with NotAMember, the
/// proposal with it, and the auditor bonded its role back).
#[test]
fn removing_an_auditor_the_registrar_just_revoked_bars_it() {
    let mut suite = suite();
    let audra = suite.addr("audra");
    suite.next_block();
    suite.revoke_auditor(&audra).unwrap();
    suite.next_block();
    let res = suite.update_members(vec![], vec![&audra]).unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "update_members"),
            ("changed", "0"),
            ("barred", audra.as_str()),
        ],
    );
    assert!(suite.member(&audra, None).barred);
    assert_error(
        suite.grant_auditor(&audra).unwrap_err(),
        ContractError::Barred {
            addr: audra.clone(),
        },
    );
    // once barred, removing it again changes nothing and says nothing
    let res = suite.update_members(vec![], vec![&audra]).unwrap();
    assert!(wasm_attributes(&res).iter().all(|(k, _)| k != "barred"));
    // an address that never held the auditor role is still not a member
    let zed = suite.addr("zed");
    assert_error(
        suite.update_members(vec![], vec![&zed]).unwrap_err(),
        ContractError::NotAMember { addr: zed },
    );
}
