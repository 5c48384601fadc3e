//! Adversarial review: SPEC's JSON spoken raw (as a suite written from SPEC alone would),
//! the edges of the decision and of the snapshot, and attempts to count a ballot twice or
//! to run a proposal twice.

use berty_council_vote::ContractError;
use berty_interface::council_vote::UpdateCouncilConfigMsg;
use berty_interface::council_vote::UpdateRulesMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{ExecuteMsg, ProposalStatus, Rules, Vote};
use berty_interface::membership::{self, ExecuteMsg as MembershipMsg};
use berty_interface::{College, Role};
use berty_testing::assert_error;
use berty_testing::council::{proposal_id_of, release_id, CouncilSuite};
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};

use crate::vote::suite_with_signer;
use cosmwasm_std::{Addr, StdResult};
use cw_multi_test::{AppResponse, Executor};
use serde_json::{json, Value};

fn query(suite: &CouncilSuite, msg: Value) -> StdResult<Value> {
    suite
        .app
        .wrap()
        .query_wasm_smart(suite.council.clone(), &msg)
}

fn send(suite: &mut CouncilSuite, sender: &Addr, msg: Value) -> StdResult<AppResponse> {
    let council = suite.council.clone();
    suite
        .app
        .execute_contract(sender.clone(), council, &msg, &[])
}

fn college_json(yes: u64, no: u64, abstain: u64, eligible: u64) -> Value {
    json!({ "yes": yes, "no": no, "abstain": abstain, "eligible": eligible })
}

