//! No council-vote message is payable, and who may send it is checked before funds.

use berty_council_vote::contract::execute;
use berty_council_vote::ContractError;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::UpdateCouncilConfigMsg;
use berty_interface::council_vote::UpdateRulesMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{ExecuteMsg, Rules, Vote};
use berty_testing::assert_error;
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, Addr};
use cw_utils::PaymentError;

use crate::harness::Harness;

fn with_funds(harness: &mut Harness, sender: &Addr, msg: ExecuteMsg) -> ContractError {
    execute(
        harness.deps.as_mut(),
        harness.env.clone(),
        message_info(sender, &coins(1, "ustake")),
        msg,
    )
    .unwrap_err()
}

fn messages(harness: &Harness, proposal_id: u64) -> Vec<(Addr, ExecuteMsg)> {
    let (a0, release, itself) = (
        harness.activists[0].clone(),
        harness.release.clone(),
        harness.env.contract.address.clone(),
    );
    vec![
        (
            a0.clone(),
            ExecuteMsg::Propose(ProposeMsg {
                title: "t".into(),
                description: String::new(),
                msgs: vec![],
            }),
        ),
        (
            release,
            ExecuteMsg::OpenReleaseVote {
                release_id: "ab".repeat(32),
            },
        ),
        (
            a0.clone(),
            ExecuteMsg::Vote(VoteMsg {
                proposal_id,
                vote: Vote::Yes,
                rationale: None,
                signature: None,
            }),
        ),
        (a0.clone(), ExecuteMsg::Close { proposal_id }),
        (a0, ExecuteMsg::Execute { proposal_id }),
        (
            itself.clone(),
            ExecuteMsg::UpdateRules(UpdateRulesMsg {
                rules: Rules::default(),
                governance_rules: None,
            }),
        ),
        (
            itself,
            ExecuteMsg::UpdateConfig(UpdateCouncilConfigMsg {
                membership: None,
                release: None,
            }),
        ),
    ]
}

#[test]
fn every_message_refuses_funds() {
    let mut harness = Harness::new(3, 3, Rules::default());
    // proposals need a role: the fake membership seats activist0 as a council member
    let id = harness.open_release_vote();
    for (sender, msg) in messages(&harness, id) {
        let err = with_funds(&mut harness, &sender, msg.clone());
        assert!(
            matches!(err, ContractError::Payment(PaymentError::NonPayable {})),
            "{msg:?}: {err}"
        );
    }
}

#[test]
fn authorization_is_checked_before_funds() {
    let mut harness = Harness::new(3, 3, Rules::default());
    let id = harness.open_release_vote();
    let stranger = harness.deps.api.addr_make("stranger");
    let checked: Vec<ExecuteMsg> = messages(&harness, id)
        .into_iter()
        .map(|(_, msg)| msg)
        // close and execute are anyone's
        .filter(|msg| !matches!(msg, ExecuteMsg::Close { .. } | ExecuteMsg::Execute { .. }))
        .collect();
    assert_eq!(checked.len(), 5);
    for msg in checked {
        let err = with_funds(&mut harness, &stranger, msg.clone());
        assert!(
            matches!(&err, ContractError::Unauthorized { sender, .. } if *sender == stranger),
            "{msg:?}: {err}"
        );
        assert_error(&err, "Unauthorized");
    }
}
