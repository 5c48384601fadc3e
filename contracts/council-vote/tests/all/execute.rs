//! Governance proposals: who proposes, what they hold, and `execute`, once.

use berty_council_vote::propose::{MAX_MSGS, MAX_MSGS_BYTES};
use berty_council_vote::ContractError;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::UpdateCouncilConfigMsg;
use berty_interface::council_vote::UpdateRulesMsg;
use berty_interface::council_vote::{ExecuteMsg, ProposalKind, ProposalStatus, Rules, Vote};
use berty_interface::membership::ExecuteMsg as MembershipMsg;
use berty_interface::release::RecordCouncilDecisionMsg;
use berty_interface::release::UpdateReleaseConfigMsg;
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::council::{attribute, CouncilSuite};
use berty_testing::membership::member;

#[test]
fn council_members_and_ctrs_propose_nobody_else() {
    let mut suite = CouncilSuite::builder().auditors(1).build();
    let (a0, t0, ctr) = (suite.activist(0), suite.technologist(0), suite.ctr(0));
    for (i, proposer) in [a0, t0, ctr.clone()].iter().enumerate() {
        let res = suite.propose(proposer, "signal", vec![]).unwrap();
        assert_eq!(attribute(&res, "action").as_deref(), Some("propose"));
        assert_eq!(attribute(&res, "proposal_id"), Some((i + 1).to_string()));
        assert_eq!(attribute(&res, "proposer"), Some(proposer.to_string()));
    }
    let proposal = suite.proposal(3);
    assert_eq!(
        (proposal.kind, proposal.proposer, proposal.title.as_str()),
        (ProposalKind::Governance, ctr, "signal")
    );
    assert_eq!(proposal.release_id, None);
    for outsider in [suite.addr("auditor0"), suite.addr("stranger")] {
        let err = suite.propose(&outsider, "signal", vec![]).unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: outsider,
                required: "a council member or a core team representative",
            },
        );
    }
}

#[test]
fn proposals_are_bounded() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    let err = suite.propose(&ctr, " ", vec![]).unwrap_err();
    assert_error(err, ValidationError::EmptyText { field: "title" });
    let err = suite.propose(&ctr, &"t".repeat(129), vec![]).unwrap_err();
    assert_error(
        err,
        ValidationError::TextTooLong {
            field: "title",
            len: 129,
            max: 128,
        },
    );
    let long = ExecuteMsg::Propose(ProposeMsg {
        title: "t".into(),
        description: "d".repeat(4097),
        msgs: vec![],
    });
    let err = suite.execute(&ctr, &long).unwrap_err();
    assert_error(
        err,
        ValidationError::TextTooLong {
            field: "description",
            len: 4097,
            max: 4096,
        },
    );
    let noop = suite.council_msg(&ExecuteMsg::Close { proposal_id: 1 });
    let err = suite
        .propose(&ctr, "many", vec![noop; MAX_MSGS + 1])
        .unwrap_err();
    assert_error(
        err,
        ContractError::TooManyMessages {
            count: MAX_MSGS + 1,
            max: MAX_MSGS,
        },
    );
}

/// A wasm execute of the membership contract carrying `payload` bytes and a coin whose
/// denom is `denom_len` letters: two knobs to size a proposal's JSON to the byte.
fn sized_msg(suite: &CouncilSuite, payload: usize, denom_len: usize) -> cosmwasm_std::CosmosMsg {
    cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
        contract_addr: suite.membership.to_string(),
        msg: cosmwasm_std::Binary::from(vec![7u8; payload]),
        funds: cosmwasm_std::coins(1, "u".repeat(denom_len)),
    })
}

fn json_size(msgs: &[cosmwasm_std::CosmosMsg]) -> usize {
    cosmwasm_std::to_json_vec(&msgs.to_vec()).unwrap().len()
}