#[test]
fn spec_json_is_spoken_and_answered() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    let res = send(
        &mut suite,
        &ctr,
        json!({ "propose": { "title": "Signal", "description": "", "msgs": [] } }),
    )
    .unwrap();
    let id = proposal_id_of(&res);
    assert_eq!(id, 1);

    // optional fields omitted, or null
    let (a0, a1) = (suite.activist(0), suite.activist(1));
    send(
        &mut suite,
        &a0,
        json!({ "vote": { "proposal_id": id, "vote": "yes" } }),
    )
    .unwrap();
    send(
        &mut suite,
        &a1,
        json!({ "vote": { "proposal_id": id, "vote": "yes", "rationale": null, "signature": null } }),
    )
    .unwrap();
    let (t0, t1, t2) = (
        suite.technologist(0),
        suite.technologist(1),
        suite.technologist(2),
    );
    send(
        &mut suite,
        &t0,
        json!({ "vote": { "proposal_id": id, "vote": "abstain", "rationale": "not my field" } }),
    )
    .unwrap();
    send(
        &mut suite,
        &t1,
        json!({ "vote": { "proposal_id": id, "vote": "yes" } }),
    )
    .unwrap();
    // one yes and one abstention of three: a third ballot `no` would tie, so still open
    let p = query(&suite, json!({ "proposal": { "proposal_id": id } })).unwrap();
    assert_eq!(p["status"], "open");
    send(
        &mut suite,
        &t2,
        json!({ "vote": { "proposal_id": id, "vote": "yes" } }),
    )
    .unwrap();

    let p = query(&suite, json!({ "proposal": { "proposal_id": id } })).unwrap();
    assert_eq!(p["id"], 1);
    assert_eq!(p["kind"], "governance");
    assert_eq!(p["status"], "passed");
    assert_eq!(p["rejection"], Value::Null);
    assert_eq!(p["tally"]["activists"], college_json(2, 0, 0, 3));
    assert_eq!(p["tally"]["technologists"], college_json(2, 0, 1, 3));

    let page = |suite: &CouncilSuite, status: Value| {
        query(
            suite,
            json!({ "proposals": { "status": status, "start_after": null, "limit": null } }),
        )
        .unwrap()["proposals"]
            .as_array()
            .expect("a proposals array")
            .len()
    };
    assert_eq!(page(&suite, Value::Null), 1);
    assert_eq!(page(&suite, json!("passed")), 1);
    assert_eq!(page(&suite, json!("open")), 0);
    let empty = query(&suite, json!({ "proposals": { "status": "open" } })).unwrap();
    assert_eq!(empty, json!({ "proposals": [] }));

    let ballots = query(&suite, json!({ "ballots": { "proposal_id": id } })).unwrap();
    assert_eq!(ballots["ballots"].as_array().unwrap().len(), 5);
    let ballot = query(
        &suite,
        json!({ "ballot": { "proposal_id": id, "voter": t0.to_string() } }),
    )
    .unwrap();
    assert_eq!(
        (&ballot["vote"], &ballot["college"], &ballot["rationale"]),
        (
            &json!("abstain"),
            &json!("technologists"),
            &json!("not my field")
        )
    );
    let log = query(&suite, json!({ "ballot_log": { "proposal_id": id } })).unwrap();
    let events = log["events"].as_array().unwrap();
    assert_eq!(events.len(), 5);
    assert_eq!(events[0]["event"]["kind"], "ballot");
    assert!(events[0]["hash"].is_string());
    let head = query(&suite, json!({ "ballot_log_head": { "proposal_id": id } })).unwrap();
    assert_eq!(head["length"], 5);
    assert_eq!(head["head"], events[4]["hash"]);
    let participation = query(&suite, json!({ "member_participation": {} })).unwrap();
    assert_eq!(participation["members"].as_array().unwrap().len(), 6);

    let rules = query(&suite, json!({ "rules": {} })).unwrap();
    let defaults = json!({
        "voting_period": 604800,
        "allow_revoting": false,
        "activists": { "quorum": "0.666666666666666666", "threshold": "0.5" },
        "technologists": { "quorum": "0.666666666666666666", "threshold": "0.5" },
        "execution_window": 1209600,
    });
    assert_eq!(rules["rules"], defaults);
    assert_eq!(rules["governance_rules"], defaults);

    let anyone = suite.addr("anyone");
    send(
        &mut suite,
        &anyone,
        json!({ "execute": { "proposal_id": id } }),
    )
    .unwrap();
    assert_eq!(page(&suite, json!("executed")), 1);
    assert_eq!(page(&suite, json!("passed")), 0);

    // one missing thing is an error naming it
    let err = query(&suite, json!({ "proposal": { "proposal_id": 7 } })).unwrap_err();
    assert_error(err, "proposal 7 not found");
    let stranger = suite.addr("stranger");
    let err = query(
        &suite,
        json!({ "ballot": { "proposal_id": id, "voter": stranger.to_string() } }),
    )
    .unwrap_err();
    assert_error(&err, stranger.as_str());
    assert_error(&err, "proposal 1");
}

#[test]
fn rejection_names_activists_before_technologists_then_turnout_before_approval() {
    let mut suite = CouncilSuite::new();
    let [a0, a1] = [suite.activist(0), suite.activist(1)];
    let t0 = suite.technologist(0);

    // activists fail approval (a tie), technologists fail turnout: the activists are named
    let first = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote(&a0, first, Vote::Yes).unwrap();
    suite.vote(&a1, first, Vote::No).unwrap();
    suite.vote(&t0, first, Vote::Yes).unwrap();
    // within one college: one `no` of three fails turnout and approval; turnout is named
    let second = suite.open_release_vote(&release_id("v2")).unwrap();
    suite.vote(&a0, second, Vote::No).unwrap();
    for id in [first, second] {
        let p = query(&suite, json!({ "proposal": { "proposal_id": id } })).unwrap();
        assert_eq!(p["status"], "open", "undecided before the deadline");
    }

    suite.advance(Rules::default().voting_period);
    let rejection = |id: u64| {
        let p = query(&suite, json!({ "proposal": { "proposal_id": id } })).unwrap();
        assert_eq!(p["status"], "rejected");
        p["rejection"].clone()
    };
    assert_eq!(
        rejection(first),
        json!({ "reason": "threshold_not_met", "college": "activists" })
    );
    assert_eq!(
        rejection(second),
        json!({ "reason": "turnout_not_met", "college": "activists" })
    );

    // delivered once, as rejected
    suite.close(first).unwrap();
    let err = suite.close(first).unwrap_err();
    assert_error(err, ContractError::AlreadyClosed { proposal_id: first });
    let delivered = suite.delivered(first).unwrap();
    assert_eq!(
        (delivered.decision.passed, delivered.deliveries),
        (false, 1)
    );
    assert_eq!(delivered.decision.tally.activists.no, 1);
}

