//! Lists and lookups: newest-first proposals by status, ballots by voter, participation.

use berty_council_vote::ContractError;
use berty_interface::council_vote::{ProposalStatus, QueryMsg, Rules, Vote};
use berty_interface::membership::ExecuteMsg as MembershipMsg;
use berty_testing::assert_error;
use berty_testing::council::{release_id, CouncilSuite};
use berty_testing::membership::{member, ACTIVIST};

fn ids(
    suite: &CouncilSuite,
    status: Option<ProposalStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Vec<u64> {
    suite
        .proposals(status, start_after, limit)
        .proposals
        .iter()
        .map(|p| p.id)
        .collect()
}

#[test]
fn proposals_newest_first_by_status_including_deadline_decisions() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    // 1 executed, 2 passed, 3 rejected early, 4 decided by its deadline (stored open), 5 open
    let (executed, res) = suite.pass(vec![], 3, 3);
    res.unwrap();
    let passed = suite.propose_id(&ctr, "passed", vec![]);
    suite.vote_colleges(passed, &[Vote::Yes; 2], &[Vote::Yes; 2]);
    let rejected = suite.open_release_vote(&release_id("r")).unwrap();
    suite.vote_colleges(rejected, &[Vote::No; 2], &[]);
    let expired = suite.propose_id(&ctr, "expired", vec![]);
    suite.advance(Rules::default().voting_period);
    let open = suite.propose_id(&ctr, "open", vec![]);

    assert_eq!(ids(&suite, None, None, None), vec![5, 4, 3, 2, 1]);
    assert_eq!(ids(&suite, None, Some(4), Some(2)), vec![3, 2]);
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Open), None, None),
        vec![open]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Executed), None, None),
        vec![executed]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Passed), None, None),
        vec![passed]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Rejected), None, None),
        vec![expired, rejected]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Rejected), Some(expired), None),
        vec![rejected]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Rejected), None, Some(1)),
        vec![expired]
    );
    // closing stores the deadline's decision; the lists stay the same
    suite.close(expired).unwrap();
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Rejected), None, None),
        vec![expired, rejected]
    );
    assert_eq!(
        ids(&suite, Some(ProposalStatus::Open), None, None),
        vec![open]
    );
    // limit 0 still advances, more than 100 is 100
    assert_eq!(ids(&suite, None, None, Some(0)), vec![5]);
    assert_eq!(ids(&suite, None, None, Some(1000)).len(), 5);
}

/// A list's cursor never errs: with a status, an unknown `start_after` pages like the
/// unfiltered list (newest first, so an id past the last one starts from the top and 0 ends
/// it), and the id of a proposal with another status pages from where it would sit.
#[test]
fn proposals_by_status_page_after_any_cursor() {
    let mut suite = CouncilSuite::new();
    let ctr = suite.ctr(0);
    // 1 open, 2 rejected early, 3 open
    assert_eq!(suite.propose_id(&ctr, "first", vec![]), 1);
    assert_eq!(suite.open_release_vote(&release_id("r")).unwrap(), 2);
    suite.vote_colleges(2, &[Vote::No; 2], &[]);
    assert_eq!(suite.propose_id(&ctr, "last", vec![]), 3);
    let (open, rejected) = (Some(ProposalStatus::Open), Some(ProposalStatus::Rejected));
    let none = Vec::<u64>::new();

    assert_eq!(ids(&suite, None, Some(99), None), vec![3, 2, 1]);
    // unknown ids: past the last one (99, or the next id 4), or below the first (0)
    for unknown in [99, 4] {
        assert_eq!(ids(&suite, open, Some(unknown), None), vec![3, 1]);
        assert_eq!(ids(&suite, open, Some(unknown), Some(1)), vec![3]);
        assert_eq!(ids(&suite, rejected, Some(unknown), None), vec![2]);
    }
    assert_eq!(ids(&suite, open, Some(0), None), none);
    assert_eq!(ids(&suite, rejected, Some(0), None), none);
    // a cursor of another status: the page that follows it, no error
    assert_eq!(ids(&suite, open, Some(2), None), vec![1]);
    assert_eq!(ids(&suite, rejected, Some(3), None), vec![2]);
    // and of the status asked, as before
    assert_eq!(ids(&suite, open, Some(3), None), vec![1]);
    assert_eq!(ids(&suite, open, Some(1), None), none);
}

#[test]
fn missing_things_are_errors_that_name_them() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    for msg in [
        QueryMsg::Proposal { proposal_id: 9 },
        QueryMsg::BallotLogHead { proposal_id: 9 },
        QueryMsg::BallotLog {
            proposal_id: 9,
            start_after: None,
            limit: None,
        },
        QueryMsg::Ballots {
            proposal_id: 9,
            start_after: None,
            limit: None,
        },
    ] {
        assert_error(
            suite.query_err(&msg),
            ContractError::ProposalNotFound { proposal_id: 9 },
        );
    }
    let err = suite.query_err(&QueryMsg::Ballot {
        proposal_id: id,
        voter: a0.to_string(),
    });
    assert_error(
        err,
        ContractError::BallotNotFound {
            proposal_id: id,
            voter: a0,
        },
    );
    let err = suite.query_err(&QueryMsg::Ballot {
        proposal_id: id,
        voter: "nobody".into(),
    });
    assert!(err.contains("invalid address \"nobody\""), "{err}");
}