#[test]
fn a_proposals_messages_are_bounded_in_bytes() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    // twelve messages of about 5 KiB, the last one sized so that all take exactly the limit
    let mut msgs: Vec<_> = (0..11).map(|_| sized_msg(&suite, 3800, 3)).collect();
    let last = (0..6000)
        .flat_map(|payload| (3..7).map(move |denom| (payload, denom)))
        .find(|(payload, denom)| {
            let mut all = msgs.clone();
            all.push(sized_msg(&suite, *payload, *denom));
            json_size(&all) == MAX_MSGS_BYTES
        })
        .expect("a size hits the limit exactly");
    msgs.push(sized_msg(&suite, last.0, last.1));
    assert_eq!(json_size(&msgs), MAX_MSGS_BYTES);
    // one byte more is refused, naming the size
    let mut over = msgs.clone();
    over[11] = sized_msg(&suite, last.0, last.1 + 1);
    let size = json_size(&over);
    assert_eq!(size, MAX_MSGS_BYTES + 1);
    let err = suite.propose(&ctr, "bulky", over).unwrap_err();
    assert_error(
        err,
        ContractError::MessagesTooLarge {
            size,
            max: MAX_MSGS_BYTES,
        },
    );
    let id = suite.propose_id(&ctr, "bulky but fits", msgs);
    assert_eq!(suite.proposal(id).msgs.len(), 12);
}

#[test]
fn a_proposal_holds_at_most_sixteen_messages() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    let small = sized_msg(&suite, 1, 3);
    let err = suite
        .propose(&ctr, "seventeen", vec![small.clone(); MAX_MSGS + 1])
        .unwrap_err();
    assert_error(
        err,
        ContractError::TooManyMessages {
            count: MAX_MSGS + 1,
            max: MAX_MSGS,
        },
    );
    let id = suite.propose_id(&ctr, "sixteen", vec![small; MAX_MSGS]);
    assert_eq!(suite.proposal(id).msgs.len(), MAX_MSGS);
}

#[test]
fn execute_runs_a_passed_proposal_once() {
    let mut suite = CouncilSuite::new();
    let newcomer = suite.addr("newcomer");
    let add = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&newcomer, Role::CoreTeamRep)],
        remove: vec![],
    });
    let ctr = suite.ctr(0);
    let id = suite.propose_id(&ctr, "add a CTR", vec![add]);
    let err = suite.execute_proposal(id).unwrap_err();
    assert_error(
        err,
        ContractError::NotPassed {
            proposal_id: id,
            status: ProposalStatus::Open,
        },
    );
    suite.vote_colleges(id, &[Vote::Yes; 2], &[Vote::Yes; 2]);
    assert_eq!(suite.role(&newcomer), None);
    let res = suite.execute_proposal(id).unwrap();
    assert_eq!(attribute(&res, "status").as_deref(), Some("executed"));
    assert_eq!(suite.role(&newcomer), Some(Role::CoreTeamRep));
    assert_eq!(suite.proposal(id).status, ProposalStatus::Executed);
    let err = suite.execute_proposal(id).unwrap_err();
    assert_error(err, ContractError::AlreadyExecuted { proposal_id: id });
    // close afterwards only marks it closed
    suite.close(id).unwrap();
    assert_eq!(suite.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn a_rejected_proposal_is_not_executed() {
    let mut suite = CouncilSuite::new();
    let id = suite.signal();
    suite.vote_colleges(id, &[Vote::No; 2], &[]);
    let err = suite.execute_proposal(id).unwrap_err();
    assert_error(
        err,
        ContractError::NotPassed {
            proposal_id: id,
            status: ProposalStatus::Rejected,
        },
    );
    let err = suite.execute_proposal(42).unwrap_err();
    assert_error(err, ContractError::ProposalNotFound { proposal_id: 42 });
}

#[test]
fn a_failing_message_fails_execute_and_leaves_the_proposal_passed() {
    let mut suite = CouncilSuite::new();
    let stranger = suite.addr("stranger");
    let newcomer = suite.addr("newcomer");
    let add = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&newcomer, Role::CoreTeamRep)],
        remove: vec![],
    });
    // membership refuses to remove a non-member
    let remove = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![],
        remove: vec![stranger.to_string()],
    });
    let (id, res) = suite.pass(vec![add, remove], 3, 3);
    let err = res.unwrap_err();
    assert_error(
        format!("{err:?}"),
        berty_membership::ContractError::NotAMember { addr: stranger },
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    // nothing of it happened: the first message was rolled back too
    assert_eq!(suite.role(&newcomer), None);
}

#[test]
fn a_passed_proposal_can_be_executed_after_its_deadline() {
    let mut suite = CouncilSuite::new();
    let id = suite.passed_signal();
    // past the voting deadline, within the execution window (counted from the decision)
    suite.advance(Rules::default().voting_period + 24 * 3600);
    suite.execute_proposal(id).unwrap();
    assert_eq!(suite.proposal(id).status, ProposalStatus::Executed);
}