#[test]
fn the_default_quorum_is_two_thirds_rounded_down() {
    let mut suite = CouncilSuite::builder().activists(6).build();
    let yes = [Vote::Yes; 2];
    // 3 of 6 activists is below 2/3 (4 is needed)
    let short = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(short, &[Vote::Yes; 3], &yes);
    assert_eq!(suite.proposal(short).status, ProposalStatus::Open);
    // 4 of 6 (3 yes, 1 abstention): 3 yes against at most 2 no, decided now
    let enough = suite.open_release_vote(&release_id("v2")).unwrap();
    suite.vote_colleges(
        enough,
        &[Vote::Yes, Vote::Yes, Vote::Yes, Vote::Abstain],
        &yes,
    );
    assert_eq!(suite.proposal(enough).status, ProposalStatus::Passed);
    // 2 of 3 technologists, one of them abstaining, is enough at the deadline
    let abstained = suite.open_release_vote(&release_id("v3")).unwrap();
    suite.vote_colleges(abstained, &[Vote::Yes; 4], &[Vote::Yes, Vote::Abstain]);
    assert_eq!(suite.proposal(abstained).status, ProposalStatus::Open);

    suite.advance(Rules::default().voting_period);
    let p = suite.proposal(short);
    assert_eq!(p.status, ProposalStatus::Rejected);
    let p = query(&suite, json!({ "proposal": { "proposal_id": short } })).unwrap();
    assert_eq!(
        p["rejection"],
        json!({ "reason": "turnout_not_met", "college": "activists" })
    );
    assert_eq!(suite.proposal(abstained).status, ProposalStatus::Passed);
}

#[test]
fn a_member_removed_or_moved_in_the_opening_block_votes_in_its_snapshot_college() {
    let mut suite = CouncilSuite::new();
    let (leaver, mover) = (suite.activist(2), suite.technologist(2));
    let change = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&mover, ACTIVIST)],
        remove: vec![leaver.to_string()],
    });
    let (_, res) = suite.pass(vec![change], 3, 3);
    res.unwrap();
    // the same block: the change is made, then the vote opens on the members at its start
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let tally = suite.proposal(id).tally;
    assert_eq!(
        (tally.activists.eligible, tally.technologists.eligible),
        (3, 3)
    );
    suite.vote(&leaver, id, Vote::Yes).unwrap();
    suite.vote(&mover, id, Vote::Yes).unwrap();
    assert_eq!(suite.ballot(id, &leaver).college, College::Activists);
    assert_eq!(suite.ballot(id, &mover).college, College::Technologists);
    let tally = suite.proposal(id).tally;
    assert_eq!((tally.activists.yes, tally.technologists.yes), (1, 1));

    // from the next block on, the change counts
    suite.next_block();
    let later = suite.open_release_vote(&release_id("v2")).unwrap();
    let tally = suite.proposal(later).tally;
    assert_eq!(
        (tally.activists.eligible, tally.technologists.eligible),
        (3, 2)
    );
    let err = suite.vote(&leaver, later, Vote::Yes).unwrap_err();
    assert_error(err, "is not a council member at the proposal's snapshot");
    suite.vote(&mover, later, Vote::Yes).unwrap();
    assert_eq!(suite.ballot(later, &mover).college, College::Activists);
}

/// Release votes allow revoting; governance proposals (which move the peer) do not, so
/// they are decided early.
fn revoting_release_votes() -> CouncilSuite {
    let revoting = Rules {
        allow_revoting: true,
        ..Rules::default()
    };
    CouncilSuite::builder()
        .rules(revoting)
        .governance_rules(Rules::default())
        .build()
}

