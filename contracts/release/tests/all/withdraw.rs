use berty_interface::keys::release_status;
use berty_interface::release::WithdrawMsg;
use berty_interface::release::{ExecuteMsg, ReleaseEventData, ReleaseEventKind, ReleaseStatus};
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, rid, Suite};

#[test]
fn any_ctr_withdraws_before_release() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    let auditor = suite.addr("auditor");
    // from auditing, by another CTR than the proposer
    suite.propose(&carol, &rid(1)).unwrap();
    let res = suite.withdraw(&dave, &rid(1)).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "withdraw");
    assert_eq!(attr(&res, "status").unwrap(), "withdrawn");
    let release = suite.release(&rid(1));
    assert_eq!(release.status, ReleaseStatus::Withdrawn);
    assert_eq!(release.withdrawn_reason.as_deref(), Some("a regression"));
    assert_eq!(
        release_status(&suite.app.wrap(), &suite.release, &rid(1)).unwrap(),
        Some(ReleaseStatus::Withdrawn)
    );
    suite.assert_last_event(
        &rid(1),
        ReleaseEventKind::Withdrawn,
        &dave,
        ReleaseEventData::Withdrawn {
            reason: "a regression".into(),
        },
    );

    // from voting
    suite.propose(&carol, &rid(2)).unwrap();
    suite.set_gate(&rid(2), &[&auditor], &[]);
    suite.submit(&carol, &rid(2)).unwrap();
    suite.withdraw(&carol, &rid(2)).unwrap();
    assert_eq!(suite.status(&rid(2)), ReleaseStatus::Withdrawn);

    // from approved
    let (approved, _) = suite.approved(3);
    suite.withdraw(&carol, &approved).unwrap();
    assert_eq!(suite.status(&approved), ReleaseStatus::Withdrawn);
}

#[test]
fn not_after_release_nor_twice() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let released = suite.released(1);
    let err = suite.withdraw(&carol, &released).unwrap_err();
    assert_error(
        err,
        ContractError::WrongStatus {
            release_id: released.clone(),
            status: ReleaseStatus::Released,
            action: "withdraw",
            expected: "a release not yet released nor withdrawn",
        },
    );
    suite.propose(&carol, &rid(2)).unwrap();
    suite.withdraw(&carol, &rid(2)).unwrap();
    let err = suite.withdraw(&carol, &rid(2)).unwrap_err();
    assert_error(err, "is withdrawn: withdraw needs");
    let err = suite.withdraw(&carol, &rid(9)).unwrap_err();
    assert_error(err, ContractError::ReleaseNotFound { release_id: rid(9) });
}

#[test]
fn needs_a_ctr_and_a_bounded_reason() {
    let mut suite = Suite::new();
    let (carol, alice) = (suite.carol.clone(), suite.alice.clone());
    suite.propose(&carol, &rid(1)).unwrap();
    let err = suite.withdraw(&alice, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: alice,
            required: "a core team representative",
        },
    );
    let reason = |reason: String| {
        ExecuteMsg::Withdraw(WithdrawMsg {
            release_id: rid(1),
            reason,
        })
    };
    let err = suite.execute(&carol, &reason(" ".into())).unwrap_err();
    assert_error(err, ValidationError::EmptyText { field: "reason" });
    let err = suite
        .execute(&carol, &reason("r".repeat(4097)))
        .unwrap_err();
    assert_error(
        err,
        ValidationError::TextTooLong {
            field: "reason",
            len: 4097,
            max: 4096,
        },
    );
    suite.execute(&carol, &reason("r".repeat(4096))).unwrap();
}
