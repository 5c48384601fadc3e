//! No membership message is payable.

use berty_interface::membership::ExecuteMsg;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::membership::{MembershipSuite, ACTIVIST, TECHNOLOGIST};
use berty_testing::TestKey;
use cosmwasm_std::coins;
use cw_utils::PaymentError;

#[test]
fn every_message_refuses_funds() {
    let key = TestKey::from_seed("carol");
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let carol = key.addr(suite.app.api());
    let zed = suite.addr("zed");
    let (owner, registrar) = (suite.owner.clone(), suite.registrar.clone());
    suite
        .update_members(
            vec![berty_testing::membership::member(&carol, Role::CoreTeamRep)],
            vec![],
        )
        .unwrap();
    suite
        .execute(
            &owner,
            &ExecuteMsg::TransferOwnership {
                new_owner: zed.to_string(),
            },
        )
        .unwrap();
    for who in [&owner, &registrar, &carol, &zed] {
        berty_testing::set_balance(&mut suite.app, who, &coins(100, "ustake"));
    }
    let cases = [
        (
            owner.clone(),
            ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![carol.to_string()],
            },
        ),
        (
            owner.clone(),
            ExecuteMsg::SetRegistrar {
                addr: zed.to_string(),
            },
        ),
        (
            owner.clone(),
            ExecuteMsg::TransferOwnership {
                new_owner: zed.to_string(),
            },
        ),
        (zed.clone(), ExecuteMsg::AcceptOwnership {}),
        (
            registrar.clone(),
            ExecuteMsg::GrantAuditor {
                addr: zed.to_string(),
            },
        ),
        (
            registrar.clone(),
            ExecuteMsg::RevokeAuditor {
                addr: zed.to_string(),
            },
        ),
        (
            carol.clone(),
            ExecuteMsg::RegisterPubkey {
                pubkey: key.pubkey(),
            },
        ),
    ];
    for (sender, msg) in cases {
        let err = suite
            .execute_with_funds(&sender, &msg, &coins(1, "ustake"))
            .unwrap_err();
        assert_error(err, PaymentError::NonPayable {});
    }
    assert_eq!(suite.role(&carol), Some(Role::CoreTeamRep));
    assert_eq!(suite.config().owner, owner);
}

#[test]
fn authorization_is_checked_before_funds() {
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let (alice, zed) = (suite.addr("alice"), suite.addr("zed"));
    berty_testing::set_balance(&mut suite.app, &zed, &coins(100, "ustake"));
    let cases = [
        (
            ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![alice.to_string()],
            },
            "the owner",
        ),
        (
            ExecuteMsg::SetRegistrar {
                addr: zed.to_string(),
            },
            "the owner",
        ),
        (
            ExecuteMsg::TransferOwnership {
                new_owner: zed.to_string(),
            },
            "the owner",
        ),
        (ExecuteMsg::AcceptOwnership {}, "the pending owner"),
        (
            ExecuteMsg::GrantAuditor {
                addr: zed.to_string(),
            },
            "the auditor registrar",
        ),
        (
            ExecuteMsg::RevokeAuditor {
                addr: alice.to_string(),
            },
            "the auditor registrar",
        ),
        (
            ExecuteMsg::RegisterPubkey {
                pubkey: TestKey::from_seed("zed").pubkey(),
            },
            "a member",
        ),
    ];
    for (msg, required) in cases {
        let err = suite
            .execute_with_funds(&zed, &msg, &coins(1, "ustake"))
            .unwrap_err();
        assert_error(
            err,
            berty_membership::ContractError::Unauthorized {
                sender: zed.clone(),
                required,
            },
        );
    }
}