#[test]
fn a_revote_after_membership_moves_still_counts_once() {
    let mut suite = revoting_release_votes();
    let voter = suite.activist(0);
    // a successor membership in which the voter is a technologist
    let code = suite.app.store_code(berty_testing::contracts::membership());
    let mut members: Vec<_> = (1..3)
        .map(|i| member(&suite.activist(i), ACTIVIST))
        .collect();
    members.extend((0..3).map(|i| member(&suite.technologist(i), TECHNOLOGIST)));
    members.push(member(&voter, TECHNOLOGIST));
    members.push(member(&suite.ctr(0), Role::CoreTeamRep));
    let deployer = suite.deployer.clone();
    let successor = suite
        .app
        .instantiate_contract(
            code,
            deployer,
            &membership::InstantiateMsg {
                owner: suite.council.to_string(),
                auditor_registrar: None,
                members,
            },
            &[],
            "membership-2",
            None,
        )
        .unwrap();
    suite.next_block();

    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote(&voter, id, Vote::Yes).unwrap();
    let moved = suite.council_msg(&ExecuteMsg::UpdateConfig(UpdateCouncilConfigMsg {
        membership: Some(successor.to_string()),
        release: None,
    }));
    let (_, res) = suite.pass(vec![moved], 3, 3);
    res.unwrap();
    assert_eq!(suite.config().membership, successor);

    suite.vote(&voter, id, Vote::No).unwrap();
    let tally = suite.proposal(id).tally;
    let counted: u64 = [tally.activists, tally.technologists]
        .iter()
        .map(|t| t.yes + t.no + t.abstain)
        .sum();
    assert_eq!(counted, 1, "one voter, one ballot: {tally:?}");
    assert_eq!((tally.activists.yes, tally.technologists.yes), (0, 0));
    let ballot = suite.ballot(id, &voter);
    assert_eq!(ballot.vote, Vote::No);
    assert_eq!(tally.college(ballot.college).no, 1, "counted where it says");
    // the open proposal reads the membership it opened with (whose counts it holds)...
    assert_eq!(ballot.college, College::Activists);
    // ...and a proposal opened afterwards reads the successor's
    suite.next_block();
    let next = suite.open_release_vote(&release_id("v2")).unwrap();
    suite.vote(&voter, next, Vote::Yes).unwrap();
    assert_eq!(suite.ballot(next, &voter).college, College::Technologists);
    let eligible = suite.proposal(next).tally;
    assert_eq!(
        (eligible.activists.eligible, eligible.technologists.eligible),
        (2, 4)
    );
}