#[test]
fn ballots_and_their_log_page() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(id, &[Vote::Yes, Vote::No], &[Vote::Abstain]);
    let mut voters = vec![suite.activist(0), suite.activist(1), suite.technologist(0)];
    voters.sort();
    let all: Vec<_> = suite
        .ballots(id, None, None)
        .ballots
        .into_iter()
        .map(|b| b.voter)
        .collect();
    assert_eq!(all, voters);
    let page: Vec<_> = suite
        .ballots(id, Some(&voters[0]), Some(1))
        .ballots
        .into_iter()
        .map(|b| b.voter)
        .collect();
    assert_eq!(page, vec![voters[1].clone()]);
    let seqs: Vec<u64> = suite
        .ballot_log(id, Some(0), Some(5))
        .events
        .iter()
        .map(|e| e.event.seq)
        .collect();
    assert_eq!(seqs, vec![1, 2]);
}

#[test]
fn participation_counts_the_proposals_of_each_seat() {
    let mut suite = CouncilSuite::new();
    let (a0, a1) = (suite.activist(0), suite.activist(1));
    let first = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote(&a0, first, Vote::Yes).unwrap();
    let second = suite.open_release_vote(&release_id("v2")).unwrap();
    suite.vote(&a0, second, Vote::No).unwrap();
    suite.vote(&a1, second, Vote::No).unwrap();
    suite.next_block();
    let _third = suite.open_release_vote(&release_id("v3")).unwrap();

    let all = suite.member_participation(None, Some(100)).members;
    assert_eq!(all.len(), 6);
    let of = |addr| all.iter().find(|m| m.addr == addr).unwrap().clone();
    let (p0, p1) = (of(a0.clone()), of(a1.clone()));
    assert_eq!((p0.voted, p0.window, p0.first_proposal), (2, 3, Some(1)));
    assert_eq!((p1.voted, p1.window), (1, 3));
    assert_eq!(of(suite.technologist(2)).voted, 0);

    // a member seated later is measured from its seat; one who left is not listed
    let newcomer = suite.addr("newcomer");
    let change = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&newcomer, ACTIVIST)],
        remove: vec![a1.to_string()],
    });
    let (governance, res) = suite.pass(vec![change], 3, 3);
    res.unwrap();
    suite.next_block();
    let fifth = suite.open_release_vote(&release_id("v5")).unwrap();
    suite.vote(&newcomer, fifth, Vote::Yes).unwrap();
    let all = suite.member_participation(None, None).members;
    assert!(all.iter().all(|m| m.addr != a1));
    let p = all.iter().find(|m| m.addr == newcomer).unwrap();
    assert_eq!((p.voted, p.window, p.first_proposal), (1, 1, Some(fifth)));
    let p0 = all.iter().find(|m| m.addr == a0).unwrap();
    // a0 voted on 1, 2 and the governance proposal; 5 proposals so far
    assert_eq!((p0.voted, p0.window), (3, 5));
    assert_eq!(governance, 4);
    // pages follow membership's address order
    let page = suite
        .member_participation(Some(&all[0].addr), Some(2))
        .members;
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].addr, all[1].addr);
}

#[test]
fn participation_looks_at_the_last_ten_proposals() {
    let mut suite = CouncilSuite::new();
    let (a0, a1) = (suite.activist(0), suite.activist(1));
    let window = berty_council_vote::query::PARTICIPATION_WINDOW;
    assert_eq!(window, 10);
    // 12 proposals: a0 votes on the first 11, a1 on the last 3
    for i in 1..=12u64 {
        let id = suite
            .open_release_vote(&release_id(&format!("v{i}")))
            .unwrap();
        assert_eq!(id, i);
        if i <= 11 {
            suite.vote(&a0, id, Vote::Yes).unwrap();
        }
        if i >= 10 {
            suite.vote(&a1, id, Vote::No).unwrap();
        }
    }
    let all = suite.member_participation(None, Some(100)).members;
    let of = |addr: &cosmwasm_std::Addr| all.iter().find(|m| m.addr == *addr).unwrap().clone();
    let (p0, p1) = (of(&a0), of(&a1));
    // the window is proposals 3 to 12: a0 voted on 3..=11, a1 on 10..=12
    assert_eq!((p0.voted, p0.window, p0.first_proposal), (9, 10, Some(3)));
    assert_eq!((p1.voted, p1.window, p1.first_proposal), (3, 10, Some(3)));
    assert_eq!(of(&suite.technologist(0)).voted, 0);
}

#[test]
fn participation_pages_are_at_most_thirty_members() {
    let mut suite = CouncilSuite::builder()
        .activists(20)
        .technologists(20)
        .build();
    suite.open_release_vote(&release_id("v1")).unwrap();
    let page = suite.member_participation(None, Some(100)).members;
    assert_eq!(
        page.len(),
        berty_council_vote::query::MAX_PARTICIPATION_PAGE
    );
    let rest = suite
        .member_participation(Some(&page[29].addr), Some(100))
        .members;
    assert_eq!(rest.len(), 10);
    assert!(page.iter().chain(&rest).all(|m| m.window == 1));
}
