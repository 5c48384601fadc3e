//! End to end through membership: council-vote owns it from the first block, and passed
//! proposals grant and revoke every role, change the rules, move peers and ownership.

use berty_council_vote::ContractError;
use berty_interface::council_vote::UpdateCouncilConfigMsg;
use berty_interface::council_vote::UpdateRulesMsg;
use berty_interface::council_vote::{CollegeRules, ExecuteMsg, ProposalStatus, Rules, Vote};
use berty_interface::membership::{self, ExecuteMsg as MembershipMsg};
use berty_interface::Role;
use berty_testing::council::{release_id, CouncilSuite};
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};
use berty_testing::{assert_error, mock_release};
use cosmwasm_std::Decimal;
use cw_multi_test::Executor;

#[test]
fn council_vote_owns_membership_from_the_first_block() {
    let suite = CouncilSuite::new();
    assert_eq!(suite.membership_config().owner, suite.council);
    let config = suite.config();
    assert_eq!(
        (config.membership, config.release),
        (suite.membership.clone(), suite.release.clone())
    );
}

#[test]
fn proposals_grant_and_revoke_every_role() {
    let mut suite = CouncilSuite::new();
    let names = ["new_activist", "new_technologist", "new_ctr", "new_auditor"];
    let roles = [ACTIVIST, TECHNOLOGIST, Role::CoreTeamRep, Role::Auditor];
    let addrs: Vec<_> = names.iter().map(|n| suite.addr(n)).collect();
    let add = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: addrs.iter().zip(roles).map(|(a, r)| member(a, r)).collect(),
        remove: vec![],
    });
    let (_, res) = suite.pass(vec![add], 3, 3);
    res.unwrap();
    for (addr, role) in addrs.iter().zip(roles) {
        assert_eq!(suite.role(addr), Some(role));
    }
    // the next proposal counts the new council members, who may vote on it
    suite.next_block();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let tally = suite.proposal(id).tally;
    assert_eq!(
        (tally.activists.eligible, tally.technologists.eligible),
        (4, 4)
    );
    suite.vote(&addrs[0], id, Vote::Yes).unwrap();
    suite.vote(&addrs[1], id, Vote::Yes).unwrap();
    // the new CTR proposes
    suite
        .propose(&addrs[2], "from the new CTR", vec![])
        .unwrap();

    // and a proposal revokes them all
    let remove = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![],
        remove: addrs.iter().map(|a| a.to_string()).collect(),
    });
    let proposer = suite.ctr(0);
    let id = suite.propose_id(&proposer, "remove", vec![remove]);
    suite.vote_colleges(id, &[Vote::Yes; 3], &[Vote::Yes; 3]);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    suite.execute_proposal(id).unwrap();
    for addr in &addrs {
        assert_eq!(suite.role(addr), None);
    }
    suite.next_block();
    let id = suite.open_release_vote(&release_id("v2")).unwrap();
    let tally = suite.proposal(id).tally;
    assert_eq!(
        (tally.activists.eligible, tally.technologists.eligible),
        (3, 3)
    );
    let err = suite.vote(&addrs[0], id, Vote::Yes).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: addrs[0].clone(),
            required: "a council member at the proposal's snapshot",
        },
    );
}

fn demanding() -> Rules {
    Rules {
        voting_period: 3600,
        allow_revoting: true,
        activists: CollegeRules {
            quorum: Decimal::one(),
            threshold: Decimal::percent(75),
        },
        technologists: CollegeRules {
            quorum: Decimal::percent(50),
            threshold: Decimal::percent(60),
        },
        execution_window: 7200,
    }
}

#[test]
fn a_proposal_changes_the_rules_for_proposals_opened_afterwards() {
    let mut suite = CouncilSuite::new();
    let before = suite.open_release_vote(&release_id("v0")).unwrap();
    let update = suite.council_msg(&ExecuteMsg::UpdateRules(UpdateRulesMsg {
        rules: demanding(),
        governance_rules: Some(Rules::default()),
    }));
    let (_, res) = suite.pass(vec![update], 3, 3);
    res.unwrap();
    let rules = suite.rules();
    assert_eq!(
        (rules.rules, rules.governance_rules),
        (demanding(), Rules::default())
    );
    // an open proposal keeps its rules; new release votes and proposals take the new ones
    assert_eq!(suite.proposal(before).rules, Rules::default());
    let after = suite.open_release_vote(&release_id("v1")).unwrap();
    assert_eq!(suite.proposal(after).rules, demanding());
    let governance = suite.signal();
    assert_eq!(suite.proposal(governance).rules, Rules::default());
    // quorum 1 in activists: 2 yes of 3 is not enough at the deadline
    suite.vote_colleges(after, &[Vote::Yes; 2], &[Vote::Yes; 2]);
    suite.advance(3600);
    assert_eq!(suite.proposal(after).status, ProposalStatus::Rejected);
}