#[test]
fn a_proposal_that_executes_itself_fails_and_stays_passed() {
    let mut suite = CouncilSuite::new();
    // a fresh suite gives the first proposal id 1
    let again = suite.council_msg(&ExecuteMsg::Execute { proposal_id: 1 });
    let (id, res) = suite.pass(vec![again], 3, 3);
    assert_eq!(id, 1);
    assert_error(
        format!("{:?}", res.unwrap_err()),
        ContractError::AlreadyExecuted { proposal_id: 1 },
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
}

#[test]
fn closing_a_passed_governance_proposal_first_delivers_nothing_and_blocks_nothing() {
    let mut suite = CouncilSuite::new();
    let id = suite.passed_signal();
    suite.close(id).unwrap();
    let err = suite.close(id).unwrap_err();
    assert_error(err, ContractError::AlreadyClosed { proposal_id: id });
    assert_eq!(
        suite.delivered(id),
        None,
        "nothing went to the release contract"
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    suite.execute_proposal(id).unwrap();
    assert_eq!(suite.proposal(id).status, ProposalStatus::Executed);
}

#[test]
fn threshold_one_is_refused_so_governance_cannot_lock_itself() {
    let mut suite = CouncilSuite::new();
    let mut unpassable = Rules::default();
    unpassable.technologists.threshold = cosmwasm_std::Decimal::one();
    let update = suite.council_msg(&ExecuteMsg::UpdateRules(UpdateRulesMsg {
        rules: Rules::default(),
        governance_rules: Some(unpassable),
    }));
    let (id, res) = suite.pass(vec![update], 3, 3);
    assert_error(
        format!("{:?}", res.unwrap_err()),
        "governance_rules.technologists.threshold",
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    assert_eq!(suite.rules().governance_rules, Rules::default());
}

#[test]
fn garbage_signatures_are_invalid_signatures_not_panics() {
    let key = berty_testing::TestKey::from_seed("signer");
    let (mut suite, signer) = suite_with_signer(&key);
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let zeros = |n: usize| cosmwasm_std::Binary::from(vec![0u8; n]).to_base64();
    let ff = cosmwasm_std::Binary::from(vec![0xffu8; 64]).to_base64();
    for signature in [
        String::new(),
        zeros(1),
        zeros(64),
        zeros(65),
        ff,
        zeros(4096),
    ] {
        let err = send(
            &mut suite,
            &signer,
            json!({ "vote": { "proposal_id": id, "vote": "yes", "rationale": "é✓", "signature": signature } }),
        )
        .unwrap_err();
        assert_error(
            err,
            ContractError::InvalidSignature {
                voter: signer.clone(),
            },
        );
    }
    // nothing was counted, and the voter may still vote
    assert_eq!(suite.proposal(id).tally.technologists.yes, 0);
    suite.vote(&signer, id, Vote::Yes).unwrap();
}

/// `proposals { status }` pages every proposal whose `proposal` answer has that status,
/// each once, most recently entered into the status first (issue 11, case 8; mutants of the
/// status filter). Three waves of proposals eight days apart, by six proposers in turn (at
/// most five open each), decided early or at their deadline, executed or left to expire;
/// walked by pages of 1 to 4 at two moments, the second past more deadlines and windows.
#[test]
fn status_pages_walk_exactly_the_proposals_of_that_status() {
    let mut suite = CouncilSuite::new();
    let proposers: Vec<Addr> = (0..3)
        .map(|i| suite.activist(i))
        .chain((0..3).map(|i| suite.technologist(i)))
        .collect();
    let day = 24 * 3600;
    let mut ids = vec![];
    for wave in 0..3 {
        for i in 0..9u64 {
            let proposer = proposers[ids.len() % proposers.len()].clone();
            let id = suite.propose_id(&proposer, &format!("p{wave}-{i}"), vec![]);
            match i % 5 {
                // passed early, then executed or not (and later expired)
                0 | 1 => {
                    suite.vote_colleges(id, &[Vote::Yes; 2], &[Vote::Yes; 2]);
                    if i % 5 == 0 {
                        suite.execute_proposal(id).unwrap();
                    }
                }
                // rejected early
                2 => suite.vote_colleges(id, &[Vote::No; 2], &[]),
                // would pass at the deadline (2 of 3, one abstaining), or would be rejected
                3 => suite.vote_colleges(id, &[Vote::Yes, Vote::Abstain], &[Vote::Yes; 2]),
                _ => suite.vote_colleges(id, &[Vote::Yes], &[Vote::Yes; 2]),
            }
            ids.push(id);
            suite.advance(60);
        }
        suite.advance(8 * day);
    }
    // of the proposals decided at their deadline, one is closed (stored), one executed
    suite.close(ids[3]).unwrap();
    suite.execute_proposal(ids[12]).unwrap();
    walk_every_status(&suite, &ids, &["passed", "rejected", "executed", "expired"]);
    suite.advance(5 * day);
    walk_every_status(&suite, &ids, &["passed", "rejected", "executed", "expired"]);
    // a fresh wave: open ones too
    let fresh = suite.propose_id(&proposers[0], "fresh", vec![]);
    ids.push(fresh);
    walk_every_status(
        &suite,
        &ids,
        &["open", "passed", "rejected", "executed", "expired"],
    );
}

/// The time a proposal entered its status, as its answer shows it: the sort key of the
/// status pages.
fn entered(p: &berty_interface::council_vote::ProposalResponse) -> u64 {
    match p.status {
        ProposalStatus::Open => p.opened_at.nanos(),
        ProposalStatus::Expired => p.execution_deadline.unwrap().nanos(),
        _ => p.decided_at.unwrap().nanos(),
    }
}

fn walk_every_status(suite: &CouncilSuite, ids: &[u64], present: &[&str]) {
    let answers: Vec<_> = ids.iter().map(|id| suite.proposal(*id)).collect();
    for status in ProposalStatus::ALL {
        let mut expected: Vec<(u64, u64)> = answers
            .iter()
            .filter(|p| p.status == status)
            .map(|p| (entered(p), p.id))
            .collect();
        expected.sort_by(|a, b| b.cmp(a));
        let expected: Vec<u64> = expected.into_iter().map(|(_, id)| id).collect();
        assert_eq!(
            !expected.is_empty(),
            present.contains(&status.as_str()),
            "{status}: {expected:?}"
        );
        for limit in 1..=4 {
            let mut walked = vec![];
            let mut start_after = None;
            loop {
                let page = suite.proposals(Some(status), start_after, Some(limit));
                let Some(last) = page.proposals.last() else {
                    break;
                };
                assert!(page.proposals.len() <= limit as usize);
                assert!(page.proposals.iter().all(|p| p.status == status));
                start_after = Some(last.id);
                walked.extend(page.proposals.iter().map(|p| p.id));
            }
            assert_eq!(walked, expected, "{status} by pages of {limit}");
        }
    }
    // without a status: every proposal, newest first
    let all: Vec<u64> = suite
        .proposals(None, None, Some(100))
        .proposals
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(all, ids.iter().rev().copied().collect::<Vec<_>>());
}

/// Issue 11, case 4: before, a proposal removing a college's last member passed, ran, and
/// left every later `open` failing (council-vote owns everything). Now membership refuses
/// it; the proposal stays passed and the DAO can still replace the college in one batch.
#[test]
fn a_proposal_emptying_a_college_cannot_lock_the_dao() {
    let mut suite = CouncilSuite::new();
    let remove = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![],
        remove: (0..3).map(|i| suite.technologist(i).to_string()).collect(),
    });
    let (id, res) = suite.pass(vec![remove], 3, 3);
    assert_error(
        format!("{:?}", res.unwrap_err()),
        berty_membership::ContractError::CollegeEmpty {
            college: "technologists",
        },
    );
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
    suite.next_block();
    // the same change as one batch that seats new technologists is accepted
    let newcomers: Vec<Addr> = (0..2)
        .map(|i| suite.app.api().addr_make(&format!("new-tech{i}")))
        .collect();
    let replace = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: newcomers.iter().map(|a| member(a, TECHNOLOGIST)).collect(),
        remove: (0..3).map(|i| suite.technologist(i).to_string()).collect(),
    });
    let (_, res) = suite.pass(vec![replace], 3, 3);
    res.unwrap();
    suite.next_block();
    let vote = suite.open_release_vote(&release_id("v2")).unwrap();
    assert_eq!(suite.proposal(vote).tally.technologists.eligible, 2);
}