/// Issue 11, case 8: before, a passed proposal could be executed at any time, years later.
#[test]
fn a_passed_proposal_expires_after_its_execution_window() {
    let mut suite = CouncilSuite::new();
    let id = suite.passed_signal();
    let passed = suite.proposal(id);
    let decided_at = passed.decided_at.unwrap();
    let window = Rules::default().execution_window;
    assert_eq!(passed.status, ProposalStatus::Passed);
    assert_eq!(
        passed.execution_deadline,
        Some(decided_at.plus_seconds(window))
    );
    suite.advance(window - 1);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    suite.advance(1);
    let expired = suite.proposal(id);
    assert_eq!(expired.status, ProposalStatus::Expired);
    let err = suite.execute_proposal(id).unwrap_err();
    assert_error(
        err,
        ContractError::Expired {
            proposal_id: id,
            execution_deadline: decided_at.plus_seconds(window),
        },
    );
    // closing it stores the decision; it stays expired and never runs
    suite.close(id).unwrap();
    assert_eq!(suite.proposal(id).status, ProposalStatus::Expired);
    assert!(suite.execute_proposal(id).is_err());
}

/// A proposal decided at its deadline (not settled before) expires a window after it.
#[test]
fn a_proposal_passed_at_its_deadline_expires_a_window_after_the_deadline() {
    let mut suite = CouncilSuite::new();
    let id = suite.signal();
    // 2 of 3 with one abstaining: passes only at the deadline
    suite.vote_colleges(id, &[Vote::Yes, Vote::Abstain], &[Vote::Yes; 2]);
    let deadline = suite.proposal(id).deadline;
    let rules = Rules::default();
    suite.advance(rules.voting_period);
    let answer = suite.proposal(id);
    assert_eq!(answer.status, ProposalStatus::Passed);
    assert_eq!(answer.decided_at, Some(deadline));
    suite.advance(rules.execution_window);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Expired);
    assert!(suite.execute_proposal(id).is_err());
}

#[test]
fn rules_and_config_change_only_through_a_proposal() {
    let mut suite = CouncilSuite::new();
    let a0 = suite.activist(0);
    let msgs = [
        ExecuteMsg::UpdateRules(UpdateRulesMsg {
            rules: Rules::default(),
            governance_rules: None,
        }),
        ExecuteMsg::UpdateConfig(UpdateCouncilConfigMsg {
            membership: None,
            release: Some(a0.to_string()),
        }),
    ];
    for msg in msgs {
        let err = suite.execute(&a0, &msg).unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: a0.clone(),
                required: "the council-vote contract itself (a passed proposal)",
            },
        );
    }
}

#[test]
fn a_proposal_cannot_deliver_a_release_decision() {
    use berty_interface::council_vote::Tally;
    use berty_interface::release::ExecuteMsg as ReleaseMsg;
    use cosmwasm_std::{to_json_binary, CosmosMsg, WasmMsg};

    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    let decision = |contract: &str| {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg: to_json_binary(&ReleaseMsg::RecordCouncilDecision(
                RecordCouncilDecisionMsg {
                    release_id: berty_testing::council::release_id("rc"),
                    proposal_id: 1,
                    passed: true,
                    tally: Tally::default(),
                    rules: berty_interface::council_vote::Rules::default(),
                    ballots_head: "00".repeat(32),
                    ballots_count: 0,
                },
            ))
            .unwrap(),
            funds: vec![],
        })
    };
    let noop = suite.council_msg(&ExecuteMsg::Close { proposal_id: 1 });
    let release = suite.release.to_string();
    let err = suite
        .propose(&ctr, "approve by decree", vec![noop, decision(&release)])
        .unwrap_err();
    assert_error(err, ContractError::ReleaseDecisionByProposal { index: 1 });
    // other messages to the release contract, and the same JSON to another contract, pass
    let rename = CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: release,
        msg: to_json_binary(&ReleaseMsg::UpdateConfig(UpdateReleaseConfigMsg {
            membership: None,
            audit_registry: None,
            council_vote: None,
            app_name: Some("Berty".into()),
        }))
        .unwrap(),
        funds: vec![],
    });
    let elsewhere = decision(suite.membership.as_str());
    suite.propose_id(&ctr, "rename", vec![rename, elsewhere]);
}