#[test]
fn governance_rules_default_to_the_release_rules_and_may_differ() {
    let suite = CouncilSuite::builder().rules(demanding()).build();
    let rules = suite.rules();
    assert_eq!(
        (rules.rules, rules.governance_rules),
        (demanding(), demanding())
    );
    let suite = CouncilSuite::builder()
        .governance_rules(demanding())
        .build();
    let rules = suite.rules();
    assert_eq!(
        (rules.rules, rules.governance_rules),
        (Rules::default(), demanding())
    );
}

#[test]
fn invalid_rules_fail_the_execution() {
    let mut suite = CouncilSuite::new();
    let bad = Rules {
        voting_period: 0,
        ..Rules::default()
    };
    let update = suite.council_msg(&ExecuteMsg::UpdateRules(UpdateRulesMsg {
        rules: bad,
        governance_rules: None,
    }));
    let (id, res) = suite.pass(vec![update], 3, 3);
    assert_error(
        format!("{:?}", res.unwrap_err()),
        ContractError::InvalidRules {
            field: "rules.voting_period",
            reason: "must be more than 0 seconds and at most a year",
        },
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    assert_eq!(suite.rules().rules, Rules::default());
}

#[test]
fn a_proposal_moves_the_release_peer() {
    let mut suite = CouncilSuite::new();
    let deployer = suite.deployer.clone();
    let new_release = mock_release::instantiate_mock(&mut suite.app, &deployer);
    let update = suite.council_msg(&ExecuteMsg::UpdateConfig(UpdateCouncilConfigMsg {
        membership: None,
        release: Some(new_release.to_string()),
    }));
    let (_, res) = suite.pass(vec![update], 3, 3);
    res.unwrap();
    assert_eq!(suite.config().release, new_release);
    let old = suite.release.clone();
    let err = suite.open_release_vote(&release_id("v1")).unwrap_err();
    assert_error(
        format!("{err:?}"),
        ContractError::Unauthorized {
            sender: old,
            required: "the release contract",
        },
    );
    let council = suite.council.clone();
    mock_release::open_vote(&mut suite.app, &new_release, &council, &release_id("v1")).unwrap();
}

#[test]
fn ownership_moves_only_in_two_steps_through_proposals() {
    let mut suite = CouncilSuite::new();
    // council-vote hands membership to a successor, which accepts
    let successor = suite.addr("successor");
    let transfer = suite.membership_msg(&MembershipMsg::TransferOwnership {
        new_owner: successor.to_string(),
    });
    let (_, res) = suite.pass(vec![transfer], 3, 3);
    res.unwrap();
    assert_eq!(
        suite.membership_config().pending_owner,
        Some(successor.clone())
    );
    assert_eq!(suite.membership_config().owner, suite.council);
    let membership_addr = suite.membership.clone();
    suite
        .app
        .execute_contract(
            successor.clone(),
            membership_addr.clone(),
            &MembershipMsg::AcceptOwnership {},
            &[],
        )
        .unwrap();
    assert_eq!(suite.membership_config().owner, successor);
    // the council no longer changes members
    let newcomer = suite.addr("newcomer");
    let add = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&newcomer, Role::CoreTeamRep)],
        remove: vec![],
    });
    let (_, res) = suite.pass(vec![add], 3, 3);
    assert_error(
        format!("{:?}", res.unwrap_err()),
        berty_membership::ContractError::Unauthorized {
            sender: suite.council.clone(),
            required: "the owner",
        },
    );

    // and council-vote accepts ownership of a contract handed to it
    let deployer = suite.deployer.clone();
    let other = suite.instantiate_foreign_membership("other", None);
    let council = suite.council.clone();
    suite
        .app
        .execute_contract(
            deployer,
            other.clone(),
            &MembershipMsg::TransferOwnership {
                new_owner: council.to_string(),
            },
            &[],
        )
        .unwrap();
    let accept = berty_testing::council::wasm_msg(&other, &MembershipMsg::AcceptOwnership {});
    let (_, res) = suite.pass(vec![accept], 3, 3);
    res.unwrap();
    let config: membership::ConfigResponse = suite
        .app
        .wrap()
        .query_wasm_smart(other, &membership::QueryMsg::Config {})
        .unwrap();
    assert_eq!(config.owner, council);
}