/// Who may send a message is checked before anything else it carries is looked at.
#[test]
fn authorization_comes_before_every_other_check() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(id, &[Vote::No; 2], &[]);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Rejected);
    let stranger = suite.addr("stranger");
    let council = suite.council.clone();
    let funds = cosmwasm_std::coins(5, "ustake");
    berty_testing::set_balance(&mut suite.app, &stranger, &funds);
    let too_long = "x".repeat(5000);
    let attempts = [
        // a decided proposal, an oversized rationale, a malformed signature
        json!({ "vote": { "proposal_id": id, "vote": "yes", "rationale": too_long, "signature": "AA==" } }),
        // an empty title, an oversized description, too many messages
        json!({ "propose": { "title": " ", "description": too_long, "msgs": vec![json!({ "bank": { "send": { "to_address": stranger.to_string(), "amount": [] } } }); 17] } }),
        // not a digest
        json!({ "open_release_vote": { "release_id": "not-a-digest" } }),
        // rules nobody could pass
        json!({ "update_rules": { "rules": { "voting_period": 0, "allow_revoting": false,
            "activists": { "quorum": "2", "threshold": "1" },
            "technologists": { "quorum": "2", "threshold": "1" } } } }),
        json!({ "update_config": { "membership": "not-an-address" } }),
    ];
    for msg in attempts {
        let err = suite
            .app
            .execute_contract(stranger.clone(), council.clone(), &msg, &funds)
            .unwrap_err();
        assert_error(&err, format!("Unauthorized: {stranger} is not"));
    }
}

