//! No release message is payable; authorization is checked before funds.

use berty_interface::council_vote::Rules;
use berty_interface::release::ExecuteMsg;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::RecordCouncilDecisionMsg;
use berty_interface::release::UpdateReleaseConfigMsg;
use berty_interface::release::WithdrawMsg;
use berty_release::ContractError;
use berty_testing::assert_error;
use cosmwasm_std::{coins, Addr};
use cw_utils::PaymentError;

use crate::suite::{artifacts, build, digest, rid, tally, Suite};

fn fund(suite: &mut Suite, who: &Addr) {
    berty_testing::set_balance(&mut suite.app, who, &coins(100, "ustake"));
}

#[test]
fn every_message_refuses_funds() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    fund(&mut suite, &carol);
    let released = suite.released(1);
    let (approved, _) = suite.approved(2);
    let auditor = suite.addr("auditor");
    suite.propose(&carol, &rid(3)).unwrap();
    suite.set_gate(&rid(3), &[&auditor], &[]);
    let cases = [
        Suite::propose_msg(&rid(4), "1.0.0"),
        ExecuteMsg::Withdraw(WithdrawMsg {
            release_id: approved.clone(),
            reason: "r".into(),
        }),
        ExecuteMsg::SubmitForVote { release_id: rid(3) },
        ExecuteMsg::Finalize(FinalizeMsg {
            release_id: approved.clone(),
            artifacts: artifacts(),
            build: build(),
        }),
        Suite::attest_msg(&released, "f-droid", &digest('a')),
    ];
    for msg in cases {
        let err = suite
            .execute_with_funds(&carol, &msg, &coins(1, "ustake"))
            .unwrap_err();
        assert_error(err, PaymentError::NonPayable {});
    }
    assert!(suite.releases(None, None, None).releases.len() == 3);
    assert!(suite.release(&released).publications.is_empty());
}

#[test]
fn authorization_is_checked_before_funds() {
    let mut suite = Suite::new();
    let zed = suite.zed.clone();
    fund(&mut suite, &zed);
    let ctr_only = [
        Suite::propose_msg(&rid(1), "1.0.0"),
        ExecuteMsg::Withdraw(WithdrawMsg {
            release_id: rid(1),
            reason: "r".into(),
        }),
        ExecuteMsg::SubmitForVote { release_id: rid(1) },
        Suite::finalize_msg(&rid(1)),
        Suite::attest_msg(&rid(1), "f-droid", &digest('a')),
    ];
    for msg in ctr_only {
        let err = suite
            .execute_with_funds(&zed, &msg, &coins(1, "ustake"))
            .unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: zed.clone(),
                required: "a core team representative",
            },
        );
    }
    let decision = ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
        release_id: rid(1),
        proposal_id: 1,
        passed: true,
        tally: tally(3, 0),
        rules: Rules::default(),
        ballots_head: digest('d'),
        ballots_count: 6,
    });
    let err = suite
        .execute_with_funds(&zed, &decision, &coins(1, "ustake"))
        .unwrap_err();
    assert_error(err, "is not the council-vote contract");
    let update = ExecuteMsg::UpdateConfig(UpdateReleaseConfigMsg {
        membership: None,
        audit_registry: None,
        council_vote: None,
        app_name: Some("x".into()),
    });
    let err = suite
        .execute_with_funds(&zed, &update, &coins(1, "ustake"))
        .unwrap_err();
    assert_error(err, "is not the governance (council-vote)");
}
