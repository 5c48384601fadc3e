use berty_interface::membership::ExecuteMsg;
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, SEATS, TECHNOLOGIST};

#[test]
fn two_step_transfer() {
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let (owner, governance, zed) = (
        suite.owner.clone(),
        suite.addr("governance"),
        suite.addr("zed"),
    );
    suite
        .execute(
            &owner,
            &ExecuteMsg::TransferOwnership {
                new_owner: governance.to_string(),
            },
        )
        .unwrap();
    let config = suite.config();
    assert_eq!(config.owner, owner);
    assert_eq!(config.pending_owner, Some(governance.clone()));
    // the old owner still rules until the new one accepts
    suite
        .update_members(vec![member(&zed, Role::Auditor)], vec![])
        .unwrap();

    let err = suite.execute_err(&zed, &ExecuteMsg::AcceptOwnership {});
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: zed.clone(),
            required: "the pending owner",
        },
    );
    suite
        .execute(&governance, &ExecuteMsg::AcceptOwnership {})
        .unwrap();
    let config = suite.config();
    assert_eq!(config.owner, governance);
    assert_eq!(config.pending_owner, None);

    let err = suite.update_members(vec![], vec![&zed]).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: owner,
            required: "the owner",
        },
    );
    suite
        .execute(
            &governance,
            &ExecuteMsg::UpdateMembers {
                add: vec![],
                remove: vec![zed.to_string()],
            },
        )
        .unwrap();
    assert_eq!(suite.role(&zed), None);

    // with no transfer pending, accepting is unauthorized for everyone
    for sender in [governance.clone(), zed.clone()] {
        let err = suite.execute_err(&sender, &ExecuteMsg::AcceptOwnership {});
        assert_error(
            err,
            ContractError::Unauthorized {
                sender,
                required: "the pending owner",
            },
        );
    }
}

#[test]
fn only_the_owner_transfers_and_a_new_transfer_replaces_the_pending_one() {
    let mut suite = MembershipSuite::new(&SEATS);
    let (owner, first, second) = (
        suite.owner.clone(),
        suite.addr("first"),
        suite.addr("second"),
    );
    let err = suite.execute_err(
        &first,
        &ExecuteMsg::TransferOwnership {
            new_owner: first.to_string(),
        },
    );
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: first.clone(),
            required: "the owner",
        },
    );
    let err = suite.execute_err(
        &owner,
        &ExecuteMsg::TransferOwnership {
            new_owner: "nope".into(),
        },
    );
    assert!(err.contains("invalid address \"nope\""), "{err}");
    suite
        .execute(
            &owner,
            &ExecuteMsg::TransferOwnership {
                new_owner: first.to_string(),
            },
        )
        .unwrap();
    suite
        .execute(
            &owner,
            &ExecuteMsg::TransferOwnership {
                new_owner: second.to_string(),
            },
        )
        .unwrap();
    let err = suite.execute_err(&first, &ExecuteMsg::AcceptOwnership {});
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: first,
            required: "the pending owner",
        },
    );
    suite
        .execute(&second, &ExecuteMsg::AcceptOwnership {})
        .unwrap();
    assert_eq!(suite.config().owner, second);
}