/// Membership changes, by a plain owner, in blocks before, in and after the opening block
/// (before and after the vote opens in it): the eligible counts are the colleges at the
/// start of the opening block, and exactly those members vote, each in its college there,
/// once, however often it revotes.
mod snapshot_property {
    use super::*;
    use berty_interface::council_vote::InstantiateMsg;
    use berty_interface::membership::InstantiateMsg as MembershipInit;
    use berty_testing::contracts;
    use berty_testing::mock_release;
    use cw_multi_test::App;
    use proptest::prelude::*;

    const UNIVERSE: usize = 7;

    /// (member index, what happens to it: 0 removed, 1 activist, 2 technologist, 3 CTR)
    type Op = (usize, u8);

    fn role_of(action: u8) -> Option<Role> {
        match action {
            1 => Some(ACTIVIST),
            2 => Some(TECHNOLOGIST),
            3 => Some(Role::CoreTeamRep),
            _ => None,
        }
    }

    struct World {
        app: App,
        owner: Addr,
        membership: Addr,
        council: Addr,
        release: Addr,
        people: Vec<Addr>,
        roles: Vec<Option<Role>>,
    }

    impl World {
        fn new() -> Self {
            let mut app = App::default();
            let owner = app.api().addr_make("owner");
            let people: Vec<Addr> = (0..UNIVERSE)
                .map(|i| app.api().addr_make(&format!("m{i}")))
                .collect();
            let mut roles = vec![None; UNIVERSE];
            roles[0] = Some(ACTIVIST);
            roles[1] = Some(ACTIVIST);
            roles[2] = Some(TECHNOLOGIST);
            roles[3] = Some(TECHNOLOGIST);
            let members = (0..UNIVERSE)
                .filter_map(|i| roles[i].map(|role| member(&people[i], role)))
                .collect();
            let code = app.store_code(contracts::membership());
            let membership = app
                .instantiate_contract(
                    code,
                    owner.clone(),
                    &MembershipInit {
                        owner: owner.to_string(),
                        auditor_registrar: None,
                        members,
                    },
                    &[],
                    "membership",
                    None,
                )
                .unwrap();
            let release = mock_release::instantiate_mock(&mut app, &owner);
            let code = app.store_code(contracts::council_vote());
            let rules = Rules {
                allow_revoting: true,
                ..Rules::default()
            };
            let council = app
                .instantiate_contract(
                    code,
                    owner.clone(),
                    &InstantiateMsg {
                        membership: membership.to_string(),
                        release: release.to_string(),
                        rules,
                        governance_rules: None,
                    },
                    &[],
                    "council-vote",
                    None,
                )
                .unwrap();
            let mut world = World {
                app,
                owner,
                membership,
                council,
                release,
                people,
                roles,
            };
            world.next_block();
            world
        }

        fn next_block(&mut self) {
            self.app.update_block(|b| {
                b.height += 1;
                b.time = b.time.plus_seconds(5);
            });
        }

        /// Applies the op when it changes something.
        fn apply(&mut self, (i, action): Op) {
            let (addr, new) = (self.people[i].to_string(), role_of(action));
            if self.roles[i] == new {
                return;
            }
            let msg = match new {
                Some(role) => MembershipMsg::UpdateMembers {
                    add: vec![member(&self.people[i], role)],
                    remove: vec![],
                },
                None => MembershipMsg::UpdateMembers {
                    add: vec![],
                    remove: vec![addr],
                },
            };
            let mut after = self.roles.clone();
            after[i] = new;
            let seated = |college| {
                after
                    .iter()
                    .any(|r| r.and_then(|r| r.college()) == Some(college))
            };
            let result =
                self.app
                    .execute_contract(self.owner.clone(), self.membership.clone(), &msg, &[]);
            // membership refuses to leave a college empty (SPEC 4.1)
            if College::ALL.into_iter().all(seated) {
                result.unwrap();
                self.roles[i] = new;
            } else {
                assert!(result.is_err(), "emptying a college was accepted");
            }
        }

        fn college_of(&self, i: usize) -> Option<College> {
            self.roles[i].and_then(|role| role.college())
        }
    }

    fn ops(max: usize) -> impl Strategy<Value = Vec<Op>> {
        proptest::collection::vec((0..UNIVERSE, 0u8..4), 0..max)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn eligibility_is_the_opening_blocks_start(
            earlier in proptest::collection::vec(ops(3), 0..3),
            in_block_before in ops(3),
            in_block_after in ops(3),
            later in ops(4),
        ) {
            let mut world = World::new();
            for block in earlier {
                for op in block {
                    world.apply(op);
                }
                world.next_block();
            }
            let snapshot: Vec<Option<College>> =
                (0..UNIVERSE).map(|i| world.college_of(i)).collect();
            for op in in_block_before {
                world.apply(op);
            }
            let (release, council) = (world.release.clone(), world.council.clone());
            let opened = mock_release::open_vote(&mut world.app, &release, &council, &release_id("v"));
            let size = |c: College| snapshot.iter().filter(|s| **s == Some(c)).count() as u64;
            let (activists, technologists) = (size(College::Activists), size(College::Technologists));
            if activists == 0 || technologists == 0 {
                prop_assert!(opened.is_err());
                return Ok(());
            }
            let id = proposal_id_of(&opened.unwrap());
            for op in in_block_after {
                world.apply(op);
            }
            world.next_block();
            for op in later {
                world.apply(op);
            }
            world.next_block();
            for vote in [Vote::Yes, Vote::No] {
                for (i, (voter, college)) in world.people.iter().zip(&snapshot).enumerate() {
                    let res = world.app.execute_contract(
                        voter.clone(),
                        council.clone(),
                        &ExecuteMsg::Vote(VoteMsg { proposal_id: id, vote, rationale: None, signature: None }),
                        &[],
                    );
                    prop_assert_eq!(res.is_ok(), college.is_some(), "m{} at {:?}", i, college);
                }
            }
            let p: berty_interface::council_vote::ProposalResponse = world
                .app
                .wrap()
                .query_wasm_smart(council.clone(), &json!({ "proposal": { "proposal_id": id } }))
                .unwrap();
            for (i, college) in snapshot.iter().enumerate() {
                let Some(college) = college else { continue };
                let ballot: berty_interface::council_vote::BallotResponse = world
                    .app
                    .wrap()
                    .query_wasm_smart(
                        council.clone(),
                        &json!({ "ballot": { "proposal_id": id, "voter": world.people[i].to_string() } }),
                    )
                    .unwrap();
                prop_assert_eq!((ballot.college, ballot.vote), (*college, Vote::No));
            }
            prop_assert_eq!(
                (p.tally.activists.eligible, p.tally.technologists.eligible),
                (activists, technologists)
            );
            prop_assert_eq!(
                (p.tally.activists.yes, p.tally.activists.no, p.tally.activists.abstain),
                (0, activists, 0)
            );
            prop_assert_eq!(
                (p.tally.technologists.yes, p.tally.technologists.no, p.tally.technologists.abstain),
                (0, technologists, 0)
            );
        }
    }
}
